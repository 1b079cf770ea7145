package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertQuery;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.LifecycleResult;
import io.sentinel.store.alert.UpsertOutcome;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.ingest.BatchRepository;
import io.sentinel.store.network.Network;
import io.sentinel.store.network.NetworkQuery;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.telemetry.StoredTelemetry;
import io.sentinel.store.telemetry.TelemetryQuery;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.token.Role;
import io.sentinel.store.token.TokenRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RepositoriesTest {
    static Database db;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static TelemetryItem ap(String mac, String ssid, int rssi, Instant first, Instant last) {
        return new TelemetryItem("ap", mac, null, ssid, 6, 2437, "wpa2-psk", rssi - 5, rssi + 0.5, rssi + 5, first, last,
                Map.of("beacon", 10L), null);
    }

    static AlertMessage alert(String id, String type, String bssid, double conf, long count, Instant first, Instant last) {
        return new AlertMessage(id, type, "high", conf, first, last, count, bssid, "Cafe", "de:ad:be:ef:00:01", null, 6,
                List.of("RATE_ABOVE_THRESHOLD"), List.of("T1499"), Map.of("rate_per_s", 20), "flood");
    }

    @Test
    void sensorsEnrolRotateRevokeAndRecordHeartbeats() throws Exception {
        SensorRepository sensors = new SensorRepository(db);
        assertThat(sensors.enroll("s-enrol", Optional.of("Roof"), Optional.empty())).get()
                .satisfies(s -> assertThat(s.keyEpoch()).isEqualTo(1));
        assertThat(sensors.enroll("s-enrol", Optional.empty(), Optional.empty())).as("409").isEmpty();
        assertThat(sensors.rotate("s-enrol")).get().satisfies(s -> assertThat(s.keyEpoch()).isEqualTo(2));
        assertThat(sensors.activeKeyEpoch("s-enrol")).hasValue(2);
        Instant hb = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(sensors.recordHeartbeat("s-enrol", hb, "{\"frames_dropped\": 3}")).isTrue();
        assertThat(sensors.recordHeartbeat("s-enrol", hb.minusSeconds(60), "{}")).as("older ignored").isFalse();
        assertThat(sensors.find("s-enrol").orElseThrow().healthJson()).contains("frames_dropped");
        assertThat(sensors.revoke("s-enrol")).isTrue();
        assertThat(sensors.revoke("s-enrol")).isFalse();
        assertThat(sensors.activeKeyEpoch("s-enrol")).isEmpty();
        assertThat(sensors.rotate("s-enrol")).isEmpty();
        assertThat(sensors.list()).extracting(s -> s.id()).contains("s-enrol");
    }

    @Test
    void tokensAreStoredHashedAndAuthenticateUntilRevoked() throws Exception {
        TokenRepository tokens = new TokenRepository(db);
        var created = tokens.create("ci", Role.ANALYST);
        assertThat(created.secret()).startsWith("snt_").hasSize(68);
        assertThat(tokens.authenticate(created.secret())).get().satisfies(t -> {
            assertThat(t.role()).isEqualTo(Role.ANALYST);
            assertThat(t.lastUsedAt()).isPresent();
        });
        assertThat(tokens.authenticate(created.secret() + "x")).isEmpty();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM api_tokens WHERE encode(token_sha256, 'escape') LIKE '%snt_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(tokens.revoke(created.token().id())).isTrue();
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        tokens.upsertBootstrap("bootstrap-secret-value");
        assertThat(tokens.authenticate("bootstrap-secret-value")).get()
                .satisfies(t -> assertThat(t.role()).isEqualTo(Role.ADMIN));
        assertThat(Role.ADMIN.includes(Role.ANALYST)).isTrue();
        assertThat(Role.VIEWER.includes(Role.ANALYST)).isFalse();
    }

    @Test
    void auditLogPagesNewestFirst() throws Exception {
        AuditRepository audit = new AuditRepository(db);
        for (int i = 0; i < 5; i++) {
            audit.record("tok_1", "sensor.enroll", Optional.of("s" + i), Optional.of("10.0.0.1"), Map.of("i", i));
        }
        var p1 = audit.list(3, Optional.empty());
        assertThat(p1.items()).hasSize(3);
        assertThat(p1.items().get(0).target()).contains("s4");
        var p2 = audit.list(3, p1.nextCursor());
        assertThat(p2.items()).extracting(e -> e.target().orElseThrow()).containsSubsequence("s1", "s0");
        assertThatThrownBy(() -> audit.list(3, Optional.of("!!"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void telemetryCopiesEscapedTextAndPagesByCursorWithoutGapsOrRepeats() throws Exception {
        TelemetryRepository telemetry = new TelemetryRepository(db);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        List<TelemetryItem> items = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            items.add(ap(String.format("02:00:00:00:%02x:%02x", i / 256, i % 256), "Tab\tNew\nline\\ \"q\" é", -50,
                    t0, t0.plusSeconds(i / 2)));
        }
        try (Connection c = db.connection()) {
            assertThat(telemetry.copy(c, "s-tel", "b-1", items)).isEqualTo(250);
        }
        List<StoredTelemetry> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = telemetry.query(new TelemetryQuery(Optional.of("s-tel"), Optional.empty(), Optional.empty(),
                    Optional.empty(), 40, cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertThat(all).hasSize(250);
        assertThat(all.stream().map(StoredTelemetry::id).distinct().count()).isEqualTo(250);
        assertThat(all.get(0).item().lastSeen()).isEqualTo(t0.plusSeconds(124));
        StoredTelemetry one = all.get(0);
        assertThat(one.item().ssid()).isEqualTo("Tab\tNew\nline\\ \"q\" é");
        assertThat(one.item().rssiAvg()).isEqualTo(-49.5);
        assertThat(one.item().frames()).containsEntry("beacon", 10L);
        assertThat(one.item().bssid()).isEqualTo(one.item().mac());

        var byBssid = telemetry.query(new TelemetryQuery(Optional.empty(), Optional.of("02:00:00:00:00:07"),
                Optional.of(t0), Optional.of(t0.plusSeconds(3600)), 10, Optional.empty()));
        assertThat(byBssid.items()).hasSize(1);
        assertThat(byBssid.nextCursor()).isEmpty();
        assertThat(io.sentinel.protocol.wire.Wire.writeString(one)).contains("\"sensor_id\":\"s-tel\"")
                .contains("\"mac\":").contains("\"id\":");
    }

    @Test
    void retentionDropsOldPartitionsAndOldDefaultRows() throws Exception {
        TelemetryRepository telemetry = new TelemetryRepository(db);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE telemetry_p20000101 PARTITION OF telemetry FOR VALUES FROM "
                    + "('2000-01-01 00:00+00') TO ('2000-01-02 00:00+00')");
        }
        Instant old = Instant.now().minus(Duration.ofDays(40));
        try (Connection c = db.connection()) {
            telemetry.copy(c, "s-ret", "b-old", List.of(ap("02:00:00:00:99:01", "Old", -60, old, old),
                    ap("02:00:00:00:99:02", "Old", -60, Instant.parse("2000-01-01T12:00:00Z"),
                            Instant.parse("2000-01-01T12:00:00Z"))));
            telemetry.copy(c, "s-ret", "b-new", List.of(ap("02:00:00:00:99:03", "New", -60, Instant.now(), Instant.now())));
        }
        List<String> actions = telemetry.maintain(7, 30);
        assertThat(actions).contains("dropped telemetry_p20000101").anyMatch(a -> a.startsWith("deleted 1 rows"));
        var left = telemetry.query(new TelemetryQuery(Optional.of("s-ret"), Optional.empty(), Optional.empty(),
                Optional.empty(), 10, Optional.empty()));
        assertThat(left.items()).extracting(t -> t.item().mac()).containsExactly("02:00:00:00:99:03");
        assertThat(telemetry.storage()).isEqualTo("native");
    }

    @Test
    void networksKeepTheLatestStatePerBssidAndPerSensorSignal() throws Exception {
        NetworkRepository networks = new NetworkRepository(db);
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        try (Connection c = db.connection()) {
            networks.upsertFromTelemetry(c, "s-a", List.of(ap("0a:00:00:00:00:01", "Home", -40, t, t.plusSeconds(10)),
                    ap("0a:00:00:00:00:01", "Home", -45, t.minusSeconds(30), t.plusSeconds(5))));
            networks.upsertFromTelemetry(c, "s-b", List.of(ap("0a:00:00:00:00:01", "Home-renamed", -70,
                    t.plusSeconds(20), t.plusSeconds(30))));
            // a late, older observation does not roll the SSID back
            networks.upsertFromTelemetry(c, "s-c", List.of(ap("0a:00:00:00:00:01", "Stale", -80, t, t.plusSeconds(1))));
        }
        Network n = networks.find("0a:00:00:00:00:01").orElseThrow();
        assertThat(n.ssid()).contains("Home-renamed");
        assertThat(n.firstSeen()).isEqualTo(t.minusSeconds(30));
        assertThat(n.lastSeen()).isEqualTo(t.plusSeconds(30));
        assertThat(n.sensors()).extracting(Network.SensorSignal::sensorId).containsExactly("s-a", "s-b", "s-c");
        assertThat(n.sensors().get(0).rssiAvg()).contains(-39.5);
        var page = networks.query(new NetworkQuery(Optional.of("Home-renamed"), Optional.empty(), Optional.empty(), 10,
                Optional.empty()));
        assertThat(page.items()).extracting(Network::bssid).containsExactly("0a:00:00:00:00:01");
    }

    @Test
    void alertUpsertGrowsCountKeepsHistoryAndMergesOtherSensorsReports() throws Exception {
        AlertRepository alerts = new AlertRepository(db);
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        UpsertOutcome a1;
        try (Connection c = db.connection()) {
            a1 = alerts.upsert(c, "s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 100, t, t.plusSeconds(5)));
            assertThat(a1.event()).isEqualTo(UpsertOutcome.Event.CREATED);
            assertThat(alerts.upsert(c, "s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 100, t,
                    t.plusSeconds(5))).event()).isEqualTo(UpsertOutcome.Event.UNCHANGED);
            assertThat(alerts.upsert(c, "s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 150, t,
                    t.plusSeconds(9))).event()).isEqualTo(UpsertOutcome.Event.UPDATED);
            // which alert a report joins is the worker's correlation step (CorrelatorTest); the store merges it
            UpsertOutcome merged = alerts.upsert(c, "s-2", alert("other-id", "deauth_flood", "0b:00:00:00:00:01", 0.5,
                    40, t.plusSeconds(2), t.plusSeconds(12)), Optional.of("r-1"));
            assertThat(merged).isEqualTo(new UpsertOutcome("r-1", UpsertOutcome.Event.MERGED));
            assertThat(alerts.upsert(c, "s-2", alert("x-2", "beacon_flood", "0b:00:00:00:00:01", 0.5, 1, t, t))
                    .event()).isEqualTo(UpsertOutcome.Event.CREATED);
        }
        Alert a = alerts.find("r-1").orElseThrow();
        assertThat(a.count()).isEqualTo(190);
        assertThat(a.sensorIds()).containsExactly("s-1", "s-2");
        assertThat(a.confidence()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(a.lastSeen()).isEqualTo(t.plusSeconds(12));
        assertThat(alerts.history("r-1")).extracting(h -> h.event()).containsExactly("created", "updated", "merged");
        assertThat(a.toJson()).containsEntry("status", "open").containsEntry("sensor_ids", List.of("s-1", "s-2"));

        AlertLifecycle lifecycle = new AlertLifecycle(db, java.time.Clock.systemUTC());
        var ack = lifecycle.acknowledge("r-1", actor("tok_analyst"), Optional.of("looking"));
        assertThat(ack).isInstanceOf(LifecycleResult.Changed.class);
        var resolved = (LifecycleResult.Changed) lifecycle.resolve("r-1", actor("tok_analyst"), Optional.of("rogue removed"));
        assertThat(resolved.alert().status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(resolved.alert().acknowledgedBy()).contains("tok_analyst");
        assertThat(resolved.alert().comment()).contains("rogue removed");
        assertThat(lifecycle.acknowledge("r-1", actor("x"), Optional.empty()))
                .isEqualTo(new LifecycleResult.Conflict(Alert.Status.RESOLVED));
        assertThat(lifecycle.resolve("nope", actor("x"), Optional.empty())).isEqualTo(new LifecycleResult.NotFound());

        // new evidence after resolution reopens it
        try (Connection c = db.connection()) {
            Thread.sleep(5);
            assertThat(alerts.upsert(c, "s-1", alert("r-1", "deauth_flood", "0b:00:00:00:00:01", 0.6, 300, t,
                    Instant.now().plusSeconds(5))).event())
                    .isEqualTo(UpsertOutcome.Event.REOPENED);
        }
        assertThat(alerts.find("r-1").orElseThrow().status()).isEqualTo(Alert.Status.OPEN);
    }

    @Test
    void alertQueriesFilterAndPage() throws Exception {
        AlertRepository alerts = new AlertRepository(db);
        Instant t = Instant.parse("2026-04-01T00:00:00Z");
        try (Connection c = db.connection()) {
            for (int i = 0; i < 25; i++) {
                alerts.upsert(c, i % 2 == 0 ? "q-even" : "q-odd", alert("q-" + i, i % 5 == 0 ? "karma" : "probe_flood",
                        "0c:00:00:00:00:" + String.format("%02x", i), 0.5, 1, t, t.plusSeconds(i % 3)));
            }
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = alerts.query(new AlertQuery(Optional.of("probe_flood"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(t), Optional.of(t.plusSeconds(60)), 7, cursor));
            page.items().forEach(a -> seen.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        var odd = alerts.query(new AlertQuery(Optional.empty(), Optional.of("high"), Optional.of(Alert.Status.OPEN),
                Optional.of("q-odd"), Optional.empty(), Optional.of(t), Optional.empty(), 100, Optional.empty()));
        assertThat(odd.items()).hasSize(12).allMatch(a -> a.sensorIds().contains("q-odd"));
        var one = alerts.query(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("0c:00:00:00:00:05"), Optional.empty(), Optional.empty(), 10, Optional.empty()));
        assertThat(one.items()).extracting(Alert::id).containsExactly("q-5");
    }

    @Test
    void theSameBatchIsMarkedStoredOnce() throws Exception {
        BatchRepository batches = new BatchRepository(db);
        try (Connection c = db.connection()) {
            assertThat(batches.markStored(c, "s-b", "batch-1", "telemetry", Instant.now(), 10)).isTrue();
            assertThat(batches.markStored(c, "s-b", "batch-1", "telemetry", Instant.now(), 10)).isFalse();
            assertThat(batches.markStored(c, "s-other", "batch-1", "telemetry", Instant.now(), 10)).isTrue();
        }
        assertThat(batches.isStored("s-b", "batch-1")).isTrue();
        assertThat(batches.isStored("s-b", "batch-2")).isFalse();
    }

    private static AlertLifecycle.Actor actor(String name) {
        return new AlertLifecycle.Actor(name, Optional.empty(), "api");
    }
}
