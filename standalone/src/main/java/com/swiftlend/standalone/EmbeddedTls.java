package com.swiftlend.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * HTTPS on the embedded defaults ({@code --swiftlend.tls.enabled=true}): a self-signed
 * certificate for localhost, made once with the JDK's keytool (a fresh machine has nothing else)
 * and kept beside the other keys. A real certificate is configuration: {@code server.ssl.*}.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedTls {

    static final String INTERNAL_HTTP_PORT = "swiftlend.tls.internal-http-port";

    /** The simulators' plain connector, on the loopback address only. */
    @Bean
    @ConditionalOnProperty(INTERNAL_HTTP_PORT)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalHttpConnector(Environment environment) {
        int port = environment.getRequiredProperty(INTERNAL_HTTP_PORT, Integer.class);
        return factory -> {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            factory.addAdditionalTomcatConnectors(connector);
        };
    }

    /** Creates the key store at first use; the server.ssl.* properties that serve it. */
    static Map<String, Object> selfSignedCertificate(Path keyDirectory) throws IOException {
        Path keyStore = keyDirectory.resolve("tls.p12");
        Path passwordFile = keyDirectory.resolve("tls.password");
        if (!Files.exists(keyStore) || !Files.exists(passwordFile)) {
            Files.createDirectories(keyDirectory);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.deleteIfExists(keyStore);
            keytool(keyStore, password);
            writeOwnerOnly(passwordFile, password);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.ssl.enabled", true);
        properties.put("server.ssl.key-store", keyStore.toUri().toString());
        properties.put("server.ssl.key-store-type", "PKCS12");
        properties.put("server.ssl.key-store-password", Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        properties.put("server.ssl.key-alias", "swiftlend");
        return properties;
    }

    private static void keytool(Path keyStore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "swiftlend",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password)
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create the certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while creating the certificate", e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
