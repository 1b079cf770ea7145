package io.sentinel.store.testing;

import io.sentinel.store.queue.LocalRedisServer;

/**
 * Test fixture: a real Redis server ({@link LocalRedisServer}) with append-only persistence, so
 * that {@link #restart()} keeps the data.
 *
 * <pre>{@code
 * try (TestRedis redis = TestRedis.start()) {
 *     Redis client = Redis.connect(redis.url());
 *     ...
 *     redis.restart();   // same port and data
 * }
 * }</pre>
 */
public final class TestRedis implements AutoCloseable {
    private final LocalRedisServer server;

    private TestRedis(LocalRedisServer server) {
        this.server = server;
    }

    /** Starts a server; fails with a clear message when no redis-server binary exists. */
    public static TestRedis start() {
        return new TestRedis(LocalRedisServer.start(true));
    }

    /** {@code redis://127.0.0.1:<port>/0}. */
    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** Stops the server (the append-only file is synced; data stays on disk). */
    public void stop() {
        server.stop();
    }

    /** Stops and starts again on the same port with the same data. */
    public void restart() {
        server.restart();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.close();
    }
}
