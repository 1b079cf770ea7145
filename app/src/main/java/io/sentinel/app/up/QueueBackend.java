package io.sentinel.app.up;

import io.sentinel.protocol.signing.NonceCache;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.nonce.RedisNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.QueueException;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest queue and nonce cache of a process: Redis Streams and a Redis nonce cache when
 * {@code REDIS_URL} is set (shared by every controller and worker), else an in-process queue and
 * an in-memory nonce cache (one process only: {@code sentinel up}).
 */
public record QueueBackend(IngestQueue queue, NonceCache nonces, Optional<Redis> redis) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueBackend.class);
    /** Unacknowledged entries the in-process queue holds before refusing more. */
    public static final int IN_PROCESS_CAPACITY = 200_000;

    /** Connects to Redis, retrying for up to {@code patience} (compose may start us first). */
    public static QueueBackend redis(String redisUrl, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long sleepMs = 250;
        while (true) {
            try {
                Redis redis = Redis.connect(redisUrl);
                return new QueueBackend(new RedisStreamQueue(redis), new RedisNonceCache(redis), Optional.of(redis));
            } catch (QueueException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("Redis not reachable yet ({}); retrying", e.getMessage());
                Thread.sleep(sleepMs);
                sleepMs = Math.min(5_000, sleepMs * 2);
            }
        }
    }

    public static QueueBackend inProcess() {
        return new QueueBackend(new InProcessQueue(IN_PROCESS_CAPACITY), new InMemoryNonceCache(), Optional.empty());
    }

    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            redis.ifPresent(Redis::close);
        }
    }
}
