package io.sentinel.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.app.up.AllInOne;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * End-to-end ingest: N simulated sensors send signed gzip telemetry batches over loopback HTTP to
 * a running controller + worker (the all-in-one process of {@code sentinel up}: embedded
 * PostgreSQL, in-process queue), and the clock stops when the last batch of every sensor can be
 * queried back through {@code GET /api/v1/telemetry}. Reports records/s accepted -> queryable and
 * the API latency percentiles of the POSTs.
 */
public final class EndToEndIngest {


    public record Result(long records, int requests, double seconds, double acceptSeconds, double p50Ms, double p99Ms,
                         double maxMs) {
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    private EndToEndIngest() {}

    public static Result run(Path dataDir, int sensors, int batchesPerSensor, int itemsPerBatch, PrintStream log)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = Map.of("SENTINEL_DATA_DIR", dataDir.toString(), "CONTROLLER_PORT", Integer.toString(port),
                "CONTROLLER_SENSOR_RATE", "100000", "CONTROLLER_SENSOR_BURST", "100000");
        Result[] result = new Result[1];
        int rc = AllInOne.run(env, log, log, false, running -> result[0] =
                measure(running.baseUrl(), running.adminToken(), sensors, batchesPerSensor, itemsPerBatch));
        if (rc != 0 || result[0] == null) {
            throw new IllegalStateException("the all-in-one process did not start (exit " + rc + ")");
        }
        return result[0];
    }

    private static Result measure(String base, String adminToken, int sensors, int batches, int items) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<RequestSigner> signers = new ArrayList<>();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int s = 0; s < sensors; s++) {
            String id = "bench-" + run + "-" + s;
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sensors"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(Map.of("sensor_id", id)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("enrolment refused: " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            signers.add(new RequestSigner(id, HexFormat.of().parseHex(Wire.readSensorKey(r.body()).key()), Clock.systemUTC()));
        }
        long now = System.currentTimeMillis() / 1000;
        // bodies are built before the clock starts: the sensors' own work is not measured
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int s = 0; s < sensors; s++) {
            List<byte[]> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                mine.add(gzip(batch(signers.get(s).sensorId(), "b" + b, items, now, s, b == batches - 1)));
            }
            bodies.add(mine);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int s = 0; s < sensors; s++) {
                RequestSigner signer = signers.get(s);
                List<byte[]> mine = bodies.get(s);
                done.add(pool.submit(() -> {
                    int accepted = 0;
                    for (byte[] body : mine) {
                        SignatureHeaders h = signer.sign("POST", "/api/v1/telemetry", "", "gzip", body);
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/telemetry"))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        h.asMap().forEach(b::header);
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        latencies.add(System.nanoTime() - t0);
                        if (r.statusCode() == 202 && Wire.readAnswer(202, r.body()) instanceof ControllerAnswer.Accepted) {
                            accepted++;
                        } else {
                            throw new IllegalStateException("batch refused: " + r.statusCode() + " "
                                    + Wire.readAnswer(r.statusCode(), r.body()));
                        }
                    }
                    return accepted;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        }
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        // queryable: the marker item of every sensor's last batch is returned by the API
        long deadline = System.nanoTime() + 600_000_000_000L;
        for (int s = 0; s < sensors; s++) {
            String url = base + "/api/v1/telemetry?sensor_id=" + signers.get(s).sensorId() + "&bssid=" + marker(s) + "&limit=1";
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode found = Wire.mapper().readTree(r.body()).path("items");
                if (r.statusCode() == 200 && found.size() > 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("telemetry of " + signers.get(s).sensorId() + " never became queryable");
                }
                Thread.sleep(20);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result((long) sensors * batches * items, sorted.size(), seconds, acceptSeconds, pct(sorted, 0.50),
                pct(sorted, 0.99), sorted.getLast() / 1e6);
    }

    private static String marker(int sensor) {
        return String.format(Locale.ROOT, "0a:ff:ff:ff:ff:%02x", sensor & 0xff);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1))) / 1e6;
    }

    /** One sensor batch as a sensor writes it: the protocol's records through its codec. */
    private static byte[] batch(String sensor, String batchId, int items, long now, int sensorIndex, boolean last) {
        List<TelemetryItem> list = new ArrayList<>(items);
        Instant first = Instant.ofEpochSecond(now - 30);
        Instant lastSeen = Instant.ofEpochSecond(now);
        for (int i = 0; i < items; i++) {
            String mac = String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", (i >> 24) & 0xff, (i >> 16) & 0xff,
                    (i >> 8) & 0xff, i & 0xff);
            String bssid = last && i == items - 1 ? marker(sensorIndex) : "02:11:22:33:44:55";
            list.add(new TelemetryItem("client", mac, bssid, "CorpNet", 6, 2437, "wpa2-psk", -71, -63.5, -55, first,
                    lastSeen, Map.of("probe_req", 3L, "data", 12L), null));
        }
        return Wire.write(new TelemetryBatch(batchId, sensor, list));
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
