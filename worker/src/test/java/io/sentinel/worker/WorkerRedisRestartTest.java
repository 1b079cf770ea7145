package io.sentinel.worker;

import static io.sentinel.worker.WorkerTestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.Database;
import io.sentinel.store.queue.AppendResult;
import io.sentinel.store.queue.QueueException;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.testing.TestRedis;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Redis restarted while the worker consumes: everything accepted is stored once. */
class WorkerRedisRestartTest {

    static long count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void appendRetrying(RedisStreamQueue q, String batch, Instant t) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertThat(q.append(telemetry("s1", batch, 20, t))).isInstanceOf(AppendResult.Accepted.class);
                return;
            } catch (QueueException e) {
                assertThat(System.nanoTime()).as("Redis back").isLessThan(deadline);
                Thread.sleep(50); // a sensor would retry the same batch later
            }
        }
    }

    @Test
    void redisRestartedMidStreamLosesNothingAndDoublesNothing() throws Exception {
        try (TestRedis server = TestRedis.start(); Redis redis = Redis.connect(server.url());
                Database db = TestPostgres.migratedDatabase()) {
            RedisStreamQueue queue = new RedisStreamQueue(redis);
            Worker worker = new Worker(db, queue, WorkerSettings.defaults("w1").withBatchSize(2)
                    .withClaimIdle(Duration.ofMillis(500)), Clock.systemUTC());
            Thread thread = Thread.ofPlatform().start(worker);
            Instant t = Instant.now().minusSeconds(30);
            try {
                for (int i = 0; i < 30; i++) {
                    appendRetrying(queue, "b-" + i, t);
                    if (i == 15) {
                        server.restart();
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (count(db, "SELECT count(*) FROM ingest_batches") < 30 || depth(queue) != 0) {
                    assertThat(System.nanoTime()).as("all batches stored and acknowledged").isLessThan(deadline);
                    Thread.sleep(100);
                }
            } finally {
                worker.stop();
                thread.join(15_000);
                queue.close();
            }
            assertThat(count(db, "SELECT count(*) FROM telemetry")).isEqualTo(30 * 20);
            assertThat(count(db, "SELECT count(*) FROM (SELECT DISTINCT batch_id, mac FROM telemetry) d"))
                    .isEqualTo(30 * 20);
        }
    }

    private static long depth(RedisStreamQueue q) {
        try {
            return q.depth();
        } catch (QueueException e) {
            return -1;
        }
    }
}
