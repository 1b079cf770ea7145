package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.controller.fleet.FleetChanges;
import io.sentinel.controller.fleet.FleetService;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.sensor.SensorRepository;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Fleet page: save a version (refused with the field named, the draft kept), see the
 * conflict when the page is stale, approve a learnt network (its hostile SSID escaped), roll
 * back, and every change audited as the dashboard.
 */
class FleetPageTest {
    static DashboardServer server;

    @BeforeAll
    static void start() {
        // the page's changes judged by the detector catalogue, as `sentinel controller` wires them
        server = DashboardServer.start(b -> b.passwordIterations(20_000).fleet(new FleetChanges(
                new FleetService(new FleetRepository(b.database()), new SensorRepository(b.database()),
                        (section, name, value) -> DetectionConfig.defaults().with(section + "." + name, value), Clock.systemUTC()),
                new AuditRepository(b.database()), Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long count(String sql) throws Exception {
        try (Connection c = server.db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static final String DOC = "{\"monitored_networks\":[{\"ssid\":\"CorpNet\",\"bssids\":[\"02:00:00:00:00:01\"]}],"
            + "\"profiles\":{\"default\":{\"detection\":{\"detectors\":{\"deauth_flood\":{\"threshold\":25}}}}}}";

    @Test
    void versionsAreSavedCheckedConflictedApprovedAndRolledBack() throws Exception {
        Http http = new Http(server.base());
        http.login(DashboardServer.PASSWORD);
        HttpResponse<String> page = http.get("/dashboard/fleet");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No fleet configuration yet");
        String csrf = Http.hiddenCsrf(page.body());

        String bad = DOC.replace("threshold", "treshold");
        HttpResponse<String> refused = http.post("/dashboard/fleet/save", Map.of("_csrf", csrf, "base_version", "0", "document", bad));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("profiles.default.detection.detectors.deauth_flood.treshold")
                .contains("treshold"); // the draft stays in the form
        assertThat(count("SELECT count(*) FROM fleet_config_versions")).isZero();

        HttpResponse<String> saved = http.post("/dashboard/fleet/save", Map.of("_csrf", csrf, "base_version", "0",
                "document", DOC, "comment", "first"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved as version 1");

        HttpResponse<String> stale = http.post("/dashboard/fleet/save", Map.of("_csrf", csrf, "base_version", "0", "document", DOC));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("is at version 1");

        try (Connection c = server.db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO networks (bssid, ssid, ssid_bytes, security, channel, first_seen, last_seen) VALUES "
                    + "('02:bb:00:00:00:01', '<b>Lab</b>', convert_to('<b>Lab</b>','UTF8'), 'wpa2-psk', 1, now() - interval '6 days', now())");
        }
        page = http.get("/dashboard/fleet");
        assertThat(page.body()).contains("&lt;b&gt;Lab&lt;/b&gt;").doesNotContain("<b>Lab</b>");
        assertThat(page.body()).contains("id=\"fleet-observed\"").contains("expected, not heard for 24 h")
                .contains("02:00:00:00:00:01");
        HttpResponse<String> approved = http.post("/dashboard/fleet/approve", Map.of("_csrf", csrf, "base_version", "1",
                "ssid", "<b>Lab</b>"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("Saved as version 2");

        HttpResponse<String> back = http.post("/dashboard/fleet/rollback", Map.of("_csrf", csrf, "base_version", "2", "version", "1"));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(back.body()).contains("Saved as version 3").contains("rollback to version 1");
        assertThat(http.post("/dashboard/fleet/rollback", Map.of("version", "1")).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(count("SELECT count(*) FROM audit_log WHERE actor = 'dashboard' AND action LIKE 'fleet.%'")).isEqualTo(3);
    }
}
