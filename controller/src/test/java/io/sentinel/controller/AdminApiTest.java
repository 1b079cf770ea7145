package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, roles, enrolment, rotation, revocation and the audit log over real HTTP. */
class AdminApiTest {

    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();

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

    String createToken(String name, String role) throws Exception {
        var r = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        assertThat(body.get("role").asText()).isEqualTo(role);
        assertThat(body.get("token").asText()).startsWith("snt_");
        return body.get("token").asText();
    }

    @Test
    void healthIsPublicAndUnknownPathsAreJson404() throws Exception {
        var health = c.get("/api/v1/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");

        var missing = c.get("/api/v1/nothing-here", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("not_found");
        assertThat(json(missing).has("detail")).isTrue();

        var wrongMethod = c.send("PUT", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void readyWhenMigrated() throws Exception {
        var r = c.get("/readyz", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("ready").asBoolean()).isTrue();
        assertThat(json(r).get("failed")).isEmpty();
    }

    @Test
    void missingBadAndInsufficientTokensAre401And403() throws Exception {
        assertThat(c.get("/api/v1/sensors", null).statusCode()).isEqualTo(401);
        var bad = c.get("/api/v1/sensors", "snt_not_a_real_token");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).get("error").asText()).isEqualTo("unauthorized");

        String viewer = createToken("viewer one", "viewer");
        String analyst = createToken("analyst one", "analyst");
        assertThat(c.get("/api/v1/sensors", viewer).statusCode()).isEqualTo(200);
        var forbidden = c.send("POST", "/api/v1/sensors", viewer, "{\"sensor_id\":\"x1\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("error").asText()).isEqualTo("forbidden");
        assertThat(c.get("/api/v1/audit", analyst).statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/tokens", viewer).statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/tokens", TestController.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedTokenIsRefused() throws Exception {
        var r = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"short lived\",\"role\":\"viewer\"}");
        String token = json(r).get("token").asText();
        String id = json(r).get("id").asText();
        assertThat(c.get("/api/v1/sensors", token).statusCode()).isEqualTo(200);
        assertThat(c.send("DELETE", "/api/v1/tokens/" + id, TestController.ADMIN_TOKEN, null).statusCode()).isEqualTo(204);
        assertThat(c.get("/api/v1/sensors", token).statusCode()).isEqualTo(401);
        assertThat(c.send("DELETE", "/api/v1/tokens/" + id, TestController.ADMIN_TOKEN, null).statusCode()).isEqualTo(404);
        // the list never shows secrets
        var list = c.get("/api/v1/tokens", TestController.ADMIN_TOKEN);
        assertThat(list.body()).doesNotContain(token);
    }

    @Test
    void enrolRotateRevokeAreAuditedWithWhoAndWhen() throws Exception {
        var enrol = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN,
                "{\"sensor_id\":\"roof-1\",\"name\":\"Roof\",\"location\":\"building A\"}");
        assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(201);
        JsonNode key = json(enrol);
        assertThat(key.get("key_epoch").asInt()).isEqualTo(1);
        assertThat(key.get("key").asText()).matches("[0-9a-f]{64}");

        var again = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"roof-1\"}");
        assertThat(again.statusCode()).isEqualTo(409);

        var rotated = c.send("POST", "/api/v1/sensors/roof-1/rotate", TestController.ADMIN_TOKEN, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).get("key_epoch").asInt()).isEqualTo(2);
        assertThat(json(rotated).get("key").asText()).isNotEqualTo(key.get("key").asText());

        var revoked = c.send("DELETE", "/api/v1/sensors/roof-1", TestController.ADMIN_TOKEN, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("status").asText()).isEqualTo("revoked");
        assertThat(c.send("POST", "/api/v1/sensors/roof-1/rotate", TestController.ADMIN_TOKEN, null).statusCode()).isEqualTo(409);
        assertThat(c.send("POST", "/api/v1/sensors/nobody/rotate", TestController.ADMIN_TOKEN, null).statusCode()).isEqualTo(404);

        var list = json(c.get("/api/v1/sensors", TestController.ADMIN_TOKEN));
        JsonNode roof = null;
        for (JsonNode s : list.get("items")) {
            if (s.get("sensor_id").asText().equals("roof-1")) {
                roof = s;
            }
        }
        assertThat(roof).isNotNull();
        assertThat(roof.get("state").asText()).isEqualTo("revoked");
        assertThat(roof.get("location").asText()).isEqualTo("building A");

        var audit = json(c.get("/api/v1/audit?limit=50", TestController.ADMIN_TOKEN));
        var actions = new java.util.ArrayList<String>();
        for (JsonNode e : audit.get("items")) {
            if ("roof-1".equals(e.get("target").asText())) {
                actions.add(e.get("action").asText());
                assertThat(e.get("actor").asText()).isEqualTo("token:API_AUTH_TOKEN");
                assertThat(e.get("client_ip").asText()).isEqualTo("127.0.0.1");
                assertThat(e.get("at").asText()).isNotBlank();
            }
        }
        assertThat(actions).containsExactly("sensor.revoke", "sensor.rotate", "sensor.enroll");
    }

    @Test
    void badBodiesAre400NamingTheField() throws Exception {
        var unknown = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"s2\",\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("field").asText()).isEqualTo("colour");

        var missing = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"name\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).contains("sensor_id");

        var badId = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"has space\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json(badId).get("field").asText()).isEqualTo("sensor_id");

        var notJson = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("error").asText()).isEqualTo("bad_request");

        var badRole = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"n\",\"role\":\"root\"}");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(json(badRole).get("field").asText()).isEqualTo("role");

        var wrongType = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "[1,2]");
        assertThat(wrongType.statusCode()).isEqualTo(400);

        var badLimit = c.get("/api/v1/audit?limit=100000", TestController.ADMIN_TOKEN);
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("field").asText()).isEqualTo("limit");

        var badCursor = c.get("/api/v1/audit?cursor=zzzz", TestController.ADMIN_TOKEN);
        assertThat(badCursor.statusCode()).isEqualTo(400);
        var unknownParam = c.get("/api/v1/audit?limt=5", TestController.ADMIN_TOKEN);
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        assertThat(json(unknownParam).get("field").asText()).isEqualTo("limt");
    }

    @Test
    void auditLogPagesWithKeysetCursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            createToken("pager " + i, "viewer");
        }
        var seen = new java.util.HashSet<Long>();
        String cursor = null;
        int pages = 0;
        do {
            var r = c.get("/api/v1/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), TestController.ADMIN_TOKEN);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = json(r);
            assertThat(body.get("items").size()).isLessThanOrEqualTo(2);
            for (JsonNode e : body.get("items")) {
                assertThat(seen.add(e.get("id").asLong())).as("no entry twice").isTrue();
            }
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(seen.size()).isGreaterThanOrEqualTo(5);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }
}
