package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.signing.RequestSigner;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rate limits per token and per sensor (429 + Retry-After) and load shedding on queue lag (503 + Retry-After). */
class LimitsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestController c;

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of(
                "CONTROLLER_TOKEN_RATE", "0.2", "CONTROLLER_TOKEN_BURST", "30",
                "CONTROLLER_SENSOR_RATE", "0.2", "CONTROLLER_SENSOR_BURST", "3",
                "CONTROLLER_MAX_QUEUE_LAG", "3"));
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfter() throws Exception {
        var created = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"busy\",\"role\":\"viewer\"}");
        String token = JSON.readTree(created.body()).get("token").asText();
        HttpResponse<String> last = null;
        for (int i = 0; i < 31; i++) {
            last = c.get("/api/v1/sensors", token);
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(last.body()).get("error").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 10);
        // other callers are not affected
        assertThat(c.get("/api/v1/sensors", TestController.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aSensorOverItsRateGets429AndAFullQueueSheds503() throws Exception {
        RequestSigner busy = enrol("busy-sensor");
        int accepted = 0;
        HttpResponse<String> r = null;
        for (int i = 0; i < 4; i++) {
            r = c.postSigned(busy, "/api/v1/telemetry", SignedIngestTest.telemetry("busy-sensor", "rl-" + i, ""), false);
            if (r.statusCode() == 202) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(3);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();

        // nothing consumes the queue here: once its lag (3 unacknowledged entries + more) passes the bound, ingest is shed
        RequestSigner other = enrol("other-sensor");
        Thread.sleep(300); // let the shedder take a fresh lag sample
        HttpResponse<String> shed = null;
        for (int i = 0; i < 3 && (shed == null || shed.statusCode() != 503); i++) {
            shed = c.postSigned(other, "/api/v1/telemetry", SignedIngestTest.telemetry("other-sensor", "shed-" + i, ""), false);
            Thread.sleep(300);
        }
        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(503);
        assertThat(JSON.readTree(shed.body()).get("error").asText()).isEqualTo("unavailable");
        assertThat(shed.headers().firstValue("Retry-After")).isPresent();
        // alerts travel in the queue's urgent lane: a telemetry backlog does not shed them
        String alerts = "{\"batch_id\":\"a-shed\",\"sensor_id\":\"other-sensor\",\"alerts\":[{\"id\":\"al-shed\","
                + "\"type\":\"deauth_flood\",\"severity\":\"high\",\"confidence\":0.9,\"first_seen\":1700000000,"
                + "\"last_seen\":1700000010,\"count\":120,\"bssid\":\"02:11:22:33:44:55\"}]}";
        HttpResponse<String> alert = c.postSigned(other, "/api/v1/alerts", alerts, false);
        assertThat(alert.statusCode()).as(alert.body()).isEqualTo(202);
    }

    static RequestSigner enrol(String id) throws Exception {
        var r = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"" + id + "\"}");
        return new RequestSigner(id, HexFormat.of().parseHex(JSON.readTree(r.body()).get("key").asText()), Clock.systemUTC());
    }
}
