package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.AlertListQuery;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.AlertSummary;
import io.sentinel.store.alert.LifecycleResult;
import io.sentinel.store.audit.AuditEntry;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.network.NetworkListQuery;
import io.sentinel.store.network.NetworkReadRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorHealth;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.sensor.SensorState;
import io.sentinel.store.telemetry.TelemetryReadRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's side of the dashboard and the alert lifecycle: read repositories, one lifecycle
 * with its audit row in the same transaction on one clock, sensor states and rates, and hidden
 * networks, against a real PostgreSQL.
 */
class DashboardReadsTest {
    static Database db;
    static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

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
    }

    static AlertMessage alert(String id, String type, String severity, String ssid, String bssid, Instant last) {
        return new AlertMessage(id, type, severity, 0.8, last.minusSeconds(30), last, 10, bssid, ssid, null, null, 6,
                List.of("R"), List.of(), Map.of("rate_per_s", 12.5), "summary of " + id);
    }

    static void store(String sensor, AlertMessage... alerts) throws Exception {
        AlertRepository repo = new AlertRepository(db);
        try (Connection c = db.connection()) {
            for (AlertMessage a : alerts) {
                repo.upsert(c, sensor, a);
            }
        }
    }

    static TelemetryItem ap(String bssid, String ssid, Instant last, Map<String, Long> frames) {
        return new TelemetryItem("ap", bssid, bssid, ssid, 6, 2437, "wpa2-psk", -70, -65.5, -60, last.minusSeconds(10), last,
                frames, null);
    }

    static void telemetry(String sensor, String batch, TelemetryItem... items) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            new TelemetryRepository(db).copy(c, List.of(new TelemetryRepository.Rows(sensor, batch, List.of(items))));
            new NetworkRepository(db).upsertFromTelemetry(c, sensor, List.of(items));
            c.commit();
        }
    }

    @Test
    void alertListFiltersSortsBySeverityRankAndFindsAlertsThroughTheirNetworksSsid() throws Exception {
        store("s1", alert("a-crit", "evil_twin", "critical", "Office", "0a:00:00:00:00:01", T.minusSeconds(300)),
                alert("a-info", "probe_flood", "info", null, null, T.minusSeconds(10)),
                alert("a-high", "deauth_flood", "high", null, "0a:00:00:00:00:01", T.minusSeconds(100)),
                alert("a-low", "karma", "low", "Guest", "0a:00:00:00:00:02", T.minusSeconds(50)));
        telemetry("s1", "b1", ap("0a:00:00:00:00:01", "Office", T, Map.of("beacon", 5L)));
        AlertReadRepository reads = new AlertReadRepository(db);
        AlertListQuery bySeverity = new AlertListQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), AlertListQuery.Order.SEVERITY, false, 1);
        assertThat(reads.list(bySeverity, 50, T).rows()).extracting(AlertSummary::id)
                .containsExactly("a-crit", "a-high", "a-low", "a-info");
        // the deauth flood carries no SSID, but its BSSID's network is "office"
        AlertListQuery office = new AlertListQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("office"), Optional.empty(), AlertListQuery.Order.LAST_SEEN, false, 1);
        OffsetPage<AlertSummary> page = reads.list(office, 50, T);
        assertThat(page.rows()).extracting(AlertSummary::id).containsExactly("a-high", "a-crit");
        assertThat(page.rows().getFirst().ssid()).isEmpty();
        assertThat(page.total()).isEqualTo(2);
        AlertListQuery recentOpen = new AlertListQuery(Optional.empty(), Optional.empty(), Optional.of(Alert.Status.OPEN),
                Optional.of("s1"), Optional.empty(), Optional.of(T.minusSeconds(120)), AlertListQuery.Order.LAST_SEEN, true, 1);
        assertThat(reads.list(recentOpen, 50, T).rows()).extracting(AlertSummary::id).containsExactly("a-high", "a-low", "a-info");
        // a value that looks like SQL is only ever a bound parameter
        AlertListQuery hostile = new AlertListQuery(Optional.of("x' OR '1'='1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("%' OR 1=1 --"), Optional.empty(), AlertListQuery.Order.TYPE, true, 1);
        assertThat(reads.list(hostile, 50, T).rows()).isEmpty();
        assertThat(reads.openBySeverity(T.minus(Duration.ofHours(24)))).containsExactly(Map.entry("critical", 1L),
                Map.entry("high", 1L), Map.entry("medium", 0L), Map.entry("low", 1L), Map.entry("info", 1L));
        assertThat(reads.mostAttacked(T.minus(Duration.ofHours(1)), 10)).first()
                .satisfies(n -> {
                    assertThat(n.bssid()).isEqualTo("0a:00:00:00:00:01");
                    assertThat(n.alerts()).isEqualTo(2);
                    assertThat(n.worstSeverity()).isEqualTo("critical");
                });
        assertThat(reads.raisedPerHour(T.minus(Duration.ofHours(2)))).allSatisfy(p -> {
            assertThat(p.bucket().getEpochSecond() % 3600).isZero();
            assertThat(p.value()).isPositive();
        });
    }

    @Test
    void countsStopAtTheCapAndPagesAtTheLastPage() {
        assertThat(OffsetPage.clampPage(0)).isEqualTo(1);
        assertThat(OffsetPage.clampPage(10_000)).isEqualTo(OffsetPage.MAX_PAGE);
        OffsetPage<String> capped = new OffsetPage<>(List.of(), OffsetPage.COUNT_CAP + 1, 1, 50);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.pages()).isEqualTo(OffsetPage.MAX_PAGE);
        assertThat(new OffsetPage<>(List.of(), 51, 1, 50).pages()).isEqualTo(2);
        assertThat(new OffsetPage<>(List.of(), 0, 1, 50).hasNext()).isFalse();
    }

    @Test
    void oneLifecycleWritesAlertHistoryAndAuditInOneTransactionOnItsClock() throws Exception {
        store("s1", alert("life-1", "deauth_flood", "high", null, "0b:00:00:00:00:01", T));
        Instant at = Instant.parse("2026-05-01T13:14:15.123456Z");
        AlertLifecycle lifecycle = new AlertLifecycle(db, Clock.fixed(at, ZoneOffset.UTC));
        AlertLifecycle.Actor analyst = new AlertLifecycle.Actor("token:analyst", Optional.of("10.1.2.3"), "api");

        Alert acked = ((LifecycleResult.Changed) lifecycle.acknowledge("life-1", analyst, Optional.of("  looking  "))).alert();
        assertThat(acked.status()).isEqualTo(Alert.Status.ACKNOWLEDGED);
        assertThat(acked.acknowledgedAt()).contains(at);
        assertThat(acked.updatedAt()).isEqualTo(at);
        assertThat(acked.comment()).contains("looking");
        Alert resolved = ((LifecycleResult.Changed) lifecycle.resolve("life-1", analyst, Optional.empty())).alert();
        assertThat(resolved.resolvedAt()).contains(at);
        assertThat(resolved.comment()).as("kept without a new comment").contains("looking");
        assertThat(lifecycle.resolve("life-1", analyst, Optional.empty()))
                .isEqualTo(new LifecycleResult.Conflict(Alert.Status.RESOLVED));
        Alert reopened = ((LifecycleResult.Changed) lifecycle.reopen("life-1",
                new AlertLifecycle.Actor("dashboard", Optional.of("10.9.9.9"), "dashboard"), Optional.of("came back"))).alert();
        assertThat(reopened.status()).isEqualTo(Alert.Status.OPEN);
        assertThat(reopened.acknowledgedBy()).isEmpty();
        assertThat(reopened.resolvedAt()).isEmpty();
        assertThat(lifecycle.reopen("life-1", analyst, Optional.empty())).isEqualTo(new LifecycleResult.Conflict(Alert.Status.OPEN));
        assertThat(lifecycle.acknowledge("no-such", analyst, Optional.empty())).isEqualTo(new LifecycleResult.NotFound());
        assertThatThrownBy(() -> lifecycle.acknowledge("life-1", analyst, Optional.of("x".repeat(2001))))
                .isInstanceOf(IllegalArgumentException.class);

        var history = new AlertRepository(db).history("life-1");
        assertThat(history).extracting(h -> h.event()).containsExactly("created", "acknowledged", "resolved", "reopened");
        assertThat(history.subList(1, 4)).allSatisfy(h -> assertThat(h.at()).isEqualTo(at));
        List<AuditEntry> audit = new AuditRepository(db).list(100, Optional.empty()).items();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("alert.reopen", "alert.resolve", "alert.ack");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.at()).isEqualTo(at);
            assertThat(e.target()).contains("life-1");
        });
        assertThat(audit.get(0).actor()).isEqualTo("dashboard");
        assertThat(audit.get(0).clientIp()).contains("10.9.9.9");
        assertThat(audit.get(0).detailJson()).contains("\"came back\"").contains("\"via\": \"dashboard\"").contains("\"open\"");
        assertThat(audit.get(2).detailJson()).contains("\"looking\"").contains("\"acknowledged\"");
    }

    @Test
    void sensorStatesAreOneVocabularyInJavaAndInSql() throws Exception {
        SensorRepository sensors = new SensorRepository(db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sensors.enroll("online", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("online", now.minusSeconds(5), "{\"capture\": \"live\"}");
        sensors.enroll("replayed", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("replayed", now.minusSeconds(5), "{\"capture\": \"replay_finished\"}");
        sensors.enroll("replaying", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("replaying", now.minusSeconds(5), "{\"capture\": \"replay\"}");
        sensors.enroll("stale", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("stale", now.minusSeconds(300), "{\"capture\": \"replay_finished\"}");
        sensors.enroll("offline", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("offline", now.minusSeconds(601), "{}");
        sensors.enroll("never", Optional.empty(), Optional.empty());
        sensors.enroll("gone", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("gone", now, "{}");
        sensors.revoke("gone");
        Map<String, SensorState> expected = Map.of("online", SensorState.ONLINE, "replayed", SensorState.REPLAY_FINISHED,
                "replaying", SensorState.ONLINE, "stale", SensorState.STALE, "offline", SensorState.OFFLINE,
                "never", SensorState.NEVER_SEEN, "gone", SensorState.REVOKED);
        for (Sensor s : sensors.list()) {
            assertThat(SensorState.of(s, now)).as(s.id()).isEqualTo(expected.get(s.id()));
        }
        assertThat(sensors.countByState(now)).containsEntry(SensorState.ONLINE, 2L).containsEntry(SensorState.REPLAY_FINISHED, 1L)
                .containsEntry(SensorState.STALE, 1L).containsEntry(SensorState.OFFLINE, 1L)
                .containsEntry(SensorState.NEVER_SEEN, 1L).containsEntry(SensorState.REVOKED, 1L);
        assertThat(SensorState.REPLAY_FINISHED.wire()).isEqualTo("replay_finished");
    }

    @Test
    void frameRatesCoverTheIntervalBetweenTheLastTwoHeartbeatsOnly() throws Exception {
        SensorRepository sensors = new SensorRepository(db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sensors.enroll("r1", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("r1", now.minusSeconds(40), hb(now.minusSeconds(40), 1_000, 10));
        assertThat(health("r1", now).framesPerSecond()).as("one heartbeat: no window").isEmpty();
        sensors.recordHeartbeat("r1", now.minusSeconds(10), hb(now.minusSeconds(10), 7_000, 40));
        SensorHealth h = health("r1", now);
        assertThat(h.framesPerSecond()).hasValueSatisfying(v -> assertThat(v).isCloseTo(200.0, org.assertj.core.data.Offset.offset(0.01)));
        assertThat(h.rateWindow()).contains(Duration.ofSeconds(30));
        assertThat(h.framesCaptured()).contains(7_000L);
        // a redelivered (older) heartbeat changes nothing
        assertThat(sensors.recordHeartbeat("r1", now.minusSeconds(40), hb(now.minusSeconds(40), 1_000, 10))).isFalse();
        assertThat(health("r1", now).framesPerSecond()).isPresent();
        // the same sensor later: its rate is for now, not for an hour ago
        assertThat(health("r1", now.plusSeconds(3600)).framesPerSecond()).as("offline").isEmpty();
        // a restart between heartbeats: the counters began again
        sensors.recordHeartbeat("r1", now.minusSeconds(5), hb(now.minusSeconds(5), 50, 3));
        assertThat(health("r1", now).framesPerSecond()).isEmpty();
        // heartbeats too far apart
        sensors.enroll("r2", Optional.empty(), Optional.empty());
        sensors.recordHeartbeat("r2", now.minusSeconds(1200), hb(now.minusSeconds(1200), 0, 100));
        sensors.recordHeartbeat("r2", now.minusSeconds(2), hb(now.minusSeconds(2), 90_000, 1300));
        assertThat(health("r2", now).framesPerSecond()).isEmpty();
        assertThat(health("r2", now).dropPercent()).hasValueSatisfying(p -> assertThat(p).isCloseTo(100.0 * 3 / 90_003,
                org.assertj.core.data.Offset.offset(1e-9)));
    }

    static String hb(Instant sent, long frames, long uptime) {
        return "{\"sent_at\": " + sent.getEpochSecond() + "." + String.format("%03d", sent.getNano() / 1_000_000)
                + ", \"frames_captured\": " + frames + ", \"frames_dropped\": 3, \"uptime_s\": " + uptime + "}";
    }

    static SensorHealth health(String id, Instant now) throws Exception {
        return SensorHealth.of(new SensorRepository(db).find(id).orElseThrow(), now);
    }

    @Test
    void hiddenNetworksComeFromBeaconOnlyTelemetryAndKeepAProbeResponsesName() throws Exception {
        String hidden = "0c:00:00:00:00:01";
        String open = "0c:00:00:00:00:02";
        telemetry("s1", "h1", ap(hidden, null, T.minusSeconds(60), Map.of("beacon", 100L)),
                ap(open, "Cafe", T.minusSeconds(60), Map.of("beacon", 100L)));
        telemetry("s1", "h2", ap(hidden, "Backoffice", T.minusSeconds(30), Map.of("probe_resp", 2L)));
        NetworkRepository networks = new NetworkRepository(db);
        assertThat(networks.find(hidden).orElseThrow()).satisfies(n -> {
            assertThat(n.hidden()).isTrue();
            assertThat(n.ssid()).contains("Backoffice");
        });
        assertThat(networks.find(open).orElseThrow().hidden()).isFalse();
        // the access point starts to name itself in its beacons
        telemetry("s1", "h3", ap(hidden, "Backoffice", T, Map.of("beacon", 100L)));
        assertThat(networks.find(hidden).orElseThrow().hidden()).isFalse();

        NetworkReadRepository reads = new NetworkReadRepository(db);
        var page = reads.list(new NetworkListQuery(Optional.of("back"), Optional.empty(), Optional.empty(),
                NetworkListQuery.Order.SSID, true, 1), 50);
        assertThat(page.rows()).singleElement().satisfies(n -> {
            assertThat(n.bssid()).isEqualTo(hidden);
            assertThat(n.sensors()).singleElement().satisfies(s -> assertThat(s.rssiAvg()).contains(-65.5));
        });
        assertThat(reads.hearings(hidden, 10)).singleElement().satisfies(h -> assertThat(h.sensorId()).isEqualTo("s1"));
        assertThat(reads.seenSince(T.minusSeconds(120))).isEqualTo(2);
        TelemetryReadRepository telemetry = new TelemetryReadRepository(db);
        assertThat(telemetry.rssiPer5Minutes(hidden, T.minus(Duration.ofHours(1)))).allSatisfy(p -> {
            assertThat(p.series()).isEqualTo("s1");
            assertThat(p.value()).isEqualTo(-65.5);
        });
        assertThat(telemetry.channelLoads(T.minus(Duration.ofHours(1)))).singleElement()
                .satisfies(c -> assertThat(c.frames()).isEqualTo(302));
    }
}
