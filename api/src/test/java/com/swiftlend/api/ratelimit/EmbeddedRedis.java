package com.swiftlend.api.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/** A real Redis 7 on a free loopback port (or a port nothing listens on), and a template for it. */
final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final LettuceConnectionFactory connections;
    private final StringRedisTemplate template;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        connections.afterPropertiesSet();
        this.template = new StringRedisTemplate(connections);
    }

    static EmbeddedRedis start() throws IOException {
        int port = freePort();
        RedisServer server = RedisServer.builder().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new EmbeddedRedis(server, port);
    }

    /** A client of a Redis that is not there: every command fails to connect. */
    static EmbeddedRedis unreachable() {
        return new EmbeddedRedis(null, freePort());
    }

    StringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() throws IOException {
        connections.destroy();
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
