package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;

/**
 * Measures the controller's ingest edge (verify signature, inflate, validate, XADD to Redis) with
 * several sensors sending signed gzip telemetry batches concurrently over loopback; prints
 * records/s and latency percentiles, and checks every batch was accepted.
 */
class IngestThroughputTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void concurrentSignedGzipBatchesAreAllAccepted() throws Exception {
        int sensors = 4;
        int batchesPerSensor = Integer.getInteger("ingest.batches", 40);
        int itemsPerBatch = Integer.getInteger("ingest.items", 500);
        // a Redis without fsync-per-write (the shared test Redis fsyncs every write for its durability tests)
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (TestController c = TestController.start(Map.of("CONTROLLER_SENSOR_RATE", "10000", "CONTROLLER_SENSOR_BURST", "10000"),
                true, awaitRedis(port))) {
            List<RequestSigner> signers = new ArrayList<>();
            for (int s = 0; s < sensors; s++) {
                var r = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"load-" + s + "\"}");
                signers.add(new RequestSigner("load-" + s, HexFormat.of().parseHex(JSON.readTree(r.body()).get("key").asText()),
                        Clock.systemUTC()));
            }
            long now = System.currentTimeMillis() / 1000;
            send(c, signers, bodies(sensors, batchesPerSensor, itemsPerBatch, now, "warm"), new ArrayList<>()); // JIT warm-up
            // bodies are built before timing: only the controller's work is measured
            List<List<byte[]>> bodies = bodies(sensors, batchesPerSensor, itemsPerBatch, now, "lb");
            List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            assertThat(send(c, signers, bodies, latenciesNanos)).isEqualTo(sensors * batchesPerSensor);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            long records = (long) sensors * batchesPerSensor * itemsPerBatch;
            System.out.printf(Locale.ROOT, "ingest edge: %d records in %d requests, %.2f s: %.0f records/s, %.1f req/s; "
                            + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    records, sorted.size(), seconds, records / seconds, sorted.size() / seconds,
                    pct(sorted, 0.50), pct(sorted, 0.99), sorted.getLast() / 1e6);
            assertThat(c.queue.depth()).isEqualTo(2L * sensors * batchesPerSensor);
            c.get("/metrics", null).body().lines().filter(l -> l.startsWith("sentinel_ingest_stage_seconds_sum")
                    || l.startsWith("sentinel_ingest_stage_seconds_count")).forEach(System.out::println);
        } finally {
            redis.destroy();
            redis.waitFor();
        }
    }

    static String awaitRedis(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return "redis://127.0.0.1:" + port + "/0";
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    static List<List<byte[]>> bodies(int sensors, int batches, int items, long now, String prefix) throws Exception {
        List<List<byte[]>> bodies = new ArrayList<>();
        for (int s = 0; s < sensors; s++) {
            List<byte[]> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                mine.add(TestController.gzip(batch("load-" + s, prefix + "-" + b, items, now).getBytes(StandardCharsets.UTF_8)));
            }
            bodies.add(mine);
        }
        return bodies;
    }

    /** Each sensor sends its bodies in order on its own virtual thread; returns how many were accepted. */
    static int send(TestController c, List<RequestSigner> signers, List<List<byte[]>> bodies, List<Long> latenciesNanos)
            throws Exception {
        int sensors = signers.size();
        {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> done = new ArrayList<>();
                for (int s = 0; s < sensors; s++) {
                    RequestSigner signer = signers.get(s);
                    List<byte[]> mine = bodies.get(s);
                    done.add(pool.submit(() -> {
                        int accepted = 0;
                        for (byte[] body : mine) {
                            long t0 = System.nanoTime();
                            var r = c.sendSigned("/api/v1/telemetry", signer.sign("POST", "/api/v1/telemetry", "", "gzip", body), body);
                            latenciesNanos.add(System.nanoTime() - t0);
                            if (r.statusCode() == 202) {
                                accepted++;
                            }
                        }
                        return accepted;
                    }));
                }
                int accepted = 0;
                for (Future<Integer> f : done) {
                    accepted += f.get();
                }
                return accepted;
            }
        }
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static String batch(String sensor, String batchId, int items, long now) {
        StringBuilder sb = new StringBuilder(items * 260);
        sb.append("{\"batch_id\":\"").append(batchId).append("\",\"sensor_id\":\"").append(sensor).append("\",\"items\":[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String mac = String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            sb.append("{\"kind\":\"client\",\"mac\":\"").append(mac).append("\",\"bssid\":\"02:11:22:33:44:55\",")
                    .append("\"ssid\":\"CorpNet\",\"channel\":6,\"freq_mhz\":2437,\"security\":\"wpa2-psk\",")
                    .append("\"rssi_min\":-71,\"rssi_avg\":-63.5,\"rssi_max\":-55,\"first_seen\":").append(now - 30)
                    .append(",\"last_seen\":").append(now).append(",\"frames\":{\"probe_req\":3,\"data\":12}}");
        }
        return sb.append("]}").toString();
    }
}
