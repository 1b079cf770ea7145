package io.sentinel.worker;

import static io.sentinel.worker.WorkerTestData.alerts;
import static io.sentinel.worker.WorkerTestData.deauth;
import static io.sentinel.worker.WorkerTestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.Heartbeat;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.queue.AppendResult;
import io.sentinel.store.queue.Envelope;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.QueueEntry;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.testing.TestRedis;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
    static TestRedis server;
    static Redis redis;
    static Database db;
    static final AtomicInteger STREAMS = new AtomicInteger();
    RedisStreamQueue queue;

    @BeforeAll
    static void startRedis() {
        server = TestRedis.start();
        redis = Redis.connect(server.url());
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
        db.close();
    }

    @BeforeEach
    void freshStores() throws Exception {
        TestPostgres.truncateAll(db);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS refuse_poison ON ingest_batches");
        }
        queue = new RedisStreamQueue(redis, "worker-test:" + STREAMS.incrementAndGet(), 10_000, Duration.ofMillis(1500));
        queue.ensureGroup(IngestQueue.DEFAULT_GROUP);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    Worker worker(String name) {
        return new Worker(db, queue, WorkerSettings.defaults(name).withClaimIdle(Duration.ofMillis(300))
                .withMaxDeliveries(3), Clock.systemUTC());
    }

    long count(String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void drain(Worker w) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (queue.depth() > 0 && System.nanoTime() < deadline) {
            w.processOnce();
        }
        assertThat(queue.depth()).as("queue drained").isZero();
    }

    @Test
    void telemetryAlertsAndHeartbeatsAreStoredAndAcknowledgedAfterCommit() throws Exception {
        new SensorRepository(db).enroll("s1", Optional.empty(), Optional.empty());
        Instant t = Instant.parse("2026-05-01T08:00:00Z");
        queue.append(telemetry("s1", "t-1", 300, t));
        queue.append(alerts("s1", "a-1", deauth("r-1", "06:00:00:00:00:01", 0.7, 50, t, t.plusSeconds(4))));
        Heartbeat hb = new Heartbeat("s1", Instant.now().minusMillis(1500), "0.1.0", 10L, 500L, 490L, 2L, List.of(),
                0L, 0.0, null);
        queue.append(new Envelope(Envelope.Kind.HEARTBEAT, "s1", "hb-1", Instant.now(), Wire.writeString(hb)));
        Worker w = worker("w1");
        drain(w);

        assertThat(count("SELECT count(*) FROM telemetry WHERE sensor_id = 's1'")).isEqualTo(300);
        assertThat(new NetworkRepository(db).find("06:00:00:00:00:01")).get()
                .satisfies(n -> assertThat(n.ssid()).contains("net-1"));
        assertThat(new AlertRepository(db).find("r-1")).get().satisfies(a -> assertThat(a.count()).isEqualTo(50));
        var sensor = new SensorRepository(db).find("s1").orElseThrow();
        assertThat(sensor.lastHeartbeat()).isPresent();
        assertThat(sensor.healthJson()).contains("\"frames_dropped\": 2").contains("clock_offset_ms");
        assertThat(w.stats().telemetryRows()).isEqualTo(300);
        assertThat(w.stats().transactions()).isPositive();
    }

    @Test
    void statusServerReportsHealthAndPrometheusCountersOverHttp() throws Exception {
        new SensorRepository(db).enroll("s1", Optional.empty(), Optional.empty());
        queue.append(telemetry("s1", "m-1", 40, Instant.now().minusSeconds(20)));
        Worker w = worker("w-metrics");
        drain(w);
        java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (WorkerStatusServer status = WorkerStatusServer.start("127.0.0.1", 0, List.of(w), alive::get, queue::depth)) {
            var http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + status.port() + path)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            assertThat(get.apply("/api/v1/health").statusCode()).isEqualTo(200);
            var metrics = get.apply("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("sentinel_worker_telemetry_rows_total{consumer=\"0\"} 40")
                    .contains("sentinel_queue_lag 0");
            assertThat(get.apply("/other").statusCode()).isEqualTo(404);
            alive.set(false);
            assertThat(get.apply("/api/v1/health").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theSameBatchDeliveredTwiceIsStoredOnce() throws Exception {
        Instant t = Instant.now().minusSeconds(30);
        Envelope e = telemetry("s1", "dup-1", 100, t);
        assertThat(queue.append(e)).isInstanceOf(AppendResult.Accepted.class);
        assertThat(queue.append(e)).isInstanceOf(AppendResult.Duplicate.class);
        Worker w = worker("w1");
        drain(w);
        Thread.sleep(1600); // the queue's dedup memory (1.5 s here) has passed: only the database remembers now
        assertThat(queue.append(e)).isInstanceOf(AppendResult.Accepted.class);
        queue.append(alerts("s1", "dup-a", deauth("r-d", "06:00:00:00:00:02", 0.5, 5, t, t)));
        queue.append(alerts("s1", "dup-a-again", deauth("r-d", "06:00:00:00:00:02", 0.5, 5, t, t)));
        drain(w);
        assertThat(count("SELECT count(*) FROM telemetry WHERE batch_id = 'dup-1'")).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM ingest_batches WHERE batch_id = 'dup-1'")).isEqualTo(1);
        assertThat(w.stats().duplicates()).isEqualTo(1);
        assertThat(new AlertRepository(db).find("r-d").orElseThrow().count()).as("cumulative report, not added")
                .isEqualTo(5);
    }

    @Test
    void entriesOfAWorkerKilledBeforeAckAreClaimedAndStoredByAnother() throws Exception {
        Instant t = Instant.now().minusSeconds(10);
        for (int i = 0; i < 5; i++) {
            queue.append(telemetry("s1", "k-" + i, 20, t));
        }
        // the first worker reads three entries and dies before committing or acknowledging
        List<QueueEntry> lost = queue.read(IngestQueue.DEFAULT_GROUP, "killed-worker", 3, Duration.ofMillis(200));
        assertThat(lost).hasSize(3);
        Worker survivor = worker("survivor");
        survivor.processOnce(); // reads the two unread entries
        assertThat(count("SELECT count(*) FROM telemetry")).isEqualTo(40);
        assertThat(queue.depth()).isEqualTo(3);
        Thread.sleep(400);
        drain(survivor);
        assertThat(count("SELECT count(*) FROM telemetry")).isEqualTo(100);
        assertThat(count("SELECT count(DISTINCT batch_id) FROM telemetry")).isEqualTo(5);
    }

    @Test
    void aWorkerKilledInsideItsTransactionLeavesEverythingForAnotherWorker() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS hold_transactions (x int);
                    INSERT INTO hold_transactions VALUES (1);
                    CREATE OR REPLACE FUNCTION hold_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF EXISTS (SELECT 1 FROM hold_transactions) THEN PERFORM pg_sleep(30); END IF; RETURN NEW; END $$;
                    CREATE TRIGGER hold_transaction AFTER INSERT ON telemetry
                        FOR EACH STATEMENT EXECUTE FUNCTION hold_transaction();
                    """);
        }
        try {
            Instant t = Instant.now().minusSeconds(10);
            for (int i = 0; i < 4; i++) {
                queue.append(telemetry("s1", "held-" + i, 25, t));
            }
            Worker doomed = worker("doomed");
            Thread thread = Thread.ofPlatform().start(doomed::processOnce);
            // wait until its COPY is done and the transaction hangs in the trigger
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY telemetry%' "
                    + "AND wait_event = 'PgSleep'") == 0) {
                assertThat(System.nanoTime()).as("doomed worker inside its transaction").isLessThan(deadline);
                Thread.sleep(50);
            }
            // kill it: the process stops and its connection dies, so the transaction rolls back
            doomed.stop();
            count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE query LIKE 'COPY telemetry%' AND wait_event = 'PgSleep') k");
            thread.join(15_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(count("SELECT count(*) FROM telemetry")).isZero();
            assertThat(count("SELECT count(*) FROM ingest_batches")).isZero();
            assertThat(queue.depth()).as("nothing was acknowledged").isEqualTo(4);

            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM hold_transactions");
            }
            Thread.sleep(400); // longer than claimIdle
            Worker survivor = worker("survivor");
            drain(survivor);
            assertThat(count("SELECT count(*) FROM telemetry")).isEqualTo(100);
            assertThat(count("SELECT count(*) FROM ingest_batches")).isEqualTo(4);
        } finally {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS hold_transaction ON telemetry; DROP TABLE IF EXISTS hold_transactions");
            }
        }
    }

    @Test
    void poisonEntriesGoToTheDeadLetterStreamAndTheRestIsStored() throws Exception {
        Instant t = Instant.now().minusSeconds(10);
        // undecodable: dead-lettered at once
        queue.append(new Envelope(Envelope.Kind.TELEMETRY, "s1", "garbage", Instant.now(), "{\"batch_id\": 12"));
        // decodable but refused by the database on every delivery
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.batch_id = 'poison' THEN RAISE EXCEPTION 'poisoned batch'; END IF; RETURN NEW; END $$;
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON ingest_batches
                        FOR EACH ROW EXECUTE FUNCTION refuse_poison();
                    """);
        }
        queue.append(telemetry("s1", "good-1", 10, t));
        queue.append(telemetry("s1", "poison", 10, t));
        queue.append(telemetry("s1", "good-2", 10, t));
        Worker w = worker("w1");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (queue.depth() > 0 && System.nanoTime() < deadline) {
            w.processOnce();
            Thread.sleep(50);
        }
        assertThat(queue.depth()).isZero();
        assertThat(count("SELECT count(*) FROM telemetry")).isEqualTo(20);
        assertThat(queue.deadLetterCount()).isEqualTo(2);
        var dead = queue.deadLetters(10);
        assertThat(dead).extracting(d -> d.envelope().batchId()).containsExactlyInAnyOrder("garbage", "poison");
        assertThat(dead).filteredOn(d -> d.envelope().batchId().equals("poison")).singleElement()
                .satisfies(d -> {
                    assertThat(d.error()).contains("poisoned batch");
                    assertThat(d.deliveries()).isEqualTo(3);
                });
        assertThat(dead).filteredOn(d -> d.envelope().batchId().equals("garbage")).singleElement()
                .satisfies(d -> assertThat(d.error()).startsWith("undecodable"));
    }

    @Test
    void reportsOfTheSameAttackFromSeveralSensorsMergeIntoOneAlert() throws Exception {
        Instant t = Instant.parse("2026-05-02T09:00:00Z");
        queue.append(alerts("roof", "c-1", deauth("roof-r1", "06:00:00:00:00:09", 0.6, 80, t, t.plusSeconds(10))));
        queue.append(alerts("lobby", "c-2", deauth("lobby-r7", "06:00:00:00:00:09", 0.5, 30, t.plusSeconds(3),
                t.plusSeconds(15))));
        Worker w = worker("w1");
        drain(w);
        AlertRepository alerts = new AlertRepository(db);
        assertThat(alerts.count()).isEqualTo(1);
        Alert a = alerts.find("roof-r1").orElseThrow();
        assertThat(a.sensorIds()).containsExactly("roof", "lobby");
        assertThat(a.count()).isEqualTo(110);
        assertThat(a.confidence()).isGreaterThan(0.6).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.001));
        assertThat(w.stats().alerts()).isEqualTo(2);
    }
}
