package io.sentinel.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.app.AnalyzeCommand;
import io.sentinel.app.FramesCommand;
import io.sentinel.app.Sentinel;
import io.sentinel.app.cli.ProgressBar;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.evidence.EvidenceConfig;
import io.sentinel.controller.evidence.EvidenceRetention;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.controller.evidence.S3EvidenceStore;
import io.sentinel.protocol.evidence.EvidenceFile;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.store.Database;
import io.sentinel.store.Migrations;
import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the evidence issue, against a real S3-protocol server (S3Mock) started here: an
 * attack replayed through `sentinel sensor` produces evidence in the bucket whose frames
 * `sentinel frames` decodes and whose alert id is the alert's; the object store is down while
 * the sensor uploads and nothing is lost (the sensor's spool retries); retention removes exactly
 * the expired objects with their rows; `sentinel analyze --evidence` writes the same files.
 */
class EvidenceEndToEndTest {
    static final String ADMIN = "snt_e2e_admin_token_0123456789abcdef0123456789";
    static final String HMAC = "9a1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d";
    static final long T0 = 1_700_000_000_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    S3Server s3;
    S3EvidenceStore store;
    Database db;
    InProcessQueue queue;
    ControllerServer server;
    Worker worker;
    Thread workerThread;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (worker != null) worker.stop();
        if (workerThread != null) workerThread.join(5000);
        if (queue != null) queue.close();
        if (db != null) db.close();
        if (store != null) store.close();
        if (s3 != null) s3.close();
    }

    private void startStack() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        store = new S3EvidenceStore(s3.endpoint(), S3Server.BUCKET, "test-access", "test-secret");
        db = TestPostgres.migratedDatabase();
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute("TRUNCATE evidence RESTART IDENTITY");
        }
        queue = new InProcessQueue(100_000);
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_DATA_DIR", dir.resolve("ctl").toString());
        env.put("API_AUTH_TOKEN", ADMIN);
        env.put("CONTROLLER_HMAC_SECRET", HMAC);
        env.put("CONTROLLER_PORT", "0");
        env.put("CONTROLLER_BIND", "127.0.0.1");
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_BUCKET", S3Server.BUCKET);
        env.put("S3_ACCESS_KEY_ID", "test-access");
        env.put("S3_SECRET_ACCESS_KEY", "test-secret");
        EvidenceConfig cfg = EvidenceConfig.load(env, dir.resolve("ctl")).withRetentionInterval(Duration.ZERO);
        assertThat(cfg.s3()).isPresent();
        ControllerServices services = new ControllerServices(db, new Migrations(db.dataSource()), queue,
                new InMemoryNonceCache(), Optional.empty(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new EvidenceStorage(store, cfg));
        server = ControllerServer.start(ControllerConfig.load(env), services);
        worker = new Worker(db, queue, WorkerSettings.defaults("ev-worker"), Clock.systemUTC());
        workerThread = Thread.ofPlatform().daemon().start(worker);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertThat(r.statusCode()).as(path + " -> " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<JsonNode> frames(Path file) throws Exception {
        var out = new ByteArrayOutputStream();
        int rc = FramesCommand.run(file, out, new PrintStream(new ByteArrayOutputStream()), ProgressBar.disabled());
        assertThat(rc).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) if (!l.isBlank()) lines.add(JSON.readTree(l));
        return lines;
    }

    @Test
    void attackReplayedThroughASensorDuringAnObjectStoreOutageEndsAsDecodableEvidenceOfItsAlert() throws Exception {
        startStack();
        Path pcap = dir.resolve("attack.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(6000, T0, 200, 10, 40, 7)); // 30 s, a deauth flood in the middle
        Path state = dir.resolve("sensor-state");
        String base = "http://127.0.0.1:" + server.port();
        assertThat(Sentinel.commandLine().execute("sensor", "enroll", "--controller", base, "--sensor-id", "ev-e2e",
                "--token", ADMIN, "--state-dir", state.toString())).isZero();

        s3.pause(); // the object store is down when the evidence is uploaded
        AtomicInteger exit = new AtomicInteger(-1);
        Thread sensor = Thread.ofPlatform().start(() -> exit.set(Sentinel.commandLine().execute("sensor", "--pcap", pcap.toString(),
                "--as-fast-as-possible", "--state-dir", state.toString(), "--drain-timeout-s", "120", "--heartbeat-s", "1",
                "--backoff-max-s", "1", "--breaker-open-s", "1", "--evidence-pre-s", "3", "--evidence-post-s", "3")));
        EvidenceRepository repo = new EvidenceRepository(db);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (repo.receivedBefore(Instant.now().plusSeconds(60), 10).isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        List<EvidenceRecord> attempted = repo.receivedBefore(Instant.now().plusSeconds(60), 100);
        assertThat(attempted).as("an upload reached the controller while S3 was down").isNotEmpty()
                .allSatisfy(r -> assertThat(r.stored()).isFalse());
        Thread.sleep(1500); // a few refused retries
        s3.resume();
        sensor.join(180_000);
        assertThat(exit.get()).isZero();
        assertThat(queue.awaitDrained(Duration.ofSeconds(60))).isTrue();

        // the alert and its evidence through the API
        JsonNode alerts = getJson("/api/v1/alerts?type=deauth_flood&sensor_id=ev-e2e");
        assertThat(alerts.get("items")).isNotEmpty();
        String alertId = alerts.get("items").get(0).get("id").asText();
        JsonNode items = getJson("/api/v1/alerts/" + alertId + "/evidence").get("items");
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0);
        HttpResponse<byte[]> download = get(item.get("download").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] file = download.body();
        assertThat(file.length).isEqualTo(item.get("size_bytes").asInt());

        // the object lies in the bucket under the server's key, with the row's SHA-256
        EvidenceRecord row = repo.get(item.get("id").asLong()).orElseThrow();
        assertThat(row.objectKey()).matches("evidence/\\d{4}/\\d{2}/\\d{2}/[A-Za-z0-9_-]+/ev-e2e-1\\.pcapng");
        try (InputStream in = store.open(row.objectKey())) {
            assertThat(in.readAllBytes()).isEqualTo(file);
        }
        assertThat(row.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(file)));

        // `sentinel frames` decodes it; the label names this alert (the sensor's id of it)
        Path saved = dir.resolve("downloaded.pcapng");
        Files.write(saved, file);
        List<JsonNode> decoded = frames(saved);
        assertThat(decoded).hasSize(item.get("frames").asInt());
        assertThat(decoded).anySatisfy(f -> assertThat(f.get("subtype").asText()).isEqualTo("deauth"));
        var label = EvidenceFile.inspect(file, 0).label().orElseThrow();
        assertThat(label.alertType()).isEqualTo("deauth_flood");
        assertThat(label.sensorId()).isEqualTo("ev-e2e");
        assertThat(row.alertId()).contains(alertId);
        assertThat(label.alertId()).isEqualTo(row.reportId());
        // the sensor's alert id is the stored alert's, or one of the reports merged into it
        assertThat(getJson("/api/v1/alerts/" + alertId).toString()).contains(label.alertId());

        // nothing lost, nothing twice: every file the sensor wrote is stored once
        assertThat(repo.receivedBefore(Instant.now().plusSeconds(60), 1000)).allSatisfy(r -> assertThat(r.stored()).isTrue());
    }

    @Test
    void retentionRemovesExactlyTheExpiredObjectsFromTheBucket() throws Exception {
        startStack();
        EvidenceRepository repo = new EvidenceRepository(db);
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        List<EvidenceRecord> old = new ArrayList<>(), young = new ArrayList<>();
        for (int i = 0; i < 3; i++) old.add(put(repo, "old-" + i, now.minus(Duration.ofDays(31 + i))));
        for (int i = 0; i < 2; i++) young.add(put(repo, "young-" + i, now.minus(Duration.ofDays(29)).plusSeconds(i)));
        var result = new EvidenceRetention(repo, store, 30, 1L << 40, Clock.fixed(now, ZoneOffset.UTC)).runOnce();
        assertThat(result.expired()).isEqualTo(3);
        for (EvidenceRecord r : old) {
            assertThat(repo.get(r.id())).isEmpty();
            assertThat(objectExists(r.objectKey())).isFalse();
        }
        for (EvidenceRecord r : young) {
            assertThat(repo.get(r.id())).isPresent();
            assertThat(objectExists(r.objectKey())).isTrue();
        }
    }

    private boolean objectExists(String key) {
        try (InputStream in = store.open(key)) {
            return in.read() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    private EvidenceRecord put(EvidenceRepository repo, String id, Instant at) throws Exception {
        byte[] body = ("object " + id).getBytes(StandardCharsets.UTF_8);
        EvidenceRecord r = repo.reserve(new EvidenceRepository.Upload("ret-s", id, "a-" + id, "deauth_flood", body.length,
                "ef".repeat(32), 1, Optional.of(at), Optional.of(at), Optional.of(at), "wlan0", List.of(), at));
        store.put(r.objectKey(), body, r.sha256());
        repo.markStored(r.id(), at);
        return r;
    }

    @Test
    void analyzeWritesTheSameEvidenceOfflineAndFramesDecodesIt() throws Exception {
        Path pcap = dir.resolve("attack.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(6000, T0, 200, 10, 40, 7));
        Path out = dir.resolve("evidence");
        var err = new ByteArrayOutputStream();
        int rc = AnalyzeCommand.run(List.of(pcap), null, new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8),
                ProgressBar.disabled(), false, Optional.of(out), "lab-7");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(err.toString()).contains("evidence: ");
        List<Path> files;
        try (var s = Files.list(out)) {
            files = s.sorted().toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("deauth_flood-ev-"));
        Path deauth = files.stream().filter(f -> f.getFileName().toString().startsWith("deauth_flood-")).findFirst().orElseThrow();
        var label = EvidenceFile.inspect(Files.readAllBytes(deauth), 0).label().orElseThrow();
        assertThat(label.sensorId()).isEqualTo("lab-7");
        assertThat(label.captureInterface()).isEqualTo("attack.pcap");
        assertThat(frames(deauth)).anySatisfy(f -> assertThat(f.get("subtype").asText()).isEqualTo("deauth"));
        // the same capture through a sensor of the same id gives the same file names (same evidence ids)
        Path sensorOut = dir.resolve("sensor-evidence");
        assertThat(Sentinel.commandLine().execute("sensor", "--local", "--pcap", pcap.toString(), "--as-fast-as-possible",
                "--sensor-id", "lab-7", "--state-dir", dir.resolve("st").toString(), "--evidence-dir", sensorOut.toString())).isZero();
        try (var s = Files.list(sensorOut)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(files.stream().map(p -> p.getFileName().toString()).toList());
        }
    }
}
