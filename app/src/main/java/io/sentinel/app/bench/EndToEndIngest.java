package io.sentinel.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.app.up.AllInOne;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sensors"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sensor_id\":\"" + id + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("enrolment refused: " + r.statusCode() + " " + r.body());
            }
            signers.add(new RequestSigner(id, HexFormat.of().parseHex(JSON.readTree(r.body()).get("key").asText()),
                    Clock.systemUTC()));
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
                        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - t0);
                        if (r.statusCode() == 202) {
                            accepted++;
                        } else {
                            throw new IllegalStateException("batch refused: " + r.statusCode() + " " + r.body());
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
                JsonNode found = JSON.readTree(r.body()).path("items");
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

    private static byte[] batch(String sensor, String batchId, int items, long now, int sensorIndex, boolean last)
            throws IOException {
        StringBuilder sb = new StringBuilder(items * 260);
        sb.append("{\"batch_id\":\"").append(batchId).append("\",\"sensor_id\":\"").append(sensor).append("\",\"items\":[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String mac = String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", (i >> 24) & 0xff, (i >> 16) & 0xff,
                    (i >> 8) & 0xff, i & 0xff);
            String bssid = last && i == items - 1 ? marker(sensorIndex) : "02:11:22:33:44:55";
            sb.append("{\"kind\":\"client\",\"mac\":\"").append(mac).append("\",\"bssid\":\"").append(bssid).append("\",")
                    .append("\"ssid\":\"CorpNet\",\"channel\":6,\"freq_mhz\":2437,\"security\":\"wpa2-psk\",")
                    .append("\"rssi_min\":-71,\"rssi_avg\":-63.5,\"rssi_max\":-55,\"first_seen\":").append(now - 30)
                    .append(",\"last_seen\":").append(now).append(",\"frames\":{\"probe_req\":3,\"data\":12}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
