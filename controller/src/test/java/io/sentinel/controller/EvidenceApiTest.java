package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.controller.evidence.DirectoryEvidenceStore;
import io.sentinel.controller.evidence.EvidenceConfig;
import io.sentinel.controller.evidence.EvidenceRetention;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.controller.evidence.EvidenceStore;
import io.sentinel.protocol.evidence.EvidenceLabel;
import io.sentinel.protocol.evidence.EvidencePcapng;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.Sql;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evidence upload, listing, download and retention over real HTTP and PostgreSQL, files in a real directory. */
class EvidenceApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicBoolean storeDown = new AtomicBoolean();
    static Path root;
    static TestController c;

    /** The directory store, with an outage switch. */
    static final class FlakyStore implements EvidenceStore {
        final DirectoryEvidenceStore inner;

        FlakyStore(DirectoryEvidenceStore inner) { this.inner = inner; }

        @Override
        public void put(String key, byte[] bytes, String sha) throws UnavailableException {
            if (storeDown.get()) throw new UnavailableException("down", null);
            inner.put(key, bytes, sha);
        }

        @Override
        public InputStream open(String key) throws UnavailableException { return inner.open(key); }

        @Override
        public void delete(String key) throws UnavailableException { inner.delete(key); }

        @Override
        public String describe() { return inner.describe(); }
    }

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("sentinel-evidence");
        EvidenceConfig cfg = EvidenceConfig.load(Map.of("CONTROLLER_MAX_EVIDENCE_BYTES", Long.toString(12L << 20)), root)
                .withRetentionInterval(Duration.ZERO);
        c = TestController.start(Map.of(), true, TestBackends.redisUrl(),
                new EvidenceStorage(new FlakyStore(new DirectoryEvidenceStore(root.resolve("evidence"))), cfg));
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    static RequestSigner enrol(String id) throws Exception {
        var r = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"" + id + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new RequestSigner(id, HexFormat.of().parseHex(JSON.readTree(r.body()).get("key").asText()), Clock.systemUTC());
    }

    static String token(String role) throws Exception {
        var r = c.send("POST", "/api/v1/tokens", TestController.ADMIN_TOKEN, "{\"name\":\"ev-" + role + System.nanoTime()
                + "\",\"role\":\"" + role + "\"}");
        return JSON.readTree(r.body()).get("token").asText();
    }

    static byte[] pcapng(String sensor, String evidenceId, String alertId, int frames, int frameBytes) {
        EvidencePcapng w = new EvidencePcapng(new EvidenceLabel(evidenceId, alertId, "deauth_flood", sensor, "wlan0mon",
                1_700_000_000_000_000_000L), "sentinel test");
        byte[] f = new byte[frameBytes];
        for (int i = 0; i < frames; i++) w.add(127, 1_700_000_000_000_000_000L + i * 1_000_000L, f, 0, f.length, f.length,
                "deauth 02:00:00:00:00:0" + (i % 10) + " -> ff:ff:ff:ff:ff:ff ssid \"<script>\"");
        return w.toByteArray();
    }

    static HttpResponse<String> upload(RequestSigner s, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base + "/api/v1/evidence"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        s.sign("POST", "/api/v1/evidence", "", "identity", body).asMap().forEach(b::header);
        return c.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void alertArrives(String sensor, String reportId) throws Exception {
        Instant t = Instant.now();
        try (Connection conn = c.database.connection()) {
            conn.setAutoCommit(false);
            new AlertRepository(c.database).upsert(conn, sensor, new AlertMessage(reportId, "deauth_flood", "high", 0.9, t, t, 40,
                    "0b:00:00:00:00:01", null, null, null, 6, List.of(), List.of(), Map.of(), "flood"));
            conn.commit();
        }
    }

    static String alertOf(String sensor, String report) throws Exception {
        return Sql.one(c.database, "SELECT alert_id FROM alert_reports WHERE sensor_id = ? AND report_id = ?",
                rs -> rs.getString(1), sensor, report).orElseThrow();
    }

    @Test
    void uploadIsStoredOnceLinkedWhenItsAlertArrivesAndDownloadedAsAnAuditedAttachment() throws Exception {
        RequestSigner s = enrol("ev-sensor-1");
        byte[] file = pcapng("ev-sensor-1", "ev-aaa", "deauth_flood:0b:00:00:00:00:01", 30, 100);
        var first = upload(s, file, "application/x-pcapng");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("accepted");
        var again = upload(s, file, "application/x-pcapng");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");

        // the alert is not known yet: the file is kept; once the alert's report arrives, it is listed
        EvidenceRecord row = new EvidenceRepository(c.database).find("ev-sensor-1", "ev-aaa").orElseThrow();
        assertThat(row.stored()).isTrue();
        assertThat(row.objectKey()).matches("evidence/\\d{4}/\\d{2}/\\d{2}/deauth_flood_0b_00_00_00_00_01/ev-sensor-1-1\\.pcapng");
        Path object = root.resolve("evidence").resolve(row.objectKey());
        assertThat(Files.readAllBytes(object)).isEqualTo(file);
        assertThat(row.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        alertArrives("ev-sensor-1", "deauth_flood:0b:00:00:00:00:01");
        String alertId = alertOf("ev-sensor-1", "deauth_flood:0b:00:00:00:00:01");

        String viewer = token("viewer");
        var list = c.get("/api/v1/alerts/" + alertId + "/evidence", viewer);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode item = JSON.readTree(list.body()).get("items").get(0);
        assertThat(item.get("frames").asInt()).isEqualTo(30);
        assertThat(item.get("size_bytes").asLong()).isEqualTo(file.length);
        assertThat(item.get("sha256").asText()).isEqualTo(row.sha256());
        assertThat(item.get("preview")).hasSize(20);
        assertThat(item.get("preview").get(0).get("summary").asText()).contains("<script>"); // JSON carries it; pages escape it
        assertThat(c.get("/api/v1/alerts/no-such-alert/evidence", viewer).statusCode()).isEqualTo(404);

        String download = item.get("download").asText();
        assertThat(c.get(download, viewer).statusCode()).isEqualTo(403); // raw frames need the analyst role
        String analyst = token("analyst");
        var got = c.http.send(HttpRequest.newBuilder(URI.create(c.base + download)).header("Authorization", "Bearer " + analyst)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(file);
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"deauth_flood-");
        assertThat(got.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
        assertThat(Sql.count(c.database, "SELECT count(*) FROM audit_log WHERE action = 'evidence.download' AND target = ?",
                Long.toString(row.id()))).isEqualTo(1);

        // the object changed in the store (one byte): refused with a reason, never served, not audited as a download
        byte[] tampered = file.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(object, tampered);
        var refused = c.http.send(HttpRequest.newBuilder(URI.create(c.base + download)).header("Authorization", "Bearer " + analyst)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("evidence_integrity");
        Files.write(object, java.util.Arrays.copyOf(file, file.length - 10)); // cut short
        assertThat(c.http.send(HttpRequest.newBuilder(URI.create(c.base + download)).header("Authorization", "Bearer " + analyst)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(502);
        assertThat(Sql.count(c.database, "SELECT count(*) FROM audit_log WHERE action = 'evidence.download' AND target = ?",
                Long.toString(row.id()))).isEqualTo(1);
        Files.write(object, file);
    }

    @Test
    void refusals() throws Exception {
        RequestSigner s = enrol("ev-sensor-2");
        byte[] big = pcapng("ev-sensor-2", "ev-big", "a-1", 13 * 1024, 1000); // over the 12 MiB limit of this test
        assertThat(upload(s, big, "application/x-pcapng").statusCode()).isEqualTo(413);
        // above the 8 MiB of the JSON endpoints, within the evidence limit: taken
        byte[] nine = pcapng("ev-sensor-2", "ev-nine", "a-1", 9 * 1024, 1000);
        assertThat(nine.length).isGreaterThan(9 << 20);
        assertThat(upload(s, nine, "application/x-pcapng").statusCode()).isEqualTo(201);
        var notPcap = upload(s, "{\"batch_id\":\"x\"}".getBytes(), "application/x-pcapng");
        assertThat(notPcap.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notPcap.body()).get("error").asText()).isEqualTo("not_pcapng");
        assertThat(upload(s, pcapng("ev-sensor-2", "ev-1", "a-1", 3, 10), "application/json").statusCode()).isEqualTo(415);
        assertThat(upload(s, pcapng("someone-else", "ev-2", "a-1", 3, 10), "application/x-pcapng").statusCode()).isEqualTo(403);
        RequestSigner wrongKey = new RequestSigner("ev-sensor-2", new byte[32], Clock.systemUTC());
        assertThat(upload(wrongKey, pcapng("ev-sensor-2", "ev-3", "a-1", 3, 10), "application/x-pcapng").statusCode()).isEqualTo(401);
        // the same id with other bytes is a conflict, not a silent overwrite
        assertThat(upload(s, pcapng("ev-sensor-2", "ev-4", "a-1", 3, 10), "application/x-pcapng").statusCode()).isEqualTo(201);
        assertThat(upload(s, pcapng("ev-sensor-2", "ev-4", "a-1", 4, 10), "application/x-pcapng").statusCode()).isEqualTo(409);
    }

    @Test
    void objectStoreOutageIsA503AndTheRetryStoresTheFile() throws Exception {
        RequestSigner s = enrol("ev-sensor-3");
        byte[] file = pcapng("ev-sensor-3", "ev-out", "a-9", 5, 50);
        storeDown.set(true);
        try {
            var r = upload(s, file, "application/x-pcapng");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        } finally {
            storeDown.set(false);
        }
        assertThat(new EvidenceRepository(c.database).find("ev-sensor-3", "ev-out").orElseThrow().stored()).isFalse();
        assertThat(upload(s, file, "application/x-pcapng").statusCode()).isEqualTo(201);
        EvidenceRecord row = new EvidenceRepository(c.database).find("ev-sensor-3", "ev-out").orElseThrow();
        assertThat(row.stored()).isTrue();
        assertThat(Files.readAllBytes(root.resolve("evidence").resolve(row.objectKey()))).isEqualTo(file);
    }

    @Test
    void retentionDeletesExactlyTheExpiredObjectsWithTheirRowsAndAuditsIt() throws Exception {
        EvidenceRepository repo = new EvidenceRepository(c.database);
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(root.resolve("retention"));
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        EvidenceRecord old = stored(repo, store, "ret-1", "old", now.minus(Duration.ofDays(31)));
        EvidenceRecord young = stored(repo, store, "ret-1", "young", now.minus(Duration.ofDays(29)));
        var retention = new EvidenceRetention(repo, store, 30, 1L << 40, Clock.fixed(now, ZoneOffset.UTC));
        EvidenceRetention.Result r = retention.runOnce();
        assertThat(r.expired()).isGreaterThanOrEqualTo(1);
        assertThat(repo.get(old.id())).isEmpty();
        assertThat(Files.exists(root.resolve("retention").resolve(old.objectKey()))).isFalse();
        assertThat(repo.get(young.id())).isPresent();
        assertThat(Files.exists(root.resolve("retention").resolve(young.objectKey()))).isTrue();
        assertThat(Sql.count(c.database, "SELECT count(*) FROM audit_log WHERE action = 'evidence.delete' AND actor = 'retention' "
                + "AND target = ?", Long.toString(old.id()))).isEqualTo(1);
    }

    private static EvidenceRecord stored(EvidenceRepository repo, EvidenceStore store, String sensor, String id, Instant at)
            throws Exception {
        EvidenceRecord r = repo.reserve(new EvidenceRepository.Upload(sensor, id, "a-" + id, "deauth_flood", 3, "cd".repeat(32), 1,
                Optional.of(at), Optional.of(at), Optional.of(at), "wlan0", List.of(), at));
        store.put(r.objectKey(), new byte[] {1, 2, 3}, r.sha256());
        repo.markStored(r.id(), at);
        return r;
    }
}
