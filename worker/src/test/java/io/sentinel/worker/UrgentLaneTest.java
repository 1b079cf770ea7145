package io.sentinel.worker;

import static io.sentinel.worker.WorkerTestData.alerts;
import static io.sentinel.worker.WorkerTestData.deauth;
import static io.sentinel.worker.WorkerTestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.Database;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A consumer of the urgent lane stores alerts at once and leaves a telemetry backlog to the others. */
class UrgentLaneTest {
    static Database db;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void theUrgentConsumerTakesAlertsPastATelemetryBacklog() throws Exception {
        TestPostgres.truncateAll(db);
        Instant t = Instant.now().minusSeconds(30);
        try (InProcessQueue queue = new InProcessQueue(1000)) {
            for (int i = 0; i < 5; i++) {
                queue.append(telemetry("s1", "t-" + i, 50, t));
            }
            queue.append(alerts("s1", "a-1", deauth("urgent-1", "06:00:00:00:00:21", 0.7, 20, t, t.plusSeconds(3))));
            Worker urgent = new Worker(db, queue, WorkerSettings.defaults("u").urgentConsumer(), Clock.systemUTC());
            assertThat(urgent.processOnce()).isEqualTo(1);
            assertThat(new AlertRepository(db).find("urgent-1")).isPresent();
            assertThat(rows()).as("telemetry left to the consumers of both lanes").isZero();
            assertThat(queue.depth()).isEqualTo(5);
            assertThat(urgent.processOnce()).as("nothing urgent left").isZero();

            Worker both = new Worker(db, queue, WorkerSettings.defaults("b"), Clock.systemUTC());
            while (queue.depth() > 0) {
                both.processOnce();
            }
            assertThat(rows()).isEqualTo(250);
        }
    }

    private static long rows() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM telemetry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
