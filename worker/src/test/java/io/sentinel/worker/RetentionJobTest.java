package io.sentinel.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.Database;
import io.sentinel.store.ingest.BatchRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionJobTest {
    @Test
    void dropsDaysOlderThanTheRetentionCreatesTheWeekAheadAndForgetsOldBatchIds() throws Exception {
        try (Database db = TestPostgres.migratedDatabase()) {
            String old = "telemetry_p" + LocalDate.now(ZoneOffset.UTC).minusDays(12).format(DateTimeFormatter.BASIC_ISO_DATE);
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                LocalDate d = LocalDate.now(ZoneOffset.UTC).minusDays(12);
                s.execute("CREATE TABLE " + old + " PARTITION OF telemetry FOR VALUES FROM ('" + d + " 00:00+00') TO ('"
                        + d.plusDays(1) + " 00:00+00')");
                // a partition 8 days ahead does not exist yet
                s.execute("INSERT INTO ingest_batches (sensor_id, batch_id, kind, received_at, stored_at) VALUES "
                        + "('s1', 'ancient', 'telemetry', now() - interval '20 days', now() - interval '20 days'), "
                        + "('s1', 'recent', 'telemetry', now(), now())");
            }
            try (Connection c = db.connection()) {
                new BatchRepository(db).markStored(c, "s1", "other", "alerts", Instant.now(), 1);
            }
            List<String> actions = new RetentionJob(db, 10).run();
            assertThat(actions).contains("dropped " + old).contains("forgot 1 batch ids");
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('" + old + "') IS NULL, to_regclass('telemetry_p"
                            + LocalDate.now(ZoneOffset.UTC).plusDays(7).format(DateTimeFormatter.BASIC_ISO_DATE)
                            + "') IS NOT NULL, (SELECT count(*) FROM ingest_batches)")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("old day dropped").isTrue();
                assertThat(rs.getBoolean(2)).as("a week ahead exists").isTrue();
                assertThat(rs.getLong(3)).isEqualTo(2);
            }
            assertThat(new TelemetryRepository(db).maintain(RetentionJob.DAYS_AHEAD, 10)).as("idempotent").isEmpty();
        }
    }
}
