package io.sentinel.worker;

import static io.sentinel.worker.WorkerTestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.Migrations;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.testing.TestRedis;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** PostgreSQL stopped while sensors keep sending: everything arrives after the restart, once. */
class WorkerDatabaseOutageTest {

    static long count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void postgresStoppedDuringIngestLosesNothingAndDoublesNothing() throws Exception {
        Path dir = Files.createTempDirectory("sentinel-outage-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"), port);
        try (TestRedis redisServer = TestRedis.start();
                Redis redis = Redis.connect(redisServer.url());
                Database db = Database.connect(pg.target(), 4)) {
            new Migrations(db.dataSource()).migrate();
            RedisStreamQueue queue = new RedisStreamQueue(redis);
            Worker worker = new Worker(db, queue, WorkerSettings.defaults("w1").withBatchSize(4)
                    .withClaimIdle(Duration.ofSeconds(2)), Clock.systemUTC());
            Thread thread = Thread.ofPlatform().name("worker").start(worker);
            Instant t = Instant.now().minusSeconds(60);
            try {
                for (int i = 0; i < 20; i++) {
                    queue.append(telemetry("s1", "before-" + i, 50, t));
                }
                await("first batches stored", Duration.ofSeconds(30), () -> worker.stats().entries() >= 8);

                pg.close();
                for (int i = 0; i < 20; i++) {
                    queue.append(telemetry("s1", "during-" + i, 50, t));
                }
                await("worker noticed the outage", Duration.ofSeconds(30),
                        () -> worker.stats().databaseRetries() > 0);
                assertThat(queue.depth()).as("entries wait in the queue").isPositive();

                pg = EmbeddedDatabase.start(dir.resolve("pg"), port);
                await("queue drained after restart", Duration.ofSeconds(40), () -> queue.depth() == 0);
            } finally {
                worker.stop();
                thread.join(15_000);
            }
            assertThat(count(db, "SELECT count(*) FROM telemetry")).isEqualTo(40 * 50);
            assertThat(count(db, "SELECT count(*) FROM ingest_batches")).isEqualTo(40);
            assertThat(count(db, "SELECT count(*) FROM (SELECT DISTINCT batch_id, mac FROM telemetry) d"))
                    .as("no row stored twice").isEqualTo(40 * 50);
            assertThat(queue.deadLetterCount()).isZero();
        } finally {
            pg.close();
            TestPostgres.deleteTree(dir);
        }
    }
}
