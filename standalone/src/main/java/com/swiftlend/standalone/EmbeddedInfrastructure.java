package com.swiftlend.standalone;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import com.swiftlend.protection.kms.LocalKeyManagementService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
import redis.embedded.RedisServer;

/**
 * Starts the services the system needs, in this process, before Spring builds any bean that
 * connects to them: PostgreSQL 15 (zonky's real binaries; its data directory survives restarts),
 * Redis 7, and Temporal's Java test server. Everything listens on the loopback address only. The
 * connection properties are then pointed at them, so the rest of the system cannot tell these
 * from external services, which are one property change away ({@code swiftlend.embedded.enabled=false}).
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    static final String PREFIX = "swiftlend.embedded.";
    static final String LOCAL_KEY_FILE = "swiftlend.protection.kms.local-key-file";
    static final String TOKEN_SIGNING_KEY_FILE = "swiftlend.auth.signing-key-file";

    /** What runs, for the start-up summary; a bean of the context that started it. */
    record Running(Path dataDirectory, String jdbcUrl, int redisPort, String temporalTarget, int httpPort,
            boolean tls) {
    }


    @Override
    public int getOrder() {
        // After application.yml and profiles are read, so they can switch this off or move it.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(PREFIX + "enabled", Boolean.class, false)) {
            return;
        }
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            boolean ephemeral = environment.getProperty(PREFIX + "ephemeral", Boolean.class, false);
            Path dataDirectory = ephemeral
                    ? Files.createTempDirectory("swiftlend-")
                    : Path.of(environment.getProperty(PREFIX + "data-dir", "data")).toAbsolutePath().normalize();
            Path postgresData = dataDirectory.resolve("postgres");
            Files.createDirectories(postgresData.getParent());

            stopOrphanedPostgres(postgresData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresData)
                    .setCleanDataDirectory(false)
                    .setPort(port(environment, "postgres-port"))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky tunes PostgreSQL for throwaway test databases (no fsync, asynchronous
                    // commit); this one holds applications and payouts, so a commit must be on disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            started.push(postgres);

            Path redisPidFile = dataDirectory.resolve("redis.pid");
            stopOrphan(redisPidFile, "redis-server");
            int redisPort = port(environment, "redis-port");
            RedisServer redis = RedisServer.builder()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    // The velocity windows are rebuilt by traffic; nothing here is worth a disk write.
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            started.push(redis::stop);
            rememberChild(redisPidFile, "redis-server");

            int temporalPort = port(environment, "temporal-port");
            TestServicesStarter temporal = temporalServices();
            NettyServerBuilder grpc = NettyServerBuilder.forAddress(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), temporalPort));
            GRPCServerHelper.registerServicesAndHealthChecks(temporal.getServices(), grpc);
            Server temporalServer = grpc.build().start();
            started.push(() -> {
                temporalServer.shutdown().awaitTermination(5, TimeUnit.SECONDS);
                temporal.close();
            });

            int httpPort = environment.getProperty("server.port", Integer.class, 8080);
            if (httpPort == 0) {
                httpPort = freePort();
            }
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres").replace("localhost", "127.0.0.1");
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("server.port", httpPort);
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", redisPort);
            properties.put("spring.temporal.connection.target", "127.0.0.1:" + temporalPort);
            int partiesPort = httpPort;
            if (environment.getProperty("swiftlend.tls.enabled", Boolean.class, false)) {
                // The simulators stand for outside parties reached over their own connections; with
                // the API on HTTPS they get a plain connector of their own, on the loopback only.
                partiesPort = freePort();
                properties.put(EmbeddedTls.INTERNAL_HTTP_PORT, partiesPort);
                if (environment.getProperty("server.ssl.key-store") == null) {
                    properties.putAll(EmbeddedTls.selfSignedCertificate(dataDirectory.resolve("keys")));
                }
            }
            if (environment.getProperty("swiftlend.simulators.enabled", Boolean.class, true)) {
                // The parties are the simulators of this process; with them off, they are wherever
                // swiftlend.parties.base-url (or each party's own base-url) says.
                properties.put("swiftlend.parties.base-url", "http://127.0.0.1:" + partiesPort + "/simulators");
            }
            if (environment.getProperty(LOCAL_KEY_FILE) == null
                    && System.getenv(LocalKeyManagementService.ENVIRONMENT_VARIABLE) == null) {
                properties.put(LOCAL_KEY_FILE, localKeyFile(dataDirectory.resolve("keys")).toString());
            }
            if (environment.getProperty(TOKEN_SIGNING_KEY_FILE) == null) {
                // Created by the API at first start (TokenSigning), owner-readable only, beside the KEK.
                properties.put(TOKEN_SIGNING_KEY_FILE, dataDirectory.resolve("keys").resolve("token-signing.jwk")
                        .toString());
            }
            environment.getPropertySources().addFirst(new MapPropertySource("swiftlendEmbedded", properties));

            Running running = new Running(dataDirectory, jdbcUrl, redisPort, "127.0.0.1:" + temporalPort, httpPort,
                    environment.getProperty("swiftlend.tls.enabled", Boolean.class, false));
            Runnable stop = () -> stopAll(started, ephemeral ? dataDirectory : null);
            application.addListeners(event -> {
                if (event instanceof ApplicationFailedEvent) {
                    stop.run();
                }
            });
            // Stopped last, after the workers and the web server: stopping Temporal or PostgreSQL
            // under running pollers fills the log with connection errors at every shutdown.
            application.addInitializers(context -> {
                context.getBeanFactory().registerSingleton("embeddedInfrastructureLifecycle", new StopLast(stop));
                context.getBeanFactory().registerSingleton("embeddedInfrastructure", running);
            });
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "swiftlend-embedded-stop"));
        } catch (IOException | RuntimeException e) {
            stopAll(started, null);
            throw new IllegalStateException("Could not start the embedded services", e);
        }
    }

    /**
     * The key-encryption key of the embedded default: 32 random bytes, made on first start, kept
     * beside the database it protects and readable by this user only. Losing it loses the personal
     * data. Written to a temporary file and moved into place, so a crash never leaves half a key.
     */
    static Path localKeyFile(Path directory) throws IOException {
        Path keyFile = directory.resolve("local-kek");
        if (Files.exists(keyFile)) {
            return keyFile;
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        Path partial = posix
                ? Files.createTempFile(directory, "local-kek", ".partial",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "local-kek", ".partial");
        try {
            Files.writeString(partial, LocalKeyManagementService.newEncodedKey(), StandardCharsets.US_ASCII);
            Files.move(partial, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return keyFile;
    }

    /** Runs the stop when the context stops its lifecycle beans, in the lowest phase: last. */
    /** Temporal's test server as a running system: time never skipped, its lock record bounded. */
    static TestServicesStarter temporalServices() {
        TestServicesStarter temporal = new TestServicesStarter(true, 0);
        TimerLockEvents.bound(temporal);
        return temporal;
    }

    private static final class StopLast implements SmartLifecycle {

        private final Runnable stop;
        private volatile boolean running = true;

        StopLast(Runnable stop) {
            this.stop = stop;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            stop.run();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }

    private static synchronized void stopAll(Deque<AutoCloseable> started, Path ephemeralDirectory) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping an embedded service failed: " + e);
            }
        }
        if (ephemeralDirectory != null) {
            try {
                FileSystemUtils.deleteRecursively(ephemeralDirectory);
            } catch (IOException e) {
                System.err.println("Could not delete " + ephemeralDirectory + ": " + e);
            }
        }
    }

    /**
     * A process killed with -9 leaves its PostgreSQL running on the data directory, which would
     * refuse a new server. The pid file names it; it is stopped the way pg_ctl would (SIGTERM).
     */
    private static void stopOrphanedPostgres(Path dataDirectory) throws IOException {
        stopOrphan(dataDirectory.resolve("postmaster.pid"), "postgres");
    }

    /** Stops the process a pid file names, if it is still alive and is the program expected. */
    private static void stopOrphan(Path pidFile, String program) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(process -> process.info().command().map(command -> command.contains(program)).orElse(false))
                .ifPresent(orphan -> {
                    orphan.destroy();
                    orphan.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
    }

    /** Notes the pid of a child server so a later start can stop it if this process dies hard. */
    private static void rememberChild(Path pidFile, String program) throws IOException {
        Optional<ProcessHandle> child = ProcessHandle.current().children()
                .filter(process -> process.info().command().map(command -> command.contains(program)).orElse(false))
                .max(Comparator.comparing(process -> process.info().startInstant().orElse(Instant.EPOCH)));
        if (child.isPresent()) {
            Files.writeString(pidFile, child.get().pid() + System.lineSeparator());
        }
    }

    private static int port(ConfigurableEnvironment environment, String name) {
        int port = environment.getProperty(PREFIX + name, Integer.class, 0);
        return port != 0 ? port : freePort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
