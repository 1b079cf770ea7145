package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.alert.AlertRepository;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Notification channels, rules, test messages and the outbox of API lifecycle changes, over real HTTP. */
class NotifyApiTest {
    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String A = TestController.ADMIN_TOKEN;

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of());
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static long count(String sql) throws Exception {
        try (Connection conn = c.database.connection(); Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void channelSecretsGoInButNeverComeOutAndEveryChangeIsAudited() throws Exception {
        String body = """
                {"id":"api-slack","name":"SOC Slack","kind":"webhook","settings":{"shape":"slack"},
                 "secrets":{"url":"https://hooks.example.org/services/T0/B0/s3cr3t-path","signing_key":"key-0123456789abcdef"}}""";
        var created = c.send("POST", "/api/v1/notify/channels", A, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("s3cr3t").doesNotContain("key-0123");
        JsonNode ch = json(created);
        assertThat(ch.get("target").asText()).isEqualTo("https://hooks.example.org/…");
        assertThat(ch.get("secrets_set").toString()).isEqualTo("[\"signing_key\",\"url\"]");
        assertThat(ch.get("settings").get("shape").asText()).isEqualTo("slack");
        assertThat(ch.get("health").get("pending").asInt()).isZero();

        var list = c.get("/api/v1/notify/channels", A);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("api-slack").doesNotContain("s3cr3t");
        assertThat(c.send("POST", "/api/v1/notify/channels", A, body).statusCode()).isEqualTo(409);

        var replaced = c.send("PUT", "/api/v1/notify/channels/api-slack", A,
                "{\"kind\":\"webhook\",\"settings\":{\"shape\":\"teams\"},\"secrets\":{\"signing_key\":null}}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("secrets_set").toString()).isEqualTo("[\"url\"]");

        var audit = c.get("/api/v1/audit?limit=50", A);
        assertThat(audit.body()).contains("notify.channel.create").contains("notify.channel.update")
                .doesNotContain("s3cr3t").doesNotContain("key-0123");

        var test = c.send("POST", "/api/v1/notify/channels/api-slack/test", A, null);
        assertThat(test.statusCode()).isEqualTo(202);
        String messageId = json(test).get("message_id").asText();
        var delivery = c.get("/api/v1/notify/deliveries/" + messageId, A);
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(json(delivery).get("state").asText()).isEqualTo("pending");
        assertThat(json(delivery).get("kind").asText()).isEqualTo("test");
        var page = c.get("/api/v1/notify/deliveries?channel_id=api-slack&state=pending", A);
        assertThat(json(page).get("items").size()).isEqualTo(1);

        assertThat(c.send("DELETE", "/api/v1/notify/channels/api-slack", A, null).statusCode()).isEqualTo(204);
        assertThat(c.get("/api/v1/notify/channels/api-slack", A).statusCode()).isEqualTo(404);
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"id\":\"x1\",\"kind\":\"pager\"}", "kind",
                "{\"id\":\"x2\",\"kind\":\"webhook\",\"secrets\":{\"url\":\"http://plain.example.org/h\"}}", "secrets.url",
                "{\"id\":\"x3\",\"kind\":\"webhook\",\"settings\":{\"colour\":\"red\"},\"secrets\":{\"url\":\"https://a.example\"}}", "settings.colour",
                "{\"id\":\"X Y\",\"kind\":\"file\"}", "id",
                "{\"id\":\"x5\",\"kind\":\"syslog\",\"settings\":{\"host\":\"siem.example\",\"port\":70000}}", "settings.port",
                "{\"id\":\"x6\",\"kind\":\"email\",\"settings\":{\"host\":\"mx\",\"from\":\"a@b.c\",\"to\":[\"not an address\"]}}", "settings.to",
                "{\"id\":\"x7\",\"kind\":\"file\",\"settings\":{\"name\":\"../../etc/passwd\"}}", "settings.name",
                "{\"id\":\"x8\",\"kind\":\"file\",\"secrets\":{\"password\":\"p\"}}", "secrets.password");
        for (var e : cases.entrySet()) {
            var r = c.send("POST", "/api/v1/notify/channels", A, e.getKey());
            assertThat(r.statusCode()).as(e.getKey() + " -> " + r.body()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).as(r.body()).isEqualTo(e.getValue());
        }
        var rule = c.send("POST", "/api/v1/notify/rules", A, "{\"id\":\"r-x\",\"channels\":[\"nope\"]}");
        assertThat(rule.statusCode()).isEqualTo(400);
        assertThat(json(rule).get("field").asText()).isEqualTo("channels");
        var events = c.send("POST", "/api/v1/notify/rules", A, "{\"id\":\"r-y\",\"channels\":[\"a\"],\"match\":{\"events\":[\"exploded\"]}}");
        assertThat(json(events).get("field").asText()).isEqualTo("match.events");
    }

    @Test
    void onlyAdminsConfigureNotifications() throws Exception {
        var token = c.send("POST", "/api/v1/tokens", A, "{\"name\":\"analyst-n\",\"role\":\"analyst\"}");
        String analyst = json(token).get("token").asText();
        assertThat(c.get("/api/v1/notify/channels", analyst).statusCode()).isEqualTo(403);
        assertThat(c.send("POST", "/api/v1/notify/rules", analyst, "{}").statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/notify/rules", null).statusCode()).isEqualTo(401);
    }

    @Test
    void rulesRoundTripAndAcknowledgingThroughTheApiWritesTheOutboxInItsTransaction() throws Exception {
        assertThat(c.send("POST", "/api/v1/notify/channels", A,
                "{\"id\":\"api-eve\",\"kind\":\"file\",\"settings\":{\"name\":\"api.json\"}}").statusCode()).isEqualTo(201);
        var rule = c.send("POST", "/api/v1/notify/rules", A, """
                {"id":"api-high","channels":["api-eve"],"match":{"min_severity":"high","events":["opened","acknowledged"],
                 "bssids":["AA:BB:CC:00:00:01"]},"rate_limit":null}""");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        JsonNode r = json(rule);
        assertThat(r.get("match").get("bssids").get(0).asText()).isEqualTo("aa:bb:cc:00:00:01");
        assertThat(r.get("rate_limit").isNull()).isTrue();
        assertThat(r.get("quiet_gap_seconds").asInt()).isEqualTo(900);
        assertThat(json(c.get("/api/v1/notify/rules/api-high", A)).get("managed_by").asText()).isEqualTo("api");

        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        AlertMessage a = new AlertMessage("api-alert-1", "karma", "high", 0.8, t, t.plusSeconds(2), 4,
                "aa:bb:cc:00:00:01", "Cafe", null, null, 6, List.of(), List.of(), Map.of(), "Karma");
        try (Connection conn = c.database.connection()) {
            conn.setAutoCommit(false);
            new io.sentinel.store.notify.NotifyOutbox().recordUpsert(conn,
                    new AlertRepository(c.database).upsert(conn, "s1", a));
            conn.commit();
        }
        assertThat(count("SELECT count(*) FROM notify_events WHERE alert_id = 'api-alert-1' AND event = 'opened'")).isEqualTo(1);
        var ack = c.send("POST", "/api/v1/alerts/api-alert-1/ack", A, "{\"comment\":\"on it\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM notify_events WHERE alert_id = 'api-alert-1' AND event = 'acknowledged' "
                + "AND detail->>'comment' = 'on it'")).isEqualTo(1);
        // a refused transition writes no event
        c.send("POST", "/api/v1/alerts/api-alert-1/resolve", A, null);
        assertThat(c.send("POST", "/api/v1/alerts/api-alert-1/resolve", A, null).statusCode()).isEqualTo(409);
        assertThat(count("SELECT count(*) FROM notify_events WHERE alert_id = 'api-alert-1' AND event = 'resolved'")).isEqualTo(1);
        // reopening by hand is the alert opened again for notifications
        assertThat(c.send("POST", "/api/v1/alerts/api-alert-1/reopen", A, null).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM notify_events WHERE alert_id = 'api-alert-1' AND event = 'opened' "
                + "AND detail->>'reopened' = 'true'")).isEqualTo(1);
    }
}
