package io.sentinel.store.queue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * A Redis client from {@code REDIS_URL} ({@code redis://:pass@host:6379/0}) with one shared
 * connection for short commands. Blocking reads open their own connection
 * ({@link #newConnection()}). Commands fail fast while Redis is unreachable rather than queueing
 * in memory. Close it on shutdown.
 */
public final class Redis implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> shared;

    private Redis(RedisClient client) {
        this.client = client;
        this.shared = client.connect(Utf8Codec.INSTANCE);
    }

    /** Connects to {@code REDIS_URL}; throws {@link QueueException} when unreachable. */
    public static Redis connect(String redisUrl) {
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUrl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("REDIS_URL must look like redis://:password@host:6379/0");
        }
        uri.setTimeout(Duration.ofSeconds(10));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                .build());
        try {
            return new Redis(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw new QueueException("cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    /** Synchronous commands on the shared connection (thread-safe; do not block on it). */
    public RedisCommands<String, String> commands() {
        return shared.sync();
    }

    /** A new connection for blocking commands; the caller closes it. */
    public StatefulRedisConnection<String, String> newConnection() {
        return client.connect(Utf8Codec.INSTANCE);
    }

    /** True when PING answers. */
    public boolean isReachable() {
        try {
            return "PONG".equals(shared.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        shared.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
