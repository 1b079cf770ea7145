package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.signing.RequestSigner;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet configuration over real HTTP and PostgreSQL: versioned saves checked by the detector
 * catalogue, optimistic concurrency, rollback, roles, audit with diffs, the signed sensor
 * exchange (heartbeat answer names the version, the sensor fetches and reports), and learn mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetApiTest {
    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String A = TestController.ADMIN_TOKEN;
    static String viewer;

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of(), true, TestBackends.redisUrl(),
                (section, name, value) -> DetectionConfig.defaults().with(section + "." + name, value));
        var t = c.send("POST", "/api/v1/tokens", A, "{\"name\":\"fleet-viewer\",\"role\":\"viewer\"}");
        assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
        viewer = json(t).get("token").asText();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static final String DOC_V1 = """
            {"monitored_networks":[{"ssid":"CorpNet","bssids":["02:00:00:00:00:01"],"channels":[6],"security":"wpa2-psk"}],
             "profiles":{"default":{"detection":{"detectors":{"deauth_flood":{"threshold":30}}}},
                         "lobby":{"description":"busy lobby","channels":{"plan":"1,6,11","min_dwell_ms":100,"max_dwell_ms":400},
                                  "detection":{"engine":{"quiet_gap_s":30},"detectors":{"beacon_flood":{"enabled":false}}}}},
             "assignments":{"sensors":{"fleet-lobby":"lobby"}}}""";

    static String save(String doc, Integer base, String comment) {
        return "{\"document\":" + doc + (base == null ? "" : ",\"base_version\":" + base)
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
    }

    @Test
    @Order(1)
    void aNewControllerHasVersionZeroAndSavesAreVersionedAndAudited() throws Exception {
        var empty = c.get("/api/v1/fleet/config", viewer);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(json(empty).get("version").asInt()).isZero();

        var saved = c.send("PUT", "/api/v1/fleet/config", A, save(DOC_V1, 0, "first"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("version").asInt()).isEqualTo(1);

        var read = json(c.get("/api/v1/fleet/config", viewer));
        assertThat(read.get("version").asInt()).isEqualTo(1);
        assertThat(read.get("comment").asText()).isEqualTo("first");
        assertThat(read.at("/document/profiles/default/detection/detectors/deauth_flood/threshold").asInt()).isEqualTo(30);
        assertThat(read.at("/document/monitored_networks/0/bssids/0").asText()).isEqualTo("02:00:00:00:00:01");

        String v2 = DOC_V1.replace("\"threshold\":30", "\"threshold\":40");
        var second = c.send("PUT", "/api/v1/fleet/config", A, save(v2, 1, "raise"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode changes = json(second).get("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("path").asText()).isEqualTo("profiles.default.detection.detectors.deauth_flood.threshold");
        assertThat(changes.get(0).get("before").asInt()).isEqualTo(30);
        assertThat(changes.get(0).get("after").asInt()).isEqualTo(40);

        var audit = c.get("/api/v1/audit?limit=20", A);
        assertThat(audit.body()).contains("fleet.config.save").contains("deauth_flood.threshold");
    }

    @Test
    @Order(2)
    void aStaleBaseIsAConflictAndViewersCannotChange() throws Exception {
        var stale = c.send("PUT", "/api/v1/fleet/config", A, save(DOC_V1, 1, null));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("version 2");
        var denied = c.send("PUT", "/api/v1/fleet/config", viewer, save(DOC_V1, 2, null));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(c.get("/api/v1/fleet/config", viewer)).get("version").asInt()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void badConfigurationsAreRefusedWithTheFieldNamed() throws Exception {
        Map<String, String> cases = Map.of(
                DOC_V1.replace("\"threshold\":30", "\"thresh\":30"), "document.profiles.default.detection.detectors.deauth_flood.thresh",
                DOC_V1.replace("\"threshold\":30", "\"threshold\":-1"), "document.profiles.default.detection.detectors.deauth_flood.threshold",
                DOC_V1.replace("deauth_flood", "no_such_detector"), "document.profiles.default.detection.detectors.no_such_detector.threshold",
                DOC_V1.replace("02:00:00:00:00:01", "not-a-mac"), "document.monitored_networks[0].bssids[0]",
                DOC_V1.replace("\"fleet-lobby\":\"lobby\"", "\"fleet-lobby\":\"attic\""), "document.assignments.sensors.fleet-lobby",
                DOC_V1.replace("\"min_dwell_ms\":100", "\"min_dwell_ms\":5"), "document.profiles.lobby.channels.min_dwell_ms",
                DOC_V1.replace("\"security\":\"wpa2-psk\"", "\"security\":\"wpa2-psk\",\"colour\":\"red\""), "document.monitored_networks[0].colour");
        for (var e : cases.entrySet()) {
            var r = c.send("PUT", "/api/v1/fleet/config", A, save(e.getKey(), 2, null));
            assertThat(r.statusCode()).as(e.getValue() + ": " + r.body()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).as(r.body()).isEqualTo(e.getValue());
        }
        assertThat(json(c.get("/api/v1/fleet/config", viewer)).get("version").asInt()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void versionsListDiffAndRollBack() throws Exception {
        var list = json(c.get("/api/v1/fleet/versions", viewer));
        assertThat(list.get("items")).hasSize(2);
        assertThat(list.get("items").get(0).get("version").asInt()).isEqualTo(2);
        var v2 = json(c.get("/api/v1/fleet/versions/2", viewer));
        assertThat(v2.get("changes").get(0).get("path").asText()).endsWith("deauth_flood.threshold");
        assertThat(c.get("/api/v1/fleet/versions/99", viewer).statusCode()).isEqualTo(404);
        assertThat(c.get("/api/v1/fleet/versions/x", viewer).statusCode()).isEqualTo(400);

        var back = c.send("POST", "/api/v1/fleet/rollback", A, "{\"version\":1,\"base_version\":2}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(json(back).get("version").asInt()).isEqualTo(3);
        var v3 = json(c.get("/api/v1/fleet/config", viewer));
        assertThat(v3.get("rollback_of").asInt()).isEqualTo(1);
        assertThat(v3.at("/document/profiles/default/detection/detectors/deauth_flood/threshold").asInt()).isEqualTo(30);
        assertThat(c.get("/api/v1/audit?limit=20", A).body()).contains("fleet.config.rollback");
    }

    @Test
    @Order(5)
    void sensorsLearnTheVersionFromHeartbeatsFetchTheirProfileAndReport() throws Exception {
        var r = c.send("POST", "/api/v1/sensors", A, "{\"sensor_id\":\"fleet-lobby\",\"location\":\"HQ\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        RequestSigner s = new RequestSigner("fleet-lobby", HexFormat.of().parseHex(json(r).get("key").asText()), Clock.systemUTC());

        var hb = c.postSigned(s, "/api/v1/heartbeat", "{\"sensor_id\":\"fleet-lobby\"}", false);
        assertThat(hb.statusCode()).as(hb.body()).isEqualTo(200);
        assertThat(json(hb).get("config_version").asInt()).isEqualTo(3);

        var fetch = c.postSigned(s, "/api/v1/sensor-config", "{\"sensor_id\":\"fleet-lobby\"}", false);
        assertThat(fetch.statusCode()).as(fetch.body()).isEqualTo(200);
        JsonNode cfg = json(fetch);
        assertThat(cfg.get("status").asText()).isEqualTo("config");
        assertThat(cfg.at("/config/version").asInt()).isEqualTo(3);
        assertThat(cfg.at("/config/profile").asText()).isEqualTo("lobby");
        assertThat(cfg.at("/config/settings/channels/plan").asText()).isEqualTo("1,6,11");
        assertThat(cfg.at("/config/monitored_networks/0/ssid").asText()).isEqualTo("CorpNet");

        var refused = c.postSigned(s, "/api/v1/sensor-config", """
                {"sensor_id":"fleet-lobby","result":"refused","refused_version":3,"error":"channel 165 not supported by wlan0"}""", false);
        assertThat(json(refused).get("status").asText()).isEqualTo("config");
        JsonNode states = json(c.get("/api/v1/fleet/sensors", viewer));
        JsonNode lobby = null;
        for (JsonNode n : states.get("items")) if (n.get("sensor_id").asText().equals("fleet-lobby")) lobby = n;
        assertThat(lobby).isNotNull();
        assertThat(lobby.get("in_sync").asBoolean()).isFalse();
        assertThat(lobby.get("refused_version").asInt()).isEqualTo(3);
        assertThat(lobby.get("error").asText()).contains("channel 165");
        assertThat(lobby.get("profile").asText()).isEqualTo("lobby");

        var current = c.postSigned(s, "/api/v1/sensor-config",
                "{\"sensor_id\":\"fleet-lobby\",\"applied_version\":3,\"result\":\"applied\"}", false);
        assertThat(json(current).get("status").asText()).isEqualTo("current");
        assertThat(json(current).has("config")).isFalse();
        for (JsonNode n : json(c.get("/api/v1/fleet/sensors", viewer)).get("items")) {
            if (n.get("sensor_id").asText().equals("fleet-lobby")) {
                assertThat(n.get("in_sync").asBoolean()).isTrue();
                assertThat(n.get("applied_version").asInt()).isEqualTo(3);
            }
        }

        var otherSensor = c.postSigned(s, "/api/v1/sensor-config", "{\"sensor_id\":\"someone-else\"}", false);
        assertThat(otherSensor.statusCode()).isEqualTo(403);
        var unsigned = c.send("POST", "/api/v1/sensor-config", null, "{\"sensor_id\":\"fleet-lobby\"}");
        assertThat(unsigned.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void learnModeProposesSteadyNetworksAndApprovalAddsThem() throws Exception {
        try (Connection conn = c.database.connection(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO networks (bssid, ssid, ssid_bytes, security, channel, first_seen, last_seen) VALUES "
                    + "('02:aa:00:00:00:01', 'Guest', convert_to('Guest','UTF8'), 'open', 11, now() - interval '5 days', now()),"
                    + "('02:aa:00:00:00:02', 'Guest', convert_to('Guest','UTF8'), 'open', 36, now() - interval '4 days', now()),"
                    + "('02:aa:00:00:00:03', 'Fresh', convert_to('Fresh','UTF8'), 'open', 1, now() - interval '1 hour', now()),"
                    + "('02:00:00:00:00:09', 'CorpNet', convert_to('CorpNet','UTF8'), 'wpa2-psk', 6, now() - interval '9 days', now())");
        }
        JsonNode p = json(c.get("/api/v1/fleet/proposals", viewer));
        assertThat(p.toString()).contains("Guest").doesNotContain("Fresh");
        JsonNode guest = null, corp = null;
        for (JsonNode n : p.get("items")) {
            if (n.at("/network/ssid").asText().equals("Guest")) guest = n;
            if (n.at("/network/ssid").asText().equals("CorpNet")) corp = n;
        }
        assertThat(guest.get("kind").asText()).isEqualTo("new");
        assertThat(guest.at("/network/bssids").toString()).isEqualTo("[\"02:aa:00:00:00:01\",\"02:aa:00:00:00:02\"]");
        assertThat(guest.at("/network/channels").toString()).isEqualTo("[11,36]");
        assertThat(corp.get("kind").asText()).isEqualTo("extend");
        assertThat(corp.at("/network/bssids").toString()).isEqualTo("[\"02:00:00:00:00:09\"]");

        var approved = c.send("POST", "/api/v1/fleet/proposals/approve", A, "{\"ssids\":[\"Guest\",\"CorpNet\"],\"base_version\":3}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode doc = json(c.get("/api/v1/fleet/config", viewer)).get("document");
        assertThat(doc.get("monitored_networks").toString()).contains("Guest").contains("02:00:00:00:00:09")
                .contains("02:00:00:00:00:01");
        assertThat(c.send("POST", "/api/v1/fleet/proposals/approve", A, "{\"ssids\":[\"Fresh\"]}").statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/audit?limit=5", A).body()).contains("fleet.proposals.approve");
    }

    @Test
    @Order(7)
    void observedVsExpectedShowsRogueBssidsDeviationsAndMissingOnes() throws Exception {
        try (Connection conn = c.database.connection(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO networks (bssid, ssid, ssid_bytes, security, channel, first_seen, last_seen) VALUES "
                    + "('02:66:66:66:66:66', 'CorpNet', convert_to('CorpNet','UTF8'), 'open', 11, now() - interval '1 hour', now()),"
                    + "('02:00:00:00:00:01', 'CorpNet', convert_to('CorpNet','UTF8'), 'wpa2-psk', 6, now() - interval '9 days', now() - interval '3 days')");
        }
        var r = c.get("/api/v1/fleet/observed", viewer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode corp = null;
        for (JsonNode n : json(r).get("items")) if (n.get("ssid").asText().equals("CorpNet")) corp = n;
        assertThat(corp).isNotNull();
        Map<String, String> verdicts = new java.util.TreeMap<>();
        for (JsonNode o : corp.get("observed")) verdicts.put(o.get("bssid").asText(), o.get("verdicts").toString());
        assertThat(verdicts).containsEntry("02:66:66:66:66:66", "[\"unexpected_bssid\",\"unexpected_channel\",\"security_mismatch\"]")
                .containsEntry("02:00:00:00:00:01", "[]")
                .containsEntry("02:00:00:00:00:09", "[]");
        assertThat(corp.get("deviating").asInt()).isEqualTo(1);
        assertThat(corp.get("missing_bssids").toString()).as("expected, last heard 3 days ago").contains("02:00:00:00:00:01")
                .doesNotContain("02:00:00:00:00:09");
        var longer = json(c.get("/api/v1/fleet/observed?recent_hours=168", viewer));
        for (JsonNode n : longer.get("items")) {
            if (n.get("ssid").asText().equals("CorpNet")) assertThat(n.get("missing_bssids")).isEmpty();
        }
        assertThat(c.get("/api/v1/fleet/observed?recent_hours=0", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void observedVsExpectedHonoursBssidRangesAndVendors() throws Exception {
        int version = json(c.get("/api/v1/fleet/config", viewer)).get("version").asInt();
        String doc = "{\"monitored_networks\":[{\"ssid\":\"Branch\",\"bssid_ranges\":[\"00:1a:1e\"],"
                + "\"vendors\":[\"Aruba, a Hewlett Packard Enterprise Company\"],\"akms\":[\"sae\"],\"pmf\":\"required\"}]}";
        var saved = c.send("PUT", "/api/v1/fleet/config", A, save(doc, version, "branch"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        try (Connection conn = c.database.connection(); Statement st = conn.createStatement()) {
            st.execute("INSERT INTO networks (bssid, ssid, ssid_bytes, security, channel, vendor, first_seen, last_seen) VALUES "
                    + "('00:1a:1e:00:00:01', 'Branch', convert_to('Branch','UTF8'), 'wpa3-sae', 36, 'Aruba, a Hewlett Packard Enterprise Company', now() - interval '1 hour', now()),"
                    + "('00:1a:1f:00:00:01', 'Branch', convert_to('Branch','UTF8'), 'wpa3-sae', 36, 'Aruba, a Hewlett Packard Enterprise Company', now() - interval '1 hour', now()),"
                    + "('00:1a:1e:00:00:02', 'Branch', convert_to('Branch','UTF8'), 'wpa3-sae', 36, 'Other Radio Works', now() - interval '1 hour', now())");
        }
        JsonNode branch = null;
        for (JsonNode n : json(c.get("/api/v1/fleet/observed", viewer)).get("items")) if (n.get("ssid").asText().equals("Branch")) branch = n;
        assertThat(branch).isNotNull();
        Map<String, String> verdicts = new java.util.TreeMap<>();
        for (JsonNode o : branch.get("observed")) verdicts.put(o.get("bssid").asText(), o.get("verdicts").toString());
        assertThat(verdicts).containsEntry("00:1a:1e:00:00:01", "[]")
                .containsEntry("00:1a:1f:00:00:01", "[\"unexpected_bssid\"]")
                .containsEntry("00:1a:1e:00:00:02", "[\"unexpected_vendor\"]");
        assertThat(branch.at("/expected/bssid_ranges").toString()).isEqualTo("[\"00:1a:1e\"]");

        var bad = c.send("PUT", "/api/v1/fleet/config", A, save(doc.replace("00:1a:1e", "00:1a:1"), version + 1, null));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("document.monitored_networks[0].bssid_ranges[0]");
    }
}
