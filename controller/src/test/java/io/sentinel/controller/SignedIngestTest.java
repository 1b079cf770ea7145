package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accept/refuse matrix of signed sensor requests, over real HTTP, PostgreSQL and Redis. */
class SignedIngestTest {

    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger BATCH = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of("CONTROLLER_MAX_BODY_BYTES", "65536", "CONTROLLER_MAX_INFLATED_BYTES", "262144"));
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Enrols a sensor through the API and returns a signer holding its key. */
    static RequestSigner enrol(String id) throws Exception {
        var r = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"" + id + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new RequestSigner(id, HexFormat.of().parseHex(json(r).get("key").asText()), Clock.systemUTC());
    }

    static String telemetry(String sensor, String batchId, String extraItemField) {
        return "{\"batch_id\":\"" + batchId + "\",\"sensor_id\":\"" + sensor + "\",\"items\":[{"
                + "\"kind\":\"ap\",\"mac\":\"02:11:22:33:44:55\",\"bssid\":\"02:11:22:33:44:55\",\"ssid\":\"CorpNet\","
                + "\"channel\":6,\"freq_mhz\":2437,\"security\":\"wpa2-psk\",\"rssi_min\":-70,\"rssi_avg\":-60.5,"
                + "\"rssi_max\":-50,\"first_seen\":1700000000,\"last_seen\":\"2023-11-14T22:14:20Z\","
                + "\"frames\":{\"beacon\":10}" + extraItemField + "}]}";
    }

    static String nextBatch() {
        return "b-" + BATCH.incrementAndGet();
    }

    @Test
    void signedTelemetryIsQueuedOnceAndDuplicatesAre200() throws Exception {
        RequestSigner s = enrol("ingest-ok");
        String body = telemetry("ingest-ok", "dup-1", "");
        var first = c.postSigned(s, "/api/v1/telemetry", body, false);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json(first).get("ack_id").asText()).isNotBlank();
        var second = c.postSigned(s, "/api/v1/telemetry", body, false);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void gzipBodiesAreAcceptedAndSignedAsSent() throws Exception {
        RequestSigner s = enrol("ingest-gzip");
        var r = c.postSigned(s, "/api/v1/telemetry", telemetry("ingest-gzip", nextBatch(), ""), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void alertsAndHeartbeatsAreAccepted() throws Exception {
        RequestSigner s = enrol("ingest-alerts");
        String alerts = "{\"batch_id\":\"a-1\",\"sensor_id\":\"ingest-alerts\",\"alerts\":[{\"id\":\"al-1\","
                + "\"type\":\"deauth_flood\",\"severity\":\"high\",\"confidence\":0.9,\"first_seen\":1700000000,"
                + "\"last_seen\":1700000010,\"count\":120,\"bssid\":\"02:11:22:33:44:55\",\"reasons\":[\"RATE\"],"
                + "\"summary\":\"deauth flood\"}]}";
        var r = c.postSigned(s, "/api/v1/alerts", alerts, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        long sentAt = Instant.now().getEpochSecond();
        var hb = c.postSigned(s, "/api/v1/heartbeat", "{\"sensor_id\":\"ingest-alerts\",\"sent_at\":" + sentAt
                + ",\"frames_captured\":10,\"frames_dropped\":0}", false);
        assertThat(hb.statusCode()).as(hb.body()).isEqualTo(200);
        assertThat(json(hb).get("status").asText()).isEqualTo("ok");
        assertThat(Instant.ofEpochSecond(json(hb).get("server_time").asLong())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void refusesSkewReplayBadSignatureUnknownRevokedAndTamperedBodies() throws Exception {
        RequestSigner s = enrol("matrix");
        String path = "/api/v1/telemetry";

        // clock skew beyond 300 s
        RequestSigner late = new RequestSigner("matrix", keyOf("matrix", s),
                Clock.fixed(Instant.now().minusSeconds(301), ZoneOffset.UTC));
        assertRefused(c.postSigned(late, path, telemetry("matrix", nextBatch(), ""), false), "clock_skew");
        RequestSigner early = new RequestSigner("matrix", keyOf("matrix", s),
                Clock.fixed(Instant.now().plusSeconds(400), ZoneOffset.UTC));
        assertRefused(c.postSigned(early, path, telemetry("matrix", nextBatch(), ""), false), "clock_skew");
        // within the window is fine
        RequestSigner slightlyLate = new RequestSigner("matrix", keyOf("matrix", s),
                Clock.fixed(Instant.now().minusSeconds(200), ZoneOffset.UTC));
        assertThat(c.postSigned(slightlyLate, path, telemetry("matrix", nextBatch(), ""), false).statusCode()).isEqualTo(202);

        // replayed nonce: the exact same request twice
        byte[] body = telemetry("matrix", nextBatch(), "").getBytes(StandardCharsets.UTF_8);
        SignatureHeaders h = s.sign("POST", path, "", "identity", body);
        assertThat(c.sendSigned(path, h, body).statusCode()).isEqualTo(202);
        assertRefused(c.sendSigned(path, h, body), "replayed_nonce");

        // bad signature: signed by another key
        RequestSigner wrongKey = new RequestSigner("matrix", new byte[32], Clock.systemUTC());
        assertRefused(c.postSigned(wrongKey, path, telemetry("matrix", nextBatch(), ""), false), "bad_signature");

        // body changed after signing (hash mismatch)
        byte[] signedBody = telemetry("matrix", nextBatch(), "").getBytes(StandardCharsets.UTF_8);
        SignatureHeaders h2 = s.sign("POST", path, "", "identity", signedBody);
        byte[] tampered = telemetry("matrix", nextBatch() + "x", "").getBytes(StandardCharsets.UTF_8);
        assertRefused(c.sendSigned(path, h2, tampered), "bad_signature");

        // signed for another path
        byte[] b3 = telemetry("matrix", nextBatch(), "").getBytes(StandardCharsets.UTF_8);
        assertRefused(c.sendSigned(path, s.sign("POST", "/api/v1/alerts", "", "identity", b3), b3), "bad_signature");

        // missing headers
        var bare = c.send("POST", path, null, telemetry("matrix", nextBatch(), ""));
        assertThat(bare.statusCode()).isEqualTo(401);

        // unknown sensor
        RequestSigner ghost = new RequestSigner("ghost", new byte[32], Clock.systemUTC());
        assertRefused(c.postSigned(ghost, path, telemetry("ghost", nextBatch(), ""), false), "unknown_sensor");

        // revoked sensor
        RequestSigner gone = enrol("revoked-one");
        assertThat(c.postSigned(gone, path, telemetry("revoked-one", nextBatch(), ""), false).statusCode()).isEqualTo(202);
        assertThat(c.send("DELETE", "/api/v1/sensors/revoked-one", TestController.ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
        assertRefused(c.postSigned(gone, path, telemetry("revoked-one", nextBatch(), ""), false), "unknown_sensor");
    }

    @Test
    void rotatedKeyReplacesTheOldOne() throws Exception {
        RequestSigner old = enrol("rotor");
        assertThat(c.postSigned(old, "/api/v1/telemetry", telemetry("rotor", nextBatch(), ""), false).statusCode()).isEqualTo(202);
        var r = c.send("POST", "/api/v1/sensors/rotor/rotate", TestController.ADMIN_TOKEN, null);
        RequestSigner fresh = new RequestSigner("rotor", HexFormat.of().parseHex(json(r).get("key").asText()), Clock.systemUTC());
        assertRefused(c.postSigned(old, "/api/v1/telemetry", telemetry("rotor", nextBatch(), ""), false), "bad_signature");
        assertThat(c.postSigned(fresh, "/api/v1/telemetry", telemetry("rotor", nextBatch(), ""), false).statusCode()).isEqualTo(202);
    }

    @Test
    void schemaSizeAndEncodingProblemsHaveTheirOwnStatus() throws Exception {
        RequestSigner s = enrol("limits");
        String path = "/api/v1/telemetry";

        var unknownField = c.postSigned(s, path, telemetry("limits", nextBatch(), ",\"colour\":\"red\""), false);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("field").asText()).isEqualTo("items[0].colour");
        assertThat(json(unknownField).get("detail").asText()).contains("colour");

        var badMac = c.postSigned(s, path, telemetry("limits", nextBatch(), "").replace("02:11:22:33:44:55\",\"bssid", "zz\",\"bssid"), false);
        assertThat(badMac.statusCode()).isEqualTo(400);
        assertThat(json(badMac).get("field").asText()).isEqualTo("items[0].mac");

        var badTime = c.postSigned(s, path, telemetry("limits", nextBatch(), "").replace("1700000000", "\"yesterday\""), false);
        assertThat(badTime.statusCode()).isEqualTo(400);

        var notJson = c.postSigned(s, path, "{not json", false);
        assertThat(notJson.statusCode()).isEqualTo(400);

        var otherSensor = c.postSigned(s, path, telemetry("someone-else", nextBatch(), ""), false);
        assertThat(otherSensor.statusCode()).isEqualTo(403);

        // over the 64 KiB body limit
        String big = telemetry("limits", nextBatch(), ",\"vendor\":\"" + "v".repeat(70_000) + "\"");
        assertThat(c.postSigned(s, path, big, false).statusCode()).isEqualTo(413);

        // a gzip bomb: 5 MB of zeros compresses to a few KiB but inflates past the 256 KiB bound
        byte[] bomb = TestController.gzip(new byte[5_000_000]);
        assertThat(bomb.length).isLessThan(65_536);
        var bombed = c.sendSigned(path, s.sign("POST", path, "", "gzip", bomb), bomb);
        assertThat(bombed.statusCode()).isEqualTo(413);
        assertThat(json(bombed).get("error").asText()).isEqualTo("payload_too_large");

        // not gzip although declared so
        byte[] plain = telemetry("limits", nextBatch(), "").getBytes(StandardCharsets.UTF_8);
        assertThat(c.sendSigned(path, s.sign("POST", path, "", "gzip", plain), plain).statusCode()).isEqualTo(400);

        // an encoding we do not speak
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base + path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(plain))
                .header("Content-Encoding", "br").header("Content-Type", "application/json");
        s.sign("POST", path, "", "br", plain).asMap().forEach((k, v) -> {
            if (!k.equals("Content-Encoding")) {
                req.header(k, v);
            }
        });
        var br = c.http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(br.statusCode()).isEqualTo(415);

        // wrong content type
        var xml = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base + path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(plain)).header("Content-Type", "application/xml");
        s.sign("POST", path, "", "identity", plain).asMap().forEach(xml::header);
        assertThat(c.http.send(xml.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
    }

    private static byte[] keyOf(String id, RequestSigner ignored) throws Exception {
        // the controller derives keys; tests derive them the same way from the shared master secret
        return new io.sentinel.protocol.signing.SensorKeyDeriver(HexFormat.of().parseHex(TestController.HMAC_SECRET))
                .deriveKey(id, 1);
    }

    private static void assertRefused(HttpResponse<String> r, String reason) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
        assertThat(json(r).get("detail").asText()).startsWith(reason);
    }
}
