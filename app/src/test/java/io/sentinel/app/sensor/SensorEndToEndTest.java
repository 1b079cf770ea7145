package io.sentinel.app.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.app.Sentinel;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.store.Database;
import io.sentinel.store.Migrations;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of the sensor issue: a capture replayed through {@code sentinel sensor --pcap} into a
 * real controller (embedded PostgreSQL, in-process queue, worker) started by the test; the
 * controller is killed in the middle and brought back; afterwards the alerts and the network
 * inventory are visible through the API, and every telemetry item and alert arrived exactly once.
 */
class SensorEndToEndTest {

    static final String ADMIN = "snt_e2e_admin_token_0123456789abcdef0123456789";
    static final String HMAC = "9a1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d";
    static final long T0 = 1_700_000_000_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    Database db;
    InProcessQueue queue;
    ControllerServer server;
    Worker worker;
    Thread workerThread;
    final HttpClient http = HttpClient.newHttpClient();

    private ControllerServer startController(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_DATA_DIR", dir.resolve("ctl").toString());
        env.put("API_AUTH_TOKEN", ADMIN);
        env.put("CONTROLLER_HMAC_SECRET", HMAC);
        env.put("CONTROLLER_PORT", Integer.toString(port));
        env.put("CONTROLLER_BIND", "127.0.0.1");
        ControllerServices services = new ControllerServices(db, new Migrations(db.dataSource()), queue,
                new InMemoryNonceCache(), Optional.empty(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        // the sensor's evidence files go to a directory store, as on the embedded defaults
        var evidence = io.sentinel.controller.evidence.EvidenceConfig.load(env, dir.resolve("ctl"))
                .withRetentionInterval(Duration.ZERO);
        return ControllerServer.start(ControllerConfig.load(env),
                services.withEvidence(new io.sentinel.controller.evidence.EvidenceStorage(evidence.openStore(), evidence)));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (worker != null) worker.stop();
        if (workerThread != null) workerThread.join(5000);
        if (queue != null) queue.close();
        if (db != null) db.close();
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Every item of a paginated list endpoint. */
    private java.util.List<JsonNode> all(int port, String path) throws Exception {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonNode page = get(port, path + sep + "limit=1000" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.get("items").forEach(out::add);
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    @Test
    void replayThroughAControllerOutageArrivesExactlyOnceAndShowsInTheApi() throws Exception {
        db = TestPostgres.migratedDatabase();
        queue = new InProcessQueue(100_000);
        server = startController(0);
        int port = server.port();
        worker = new Worker(db, queue, WorkerSettings.defaults("e2e-worker"), Clock.systemUTC());
        workerThread = Thread.ofPlatform().daemon().start(worker);

        // 60 s of traffic at 200 frames/s with a deauth flood in the middle
        Path pcap = dir.resolve("lab.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(12_000, T0, 200, 10, 60, 5));

        // what a sensor sees in this capture, computed locally (no controller): the expected totals
        var local = new ByteArrayOutputStream();
        long expectedItems;
        Set<String> expectedAlertIds = new HashSet<>();
        try (SensorRuntime rt = SensorRuntime.open(SensorSettings.of("x", null, null, dir.resolve("local")),
                new PrintStream(local, true, StandardCharsets.UTF_8))) {
            expectedItems = rt.replay(pcap, ReplayOptions.asFastAsPossible(), () -> false).telemetryItems();
        }
        for (String line : local.toString(StandardCharsets.UTF_8).split("\n")) expectedAlertIds.add(JSON.readTree(line).get("id").asText());
        assertThat(expectedItems).isGreaterThan(100);
        assertThat(expectedAlertIds).isNotEmpty();

        Path state = dir.resolve("sensor-state");
        var err = new ByteArrayOutputStream();
        var cli = Sentinel.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute("sensor", "enroll", "--controller", "http://127.0.0.1:" + port, "--sensor-id", "e2e-1",
                "--token", ADMIN, "--state-dir", state.toString())).as(err.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(state.resolve("sensor.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        // replay at 20x (3 s) in the background; kill the controller after 1 s for 3 s
        AtomicInteger exit = new AtomicInteger(-1);
        Thread sensor = Thread.ofPlatform().start(() -> exit.set(Sentinel.commandLine().execute("sensor", "--pcap", pcap.toString(),
                "--speed", "20", "--state-dir", state.toString(), "--drain-timeout-s", "90", "--heartbeat-s", "1",
                "--backoff-max-s", "1", "--breaker-open-s", "1")));
        Thread.sleep(1000);
        server.close();
        Thread.sleep(3000);
        server = startController(port);
        sensor.join(120_000);
        assertThat(exit.get()).isZero();
        assertThat(queue.awaitDrained(Duration.ofSeconds(60))).isTrue();
        Thread.sleep(500);

        // telemetry: every item exactly once
        var items = all(port, "/api/v1/telemetry?sensor_id=e2e-1");
        assertThat(items).hasSize((int) expectedItems);
        // alerts: the same alerts as the local run, each once
        var alerts = all(port, "/api/v1/alerts?sensor_id=e2e-1");
        Set<String> types = new HashSet<>();
        alerts.forEach(a -> types.add(a.get("type").asText()));
        assertThat(types).contains("deauth_flood");
        Set<String> ids = new HashSet<>();
        alerts.forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).isEqualTo(expectedAlertIds);
        assertThat(alerts).hasSize(expectedAlertIds.size());
        // the network inventory: the ten APs of the capture
        var networks = all(port, "/api/v1/networks");
        Set<String> bssids = new HashSet<>();
        networks.forEach(n -> bssids.add(n.get("bssid").asText()));
        for (int ap = 0; ap < 10; ap++) assertThat(bssids).contains(String.format("00:12:34:00:00:%02x", ap));
        // the controller knows the sensor's health from heartbeats
        var sensors = get(port, "/api/v1/sensors");
        assertThat(sensors.toString()).contains("e2e-1");
        // and the key the enrolment stored never left the state directory
        String key = Files.readString(state.resolve("sensor.key")).strip();
        assertThat(err.toString()).doesNotContain(key);
        assertThat(sensors.toString()).doesNotContain(key);
    }
}
