package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Telemetry, network and alert queries with filters and keyset pagination; alert lifecycle. */
class QueryApiTest {

    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    static String viewer;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of());
        // 25 telemetry items from two sensors over 25 seconds; 3 BSSIDs; 3 alerts
        List<TelemetryItem> a = new ArrayList<>();
        List<TelemetryItem> b = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String bssid = String.format("02:00:00:00:00:%02x", i % 3);
            Instant seen = T0.plusSeconds(i);
            TelemetryItem item = new TelemetryItem("ap", bssid, bssid, "Net" + (i % 3), 6, 2437,
                    i % 3 == 0 ? "open" : "wpa2-psk", -70, -60.0, -50, seen.minusSeconds(1), seen, Map.of("beacon", 5L), null);
            (i % 2 == 0 ? a : b).add(item);
        }
        try (Connection conn = c.database.connection()) {
            conn.setAutoCommit(false);
            new TelemetryRepository(c.database).copy(conn, "north", "seed-1", a);
            new TelemetryRepository(c.database).copy(conn, "south", "seed-2", b);
            new NetworkRepository(c.database).upsertFromTelemetry(conn, "north", a);
            new NetworkRepository(c.database).upsertFromTelemetry(conn, "south", b);
            AlertRepository alerts = new AlertRepository(c.database);
            alerts.upsert(conn, "north", alert("al-1", "deauth_flood", "high", 0));
            alerts.upsert(conn, "north", alert("al-2", "evil_twin", "critical", 10));
            alerts.upsert(conn, "south", alert("al-3", "beacon_flood", "medium", 20));
            conn.commit();
        }
        viewer = token("viewer");
        analyst = token("analyst");
    }

    static AlertMessage alert(String id, String type, String severity, int offset) {
        return new AlertMessage(id, type, severity, 0.8, T0.plusSeconds(offset), T0.plusSeconds(offset + 5), 10,
                "02:00:00:00:00:0" + (offset / 10), "Net0", "02:aa:bb:cc:dd:ee", null, 6, List.of("RATE"), List.of(),
                Map.of("rate", 42), "test alert " + id);
    }

    static String token(String role) throws Exception {
        var r = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"" + role + "\",\"role\":\"" + role + "\"}");
        return JSON.readTree(r.body()).get("token").asText();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Follows next_cursor to the end; returns every item in order. */
    static List<JsonNode> all(String pathWithQuery) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            String sep = pathWithQuery.contains("?") ? "&" : "?";
            JsonNode body = json(c.get(pathWithQuery + (cursor == null ? "" : sep + "cursor=" + cursor), viewer));
            body.get("items").forEach(out::add);
            if (body.get("next_cursor").isNull()) {
                return out;
            }
            cursor = body.get("next_cursor").asText();
        }
        throw new AssertionError("pagination did not end");
    }

    @Test
    void telemetryPagesNewestFirstWithoutGapsOrRepeats() throws Exception {
        List<JsonNode> items = all("/api/v1/telemetry?limit=4");
        assertThat(items).hasSize(25);
        Set<Long> ids = new HashSet<>();
        double previous = Double.MAX_VALUE;
        for (JsonNode it : items) {
            assertThat(ids.add(it.get("id").asLong())).isTrue();
            double lastSeen = it.get("last_seen").asDouble();
            assertThat(lastSeen).isLessThanOrEqualTo(previous);
            previous = lastSeen;
        }
        assertThat(items.getFirst().get("last_seen").asLong()).isEqualTo(T0.plusSeconds(24).getEpochSecond());
    }

    @Test
    void telemetryFiltersBySensorBssidAndTime() throws Exception {
        assertThat(all("/api/v1/telemetry?sensor_id=north")).hasSize(13)
                .allSatisfy(it -> assertThat(it.get("sensor_id").asText()).isEqualTo("north"));
        assertThat(all("/api/v1/telemetry?bssid=02:00:00:00:00:01")).hasSize(8);
        long since = T0.plusSeconds(20).getEpochSecond();
        String until = T0.plusSeconds(23).toString();
        assertThat(all("/api/v1/telemetry?since=" + since + "&until=" + until)).hasSize(3);
        var bad = c.get("/api/v1/telemetry?since=yesterday", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        var reversed = c.get("/api/v1/telemetry?since=" + since + "&until=" + (since - 10), viewer);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/telemetry?bssid=not-a-mac", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/telemetry?limit=0", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/telemetry?limit=1001", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void networksShowLatestStatePerBssid() throws Exception {
        List<JsonNode> nets = all("/api/v1/networks?limit=2");
        assertThat(nets).hasSize(3);
        assertThat(nets).extracting(n -> n.get("bssid").asText())
                .containsExactlyInAnyOrder("02:00:00:00:00:00", "02:00:00:00:00:01", "02:00:00:00:00:02");
        assertThat(all("/api/v1/networks?security=open")).hasSize(1);
        assertThat(all("/api/v1/networks?ssid=Net1")).singleElement()
                .satisfies(n -> assertThat(n.get("sensors").size()).isEqualTo(2));
    }

    @Test
    void alertsFilterAndPage() throws Exception {
        assertThat(all("/api/v1/alerts?limit=1")).extracting(a -> a.get("id").asText())
                .containsExactly("al-3", "al-2", "al-1");
        assertThat(all("/api/v1/alerts?severity=critical")).extracting(a -> a.get("id").asText()).containsExactly("al-2");
        assertThat(all("/api/v1/alerts?type=deauth_flood")).hasSize(1);
        assertThat(all("/api/v1/alerts?sensor_id=south")).extracting(a -> a.get("id").asText()).containsExactly("al-3");
        assertThat(c.get("/api/v1/alerts?severity=urgent", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/alerts?status=closed", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/alerts/nope", viewer).statusCode()).isEqualTo(404);
    }

    @Test
    void ackAndResolveNeedAnalystAndAreRecordedWithWhoAndWhen() throws Exception {
        assertThat(c.send("POST", "/api/v1/alerts/al-1/ack", viewer, "{\"comment\":\"x\"}").statusCode()).isEqualTo(403);
        var ack = c.send("POST", "/api/v1/alerts/al-1/ack", analyst, "{\"comment\":\"looking into it\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        JsonNode acked = JSON.readTree(ack.body());
        assertThat(acked.get("status").asText()).isEqualTo("acknowledged");
        assertThat(acked.get("acknowledged_by").asText()).isEqualTo("token:analyst");
        assertThat(acked.get("acknowledged_at").asDouble()).isGreaterThan(T0.getEpochSecond());

        var resolve = c.send("POST", "/api/v1/alerts/al-1/resolve", analyst, "{\"comment\":\"rogue device removed\"}");
        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resolve.body()).get("comment").asText()).isEqualTo("rogue device removed");
        assertThat(c.send("POST", "/api/v1/alerts/al-1/resolve", analyst, null).statusCode()).isEqualTo(409);
        assertThat(c.send("POST", "/api/v1/alerts/al-1/ack", analyst, "{\"note\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(c.send("POST", "/api/v1/alerts/missing/ack", analyst, null).statusCode()).isEqualTo(404);

        JsonNode one = json(c.get("/api/v1/alerts/al-1", viewer));
        List<String> events = new ArrayList<>();
        one.get("history").forEach(h -> events.add(h.get("event").asText()));
        assertThat(events).contains("acknowledged", "resolved");
        assertThat(all("/api/v1/alerts?status=resolved")).extracting(a -> a.get("id").asText()).containsExactly("al-1");

        JsonNode audit = json(c.get("/api/v1/audit", TestController.ADMIN_TOKEN));
        List<String> actions = new ArrayList<>();
        for (JsonNode e : audit.get("items")) {
            if ("al-1".equals(e.get("target").asText())) {
                actions.add(e.get("action").asText() + " by " + e.get("actor").asText() + ": " + e.get("detail").get("comment").asText());
            }
        }
        assertThat(actions).containsExactly("alert.resolve by token:analyst: rogue device removed",
                "alert.ack by token:analyst: looking into it");
    }
}
