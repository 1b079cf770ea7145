package io.sentinel.worker.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.Database;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.UpsertOutcome;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which alert a sensor's report joins, against a real PostgreSQL. */
class CorrelatorTest {
    static Database db;
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    AlertRepository alerts;
    Correlator correlator;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        TestPostgres.truncateAll(db);
        alerts = new AlertRepository(db);
        correlator = new Correlator(alerts, Duration.ofMinutes(5));
    }

    static AlertMessage alert(String id, String type, String bssid, double confidence, long count, Instant first,
            Instant last) {
        return new AlertMessage(id, type, "high", confidence, first, last, count, bssid, "Office", null, null, 6,
                List.of(), List.of(), Map.of(), "summary");
    }

    private UpsertOutcome store(String sensor, AlertMessage a) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            UpsertOutcome o = correlator.store(c, sensor, a);
            c.commit();
            return o;
        }
    }

    @Test
    void anOverlappingReportOfAnotherSensorJoinsTheAlert() throws Exception {
        assertThat(store("s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 150, T, T.plusSeconds(9))))
                .isEqualTo(new UpsertOutcome("r-1", UpsertOutcome.Event.CREATED));
        assertThat(store("s-2", alert("other-id", "deauth_flood", "0b:00:00:00:00:01", 0.5, 40, T.plusSeconds(2),
                T.plusSeconds(12)))).isEqualTo(new UpsertOutcome("r-1", UpsertOutcome.Event.MERGED));
        var a = alerts.find("r-1").orElseThrow();
        assertThat(a.sensorIds()).containsExactly("s-1", "s-2");
        assertThat(a.count()).isEqualTo(190);
        assertThat(a.confidence()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(alerts.find("other-id")).isEmpty();
        // the joined report keeps its place on later reports
        assertThat(store("s-2", alert("other-id", "deauth_flood", "0b:00:00:00:00:01", 0.5, 60, T.plusSeconds(2),
                T.plusSeconds(20))).alertId()).isEqualTo("r-1");
    }

    @Test
    void anotherTypeAFarAwayTimeOrTheSameSensorStaysSeparate() throws Exception {
        store("s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 100, T, T.plusSeconds(5)));
        assertThat(store("s-2", alert("x-2", "beacon_flood", "0b:00:00:00:00:01", 0.5, 1, T, T)).event())
                .isEqualTo(UpsertOutcome.Event.CREATED);
        assertThat(store("s-3", alert("x-3", "deauth_flood", "0b:00:00:00:00:01", 0.5, 1, T.plusSeconds(3600),
                T.plusSeconds(3600))).event()).isEqualTo(UpsertOutcome.Event.CREATED);
        assertThat(store("s-1", alert("r-1b", "deauth_flood", "0b:00:00:00:00:01", 0.5, 1, T, T.plusSeconds(1))).event())
                .as("a sensor's own second report is its own").isEqualTo(UpsertOutcome.Event.CREATED);
        assertThat(store("s-4", alert("x-4", "deauth_flood", "0b:00:00:00:00:02", 0.5, 1, T, T)).event())
                .as("another BSSID").isEqualTo(UpsertOutcome.Event.CREATED);
        assertThat(store("s-5", alert("x-5", "deauth_flood", null, 0.5, 1, T, T)).event())
                .as("no BSSID never joins").isEqualTo(UpsertOutcome.Event.CREATED);
        assertThat(alerts.count()).isEqualTo(6);
    }

    @Test
    void theWindowBoundsTheGapAndAResolvedAlertIsNotJoined() throws Exception {
        store("s-1", alert("r-1", "evil_twin", "0b:00:00:00:00:03", 0.6, 1, T, T.plusSeconds(10)));
        assertThat(store("s-2", alert("in", "evil_twin", "0b:00:00:00:00:03", 0.6, 1, T.plusSeconds(10 + 300),
                T.plusSeconds(400))).alertId()).as("gap of exactly the window").isEqualTo("r-1");
        store("s-3", alert("out", "evil_twin", "0b:00:00:00:00:04", 0.6, 1, T, T));
        assertThat(store("s-4", alert("late", "evil_twin", "0b:00:00:00:00:04", 0.6, 1, T.plusSeconds(301),
                T.plusSeconds(302))).alertId()).as("one second beyond").isEqualTo("late");

        new AlertLifecycle(db, Clock.systemUTC()).resolve("r-1", new AlertLifecycle.Actor("tok_analyst", Optional.empty(), "api"),
                Optional.empty());
        assertThat(store("s-5", alert("after", "evil_twin", "0b:00:00:00:00:03", 0.6, 1, T.plusSeconds(5),
                T.plusSeconds(6))).alertId()).isEqualTo("after");
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> new Correlator(alerts, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
