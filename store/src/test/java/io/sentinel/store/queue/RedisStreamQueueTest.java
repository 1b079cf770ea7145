package io.sentinel.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisStreamQueueTest extends IngestQueueContract {
    static TestRedis server;
    static Redis redis;
    static final AtomicInteger STREAMS = new AtomicInteger();
    final List<IngestQueue> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestRedis.start();
        redis = Redis.connect(server.url());
    }

    @AfterAll
    static void stop() {
        redis.close();
        server.close();
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(IngestQueue::close);
    }

    @Override
    IngestQueue queue(int capacity) {
        RedisStreamQueue q = new RedisStreamQueue(redis, "test:" + STREAMS.incrementAndGet(), capacity,
                Duration.ofMinutes(5));
        opened.add(q);
        return q;
    }

    @Test
    void entriesSurviveARedisRestartAndStayPendingForTheirConsumer() {
        RedisStreamQueue q = (RedisStreamQueue) queue(100);
        q.ensureGroup(G);
        q.append(telemetry("s1", "keep-1"));
        q.append(telemetry("s1", "keep-2"));
        List<QueueEntry> taken = q.read(G, "c1", 1, Duration.ofMillis(100));
        assertThat(taken).hasSize(1);

        server.restart();
        // Lettuce reconnects by itself; give it a moment
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!redis.isReachable() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(q.depth()).isEqualTo(2);
        assertThat(q.append(telemetry("s1", "keep-1"))).as("dedup key survived too")
                .isInstanceOf(AppendResult.Duplicate.class);
        List<QueueEntry> rest = q.read(G, "c1", 10, Duration.ofMillis(200));
        assertThat(rest).extracting(e -> e.envelope().batchId()).containsExactly("keep-2");
        List<QueueEntry> reclaimed = q.claimIdle(G, "c2", Duration.ZERO, 10);
        assertThat(reclaimed).extracting(e -> e.envelope().batchId()).contains("keep-1");
    }
}
