package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.migration.V2__Telemetry;
import io.sentinel.store.network.Network;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.telemetry.StoredTelemetry;
import io.sentinel.store.telemetry.TelemetryQuery;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSIDs keep their bytes in every table, and merged counts cannot overflow. */
class FaithfulValuesTest {
    static Database db;
    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    /** NUL bytes, a byte that is not UTF-8, a bidi override, a literal backslash. */
    static final List<Ssid> ODD = List.of(Ssid.ofHex("000000"), Ssid.ofHex("4361ff00"), Ssid.ofText("\u202eevil\\x00"),
            Ssid.ofHex(""), Ssid.ofText("Caf\u00e9"));

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static TelemetryItem ap(String mac, Ssid ssid) {
        return TelemetryItem.of("ap", mac, null, Optional.of(ssid), 6, 2437, "wpa2-psk", -60, -55.5, -50, T, T.plusSeconds(5),
                Map.of("beacon", 10L), null);
    }

    @Test
    void telemetryAndNetworksKeepTheBytesAndStoreADisplayForm() throws Exception {
        TelemetryRepository telemetry = new TelemetryRepository(db);
        NetworkRepository networks = new NetworkRepository(db);
        List<TelemetryItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < ODD.size(); i++) {
            items.add(ap(String.format("02:00:00:00:05:%02x", i), ODD.get(i)));
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            assertThat(telemetry.copy(c, List.of(new TelemetryRepository.Rows("s-faith", "b-faith", items)))).isEqualTo(ODD.size());
            networks.upsertFromTelemetry(c, "s-faith", items);
            c.commit();
        }
        List<StoredTelemetry> stored = telemetry.query(new TelemetryQuery(Optional.of("s-faith"), Optional.empty(),
                Optional.empty(), Optional.empty(), 100, Optional.empty())).items();
        assertThat(stored).hasSize(ODD.size());
        for (StoredTelemetry s : stored) {
            int i = Integer.parseInt(s.item().mac().substring(15), 16);
            assertThat(s.item().ssidValue()).as("bytes of %s", ODD.get(i)).contains(ODD.get(i));
            assertThat(s.ssidDisplay()).isEqualTo(ODD.get(i).display());
            Network n = networks.find(s.item().mac()).orElseThrow();
            assertThat(n.ssidBytes()).contains(ODD.get(i));
            assertThat(n.ssid()).contains(ODD.get(i).display());
        }
        try (Connection c = db.connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT ssid, encode(ssid_bytes, 'hex') FROM networks WHERE bssid = '02:00:00:00:05:00'")) {
            rs.next();
            assertThat(rs.getString(1)).as("the text column holds the display form").isEqualTo("\\u0000\\u0000\\u0000");
            assertThat(rs.getString(2)).isEqualTo("000000");
        }
    }

    @Test
    void alertsKeepTheBytesOfTheirSsid() throws Exception {
        AlertRepository alerts = new AlertRepository(db);
        for (int i = 0; i < ODD.size(); i++) {
            Ssid ssid = ODD.get(i);
            AlertMessage a = new AlertMessage("faith-" + i, "evil_twin", "high", 0.9, T, T.plusSeconds(1), 3,
                    "02:00:00:00:06:0" + i, ssid.text().orElse(null), ssid.text().isPresent() ? null : ssid.hex(),
                    "02:00:00:00:06:0" + i, null, 6, List.of(), List.of(), Map.of(), "twin");
            a.validate("alert");
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                alerts.upsert(c, "s-faith-" + i, a);
                c.commit();
            }
            Alert back = alerts.find("faith-" + i).orElseThrow();
            assertThat(back.ssidBytes()).contains(ssid);
            assertThat(back.ssid()).contains(ssid.display());
            Map<String, Object> json = back.toJson();
            assertThat(json).containsEntry("ssid_hex", ssid.hex()).containsEntry("ssid_display", ssid.display());
            assertThat(json.get("ssid")).isEqualTo(ssid.text().orElse(null));
        }
    }

    @Test
    void countsMergedAcrossSensorsSaturateInsteadOfOverflowing() throws Exception {
        AlertRepository alerts = new AlertRepository(db);
        for (String sensor : List.of("s-sat-1", "s-sat-2")) {
            // beyond what the codec lets through: the repository must still not overflow
            AlertMessage a = new AlertMessage("sat-" + sensor, "deauth_flood", "high", 0.9, T, T.plusSeconds(1),
                    Long.MAX_VALUE, "02:00:00:00:07:01", null, null, null, 6, List.of(), List.of(), Map.of(), "flood");
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                // the second report joins the first's alert, as the worker's correlation step decides
                alerts.upsert(c, sensor, a, sensor.equals("s-sat-1") ? java.util.Optional.empty()
                        : java.util.Optional.of("sat-s-sat-1"));
                c.commit();
            }
        }
        Alert merged = alerts.find("sat-s-sat-1").orElseThrow();
        assertThat(merged.sensorIds()).containsExactly("s-sat-1", "s-sat-2");
        assertThat(merged.count()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void migrationFiveMovesExistingSsidsToBytesAndDisplayForms() throws Exception {
        try (Database fresh = TestPostgres.freshDatabase()) {
            Flyway.configure().dataSource(fresh.dataSource()).locations("classpath:db/migration")
                    .javaMigrations(new V2__Telemetry()).target("4").load().migrate();
            try (Connection c = fresh.connection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO networks (bssid, ssid, first_seen, last_seen) VALUES (?::macaddr, ?, now(), now())")) {
                ps.setString(1, "02:00:00:00:08:01");
                ps.setString(2, "a\\b\u202ec\td");
                ps.executeUpdate();
            }
            new Migrations(fresh.dataSource()).migrate();
            try (Connection c = fresh.connection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT ssid, ssid_bytes FROM networks")) {
                rs.next();
                Ssid bytes = Ssid.of(rs.getBytes(2));
                assertThat(bytes).isEqualTo(Ssid.ofText("a\\b\u202ec\td"));
                assertThat(rs.getString(1)).isEqualTo(bytes.display()).isEqualTo("a\\\\b\\u202Ec\\u0009d");
                assertThat(HexFormat.of().formatHex(rs.getBytes(2))).isEqualTo(bytes.hex());
            }
        }
    }
}
