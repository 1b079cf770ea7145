package io.sentinel.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.app.up.AllInOne;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.uplink.AlertDeliveryEvent;
import jdk.jfr.consumer.RecordingStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Time to alert: attacks replayed at live pace through a real sensor (capture reader, decoder,
 * detection engine, spool, signed uplink) into a running controller + worker (the all-in-one
 * process of {@code sentinel up}), while simulated sensors push signed gzip telemetry as fast as
 * the controller takes it. For each alert: the time from its attack's first frame entering the
 * sensor to the alert first being returned by {@code GET /api/v1/alerts}.
 *
 * <p>A frame enters the sensor when the paced replay hands it to the pipeline: at the replay's
 * start plus the frame's offset in the capture, or later when the sensor falls behind. The
 * replay's start is taken just before it is called, so each measured time is at least the true
 * one (the error is the replay's start-up, a few milliseconds, plus any lag of the sensor).
 * The API is polled every {@code pollInterval}, which bounds the resolution.
 */
public final class TimeToAlert {

    /**
     * @param attacks          attacks (one alert each)
     * @param spacing          time between attack starts in the capture
     * @param telemetrySensors simulated sensors sending telemetry meanwhile (0: none)
     * @param batchItems       items per telemetry batch
     * @param pollInterval     how often the API is asked for alerts
     */
    public record Settings(int attacks, Duration spacing, int telemetrySensors, int batchItems, Duration pollInterval) {
        public Settings {
            if (attacks < 1 || attacks > 60_000) throw new IllegalArgumentException("attacks must be 1..60000");
            if (spacing.toMillis() < 600) throw new IllegalArgumentException("spacing must be at least 600 ms (one attack lasts 512 ms)");
            if (telemetrySensors < 0 || batchItems < 1 || batchItems > 5000) throw new IllegalArgumentException("bad telemetry load");
        }
    }

    /**
     * One alert's time to alert, and where it went (each stage's duration in ms, NaN when the trace
     * did not see it): see {@link #STAGES}.
     */
    public record Sample(String bssid, String alertId, double millis, double[] stages) {}

    /**
     * The stages of an alert's way, in order; their durations add up to the time to alert.
     * "detect" is the detector's window at live pace (the frame that raises the alert enters
     * the sensor that long after the first one); "pipeline" is from then to the alert batch being
     * in the spool; "uplink wait" from spooled to its POST leaving; "POST" until the 202; "store
     * + poll" from the 202 to the API poll that first returned it (controller queue, worker,
     * PostgreSQL, and up to one poll interval). Sensor-side times come from a JFR trace
     * ({@code io.sentinel.sensor.AlertDelivery}) of the first delivery carrying the alert.
     */
    public static final List<String> STAGES = List.of("detect", "pipeline", "uplink wait", "POST", "store + poll");

    /**
     * @param samples                 per alert, in attack order
     * @param missing                 attacks whose alert never showed within the drain time
     * @param telemetryRecords        telemetry records accepted (202) while the attacks ran
     * @param telemetrySeconds        how long the telemetry flowed
     * @param telemetryRefused        telemetry requests answered 503 (queue full, shed) meanwhile
     * @param startupMs               a warm replay of one attack as fast as possible: bounds the start-up in each time
     */
    public record Result(List<Sample> samples, int missing, long telemetryRecords, double telemetrySeconds,
                         long telemetryRefused, double startupMs) {
        public double percentile(double p) {
            List<Double> sorted = new ArrayList<>(samples.stream().map(Sample::millis).toList());
            Collections.sort(sorted);
            if (sorted.isEmpty()) return Double.NaN;
            return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)));
        }

        /** Percentile {@code p} of stage {@code stage} (index into {@link #STAGES}) over the alerts traced. */
        public double stagePercentile(int stage, double p) {
            List<Double> sorted = new ArrayList<>(samples.stream().map(x -> x.stages()[stage]).filter(d -> !d.isNaN()).toList());
            Collections.sort(sorted);
            if (sorted.isEmpty()) return Double.NaN;
            return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)));
        }

        public double telemetryPerSecond() {
            return telemetrySeconds == 0 ? 0 : telemetryRecords / telemetrySeconds;
        }
    }

    private TimeToAlert() {}

    public static Result run(Path dataDir, Settings settings, PrintStream log) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = Map.of("SENTINEL_DATA_DIR", dataDir.toString(), "CONTROLLER_PORT", Integer.toString(port),
                "CONTROLLER_SENSOR_RATE", "100000", "CONTROLLER_SENSOR_BURST", "100000");
        Result[] result = new Result[1];
        int rc = AllInOne.run(env, log, log, false, running ->
                result[0] = measure(URI.create(running.baseUrl()), running.adminToken(), dataDir, settings, log));
        if (rc != 0 || result[0] == null) {
            throw new IllegalStateException("the all-in-one process did not start (exit " + rc + ")");
        }
        return result[0];
    }

    private static Result measure(URI base, String admin, Path dir, Settings s, PrintStream log) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String attackSensor = "tta-" + run;
        byte[] attackKey = enrol(http, base, admin, attackSensor);
        List<RequestSigner> load = new ArrayList<>();
        for (int i = 0; i < s.telemetrySensors(); i++) {
            String id = "tta-load-" + run + "-" + i;
            load.add(new RequestSigner(id, enrol(http, base, admin, id), Clock.systemUTC()));
        }

        Path pcap = dir.resolve("attacks.pcap");
        long start = Instant.now().plusSeconds(2).toEpochMilli() * 1_000_000L;
        List<AttackCapture.Attack> attacks = AttackCapture.write(pcap, start, 0, s.attacks(), s.spacing().toNanos());
        Map<String, AttackCapture.Attack> byBssid = new HashMap<>();
        attacks.forEach(a -> byBssid.put(a.bssid(), a));

        AtomicBoolean stopLoad = new AtomicBoolean();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (RequestSigner signer : load) {
            senders.add(Thread.ofPlatform().daemon().name("tta-" + signer.sensorId())
                    .start(() -> sendTelemetry(http, base, signer, s.batchItems(), stopLoad, accepted, refused)));
        }
        long loadStart = System.nanoTime();
        if (!senders.isEmpty()) {
            Thread.sleep(3_000); // the load reaches its pace before the first attack
        }

        Path state = Files.createTempDirectory(dir, "tta-sensor-");
        // every attack is timed by its own alert: the engine's storm control (at most 3 new deauth
        // incidents at once, 10 a minute; past that a finding joins the latest incident) is lifted
        SensorSettings settings = SensorSettings.of(attackSensor, base, attackKey, state)
                .withDetection(io.sentinel.detect.DetectionConfig.defaults()
                        .with("alerts.deauth_flood.burst", 1_000_000).with("alerts.deauth_flood.rate_per_min", 1e9));
        Map<String, Double> seen = new LinkedHashMap<>();
        Map<String, Long> seenMicros = new HashMap<>();
        Map<String, long[]> delivered = new ConcurrentHashMap<>(); // bssid -> spooled ms, sent us, answered us
        RecordingStream trace = new RecordingStream();
        trace.enable(AlertDeliveryEvent.NAME);
        trace.onEvent(AlertDeliveryEvent.NAME, ev -> {
            long[] times = {ev.getLong("spooledMillis"), ev.getLong("sentMicros"), ev.getLong("answeredMicros")};
            for (String b : ev.getString("bssids").split(",")) delivered.putIfAbsent(b, times);
        });
        trace.startAsync();
        Map<String, String> ids = new HashMap<>();
        Throwable[] replayFailure = new Throwable[1];
        Path warmup = dir.resolve("warmup.pcap");
        AttackCapture.write(warmup, start - 60_000_000_000L, 0x00ff_0000, 1, s.spacing().toNanos());
        double startupMs;
        try (SensorRuntime sensor = SensorRuntime.open(settings)) {
            sensor.drainOnClose(Duration.ofSeconds(30));
            // the pipeline is built when a replay starts and the pacing clock starts at its first frame: a
            // warm-up replay first, so that this start-up (which counts against the sensor here) is small
            for (int i = 0; i < 3; i++) {
                sensor.replay(warmup, ReplayOptions.asFastAsPossible(), () -> false);
            }
            long t0 = System.nanoTime();
            sensor.replay(warmup, ReplayOptions.asFastAsPossible(), () -> false);
            startupMs = (System.nanoTime() - t0) / 1e6;
            // the warm-up's own alerts and telemetry are delivered before the measured replay starts,
            // so that the first measured alerts do not wait behind them in the spool
            if (!sensor.awaitDelivered(Duration.ofSeconds(30))) {
                log.println("time-to-alert: the warm-up was not delivered within 30 s; the first times include it");
            }
            log.printf(Locale.ROOT, "time-to-alert: a warm replay of one 64-frame attack takes %.1f ms (an upper bound of the"
                    + " start-up included in each time)%n", startupMs);
            long replayStartNanos = System.nanoTime();
            long wallMinusNanoMicros = wallMicros() - replayStartNanos / 1_000;
            Thread replay = Thread.ofPlatform().name("tta-replay").start(() -> {
                try {
                    sensor.replay(pcap, ReplayOptions.atSpeed(1.0).withDrainTimeout(Duration.ofSeconds(30)), () -> false);
                } catch (Exception | Error e) {
                    replayFailure[0] = e;
                }
            });
            long drainDeadline = Long.MAX_VALUE;
            long lastLog = System.nanoTime();
            while (seen.size() < attacks.size() && System.nanoTime() < drainDeadline) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts?sensor_id="
                        + attackSensor + "&limit=1000")).header("Authorization", "Bearer " + admin).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long now = System.nanoTime();
                if (r.statusCode() == 200) {
                    for (JsonNode a : Wire.mapper().readTree(r.body()).path("items")) {
                        String bssid = a.path("bssid").asText();
                        AttackCapture.Attack attack = byBssid.get(bssid);
                        if (attack == null || seen.containsKey(bssid)) continue;
                        long entered = replayStartNanos + (attack.firstFrameNanos() - start);
                        seen.put(bssid, (now - entered) / 1e6);
                        seenMicros.put(bssid, now / 1_000 + wallMinusNanoMicros);
                        ids.put(bssid, a.path("id").asText());
                    }
                }
                if (!replay.isAlive() && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                }
                if (now - lastLog > 10_000_000_000L) {
                    lastLog = now;
                    log.printf(Locale.ROOT, "time-to-alert: %d/%d alerts seen, telemetry %,d records accepted%n", seen.size(),
                            attacks.size(), accepted.get());
                }
                Thread.sleep(s.pollInterval().toMillis());
            }
            replay.join();
        } finally {
            trace.stop(); // delivers every event recorded so far
            trace.close();
            stopLoad.set(true);
            for (Thread t : senders) t.join(30_000);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        if (replayFailure[0] != null) {
            throw new IllegalStateException("the sensor's replay failed", replayFailure[0]);
        }
        List<Sample> samples = new ArrayList<>();
        for (AttackCapture.Attack a : attacks) {
            Double ms = seen.get(a.bssid());
            if (ms == null) continue;
            double[] stages = new double[STAGES.size()];
            java.util.Arrays.fill(stages, Double.NaN);
            double detect = (AttackCapture.DETECTOR_FRAMES - 1) * AttackCapture.FRAME_GAP_NANOS / 1e6;
            stages[0] = detect;
            long[] d = delivered.get(a.bssid());
            if (d != null) {
                double enteredMicros = seenMicros.get(a.bssid()) - ms * 1_000;
                stages[1] = (d[0] * 1_000 - enteredMicros) / 1_000 - detect;
                stages[2] = (d[1] - d[0] * 1_000) / 1_000.0;
                stages[3] = (d[2] - d[1]) / 1_000.0;
                stages[4] = (seenMicros.get(a.bssid()) - d[2]) / 1_000.0;
            }
            samples.add(new Sample(a.bssid(), ids.get(a.bssid()), ms, stages));
        }
        return new Result(samples, attacks.size() - samples.size(), s.telemetrySensors() == 0 ? 0 : accepted.get(),
                s.telemetrySensors() == 0 ? 0 : loadSeconds, refused.get(), startupMs);
    }

    private static long wallMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    private static byte[] enrol(HttpClient http, URI base, String admin, String id) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/sensors"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(Map.of("sensor_id", id)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("enrolment refused: " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return HexFormat.of().parseHex(Wire.readSensorKey(r.body()).key());
    }

    /** One simulated sensor: a new batch as soon as the previous one was answered, until stopped. */
    private static void sendTelemetry(HttpClient http, URI base, RequestSigner signer, int items, AtomicBoolean stop,
            AtomicLong accepted, AtomicLong refused) {
        String placeholder = "tl-000000000000";
        long now = System.currentTimeMillis() / 1000;
        List<TelemetryItem> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            String mac = String.format(Locale.ROOT, "02:00:%02x:%02x:%02x:%02x", (i >> 24) & 0xff, (i >> 16) & 0xff,
                    (i >> 8) & 0xff, i & 0xff);
            list.add(new TelemetryItem("client", mac, "02:11:22:33:44:55", "CorpNet", 6, 2437, "wpa2-psk", -71, -63.5, -55,
                    Instant.ofEpochSecond(now - 30), Instant.ofEpochSecond(now), Map.of("probe_req", 3L, "data", 12L), null));
        }
        byte[] template = Wire.write(new TelemetryBatch(placeholder, signer.sensorId(), list));
        int at = indexOf(template, placeholder.getBytes(StandardCharsets.US_ASCII));
        long n = 0;
        while (!stop.get()) {
            byte[] json = template.clone();
            byte[] id = String.format(Locale.ROOT, "tl-%012d", ++n).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(id, 0, json, at, id.length);
            try {
                byte[] body = gzip(json);
                SignatureHeaders h = signer.sign("POST", "/api/v1/telemetry", "", "gzip", body);
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/telemetry"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                h.asMap().forEach(b::header);
                HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 202) {
                    accepted.addAndGet(items);
                } else if (r.statusCode() == 503 || r.statusCode() == 429) {
                    refused.incrementAndGet();
                    Thread.sleep(50);
                } else {
                    throw new IllegalStateException("telemetry refused: " + r.statusCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                refused.incrementAndGet();
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new IllegalStateException("placeholder not found");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4);
        try (GZIPOutputStream z = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
