package io.sentinel.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.app.up.AllInOne;
import io.sentinel.bench.ingest.IngestBenchmark;
import io.sentinel.store.Database;
import io.sentinel.store.queue.LocalRedisServer;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * End-to-end ingest: N simulated sensors send signed gzip telemetry batches over loopback HTTP to
 * a running controller + worker (the all-in-one process of {@code sentinel up}: embedded
 * PostgreSQL, the in-process queue or Redis Streams), and the clock stops when the last batch of
 * every sensor can be queried back through {@code GET /api/v1/telemetry}. Reports records/s
 * accepted -> queryable, the API latency percentiles of the POSTs, the CPU each part used, and
 * the reference of the same run: a raw {@code COPY} of exactly the measured rows (rendered
 * before its clock starts, in the worker's transactions of 16 batches, over as many connections
 * as there are workers) into the same table of the same database.
 *
 * <p>Order: enrolment, warm-up rounds through the whole path (not counted: the JIT and the
 * connection pools start cold, a controller in production runs warm), the raw COPY reference,
 * {@code TRUNCATE telemetry}, then the measured round on the same empty table.
 */
public final class EndToEndIngest {

    /**
     * @param sensors simulated sensors sending in parallel
     * @param batches measured batches per sensor
     * @param items telemetry items per batch
     * @param warmupBatches batches per sensor of one warm-up round (sent and stored, not measured)
     * @param maxWarmupRounds warm-up rounds at most (every other one sends the same records in ten
     *     times as many requests); they stop earlier once two rounds in a row, one of each kind, spend
     *     under 5 % of their duration compiling
     * @param queue {@code inprocess} or {@code redis} (REDIS_URL, or a redis-server started for the run)
     * @param workers bulk worker threads of the all-in-one process
     * @param rate records/s offered in the measured round (open loop: each sensor sends on a fixed
     *     schedule, and a request's latency counts from when it was due, so a stall is not hidden
     *     by the requests it delayed); 0 = closed loop, each sensor sends its next batch as soon as
     *     the last one is answered
     */
    public record Options(int sensors, int batches, int items, int warmupBatches, int maxWarmupRounds, String queue,
                          int workers, double rate) {
        public Options {
            if (!queue.equals("inprocess") && !queue.equals("redis")) {
                throw new IllegalArgumentException("--queue must be inprocess or redis");
            }
        }
    }

    /**
     * @param storedRows telemetry rows in the database after the measured round (it starts on an empty table)
     * @param rawCopyRowsPerSecond the reference of the same run
     * @param cpu seconds of CPU during the measured round: this JVM (sensors' HTTP client,
     *     controller, worker), PostgreSQL's processes, redis-server
     */
    public record Result(long records, long storedRows, int requests, double seconds, double acceptSeconds, double p50Ms, double p99Ms,
                         double maxMs, double rawCopyRowsPerSecond, double rawCopySeconds, Cpu cpu, String queue,
                         int workers, double offeredRate) {
        public double recordsPerSecond() {
            return records / seconds;
        }

        /** End-to-end rate as a fraction of the raw COPY rate of the same run. */
        public double ratio() {
            return recordsPerSecond() / rawCopyRowsPerSecond;
        }
    }

    /** CPU seconds used by each part during one round. */
    public record Cpu(double jvm, double postgres, double redis) {
        /** Microseconds of CPU per record, all parts together. */
        public double microsPerRecord(long records) {
            return (jvm + postgres + redis) * 1e6 / records;
        }
    }

    private EndToEndIngest() {}

    public static Result run(Path dataDir, Options o, PrintStream log) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = Map.of("SENTINEL_DATA_DIR", dataDir.toString(), "CONTROLLER_PORT", Integer.toString(port),
                "CONTROLLER_SENSOR_RATE", "100000", "CONTROLLER_SENSOR_BURST", "100000");
        LocalRedisServer redisServer = null;
        Optional<String> redisUrl = Optional.empty();
        if (o.queue().equals("redis")) {
            String url = System.getenv("REDIS_URL");
            if (url == null || url.isBlank()) {
                redisServer = LocalRedisServer.start(false);
                url = redisServer.url();
            }
            redisUrl = Optional.of(url);
        }
        try {
            Result[] result = new Result[1];
            int rc = AllInOne.run(env, log, log, new AllInOne.Setup(false, redisUrl, o.workers()),
                    running -> result[0] = measure(running, o, log));
            if (rc != 0 || result[0] == null) {
                throw new IllegalStateException("the all-in-one process did not start (exit " + rc + ")");
            }
            return result[0];
        } finally {
            if (redisServer != null) {
                redisServer.close();
            }
        }
    }

    /** One sensor's batches of one round, as built before the round's clock starts. */
    private record Round(String prefix, List<List<TelemetryBatch>> batches, List<List<byte[]>> bodies,
                         List<String> markers) {
        long records() {
            return batches.stream().mapToLong(l -> l.stream().mapToLong(b -> b.items().size()).sum()).sum();
        }
    }

    private static Result measure(AllInOne.Running running, Options o, PrintStream log) throws Exception {
        String base = running.baseUrl();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<RequestSigner> signers = new ArrayList<>();
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int s = 0; s < o.sensors(); s++) {
            String id = "bench-" + run + "-" + s;
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sensors"))
                    .header("Authorization", "Bearer " + running.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(Map.of("sensor_id", id)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("enrolment refused: " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            signers.add(new RequestSigner(id, HexFormat.of().parseHex(Wire.readSensorKey(r.body()).key()), Clock.systemUTC()));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Random random = new Random(42);
        // bodies are built before the clock starts: the sensors' own work is not measured
        Round measured = round(signers, "b", o.batches(), o.items(), now, random, 0xff);
        // warm-up rounds until the JIT is quiet: on two cores the compiler threads otherwise take
        // a third of the CPU of a short run, which a controller that has run for minutes does not pay.
        // Every other round sends the same records in ten times as many smaller requests: C2 compiles
        // a method after thousands of calls, and per-request code (HTTP server and client, signature
        // check, queue, batch bookkeeping) is called once per batch, so rounds of large batches alone
        // leave it to be compiled inside the measured round (5 s of C2 time in a 10-s round).
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long warmRecords = 0;
        int warmRequests = 0;
        boolean lastQuiet = false;
        for (int w = 0; w < o.maxWarmupRounds(); w++) {
            boolean manyRequests = w % 2 == 1;
            int batches = Math.max(1, o.warmupBatches()) * (manyRequests ? 10 : 1);
            int items = manyRequests ? Math.max(2, o.items() / 10) : o.items();
            Round warmup = round(signers, "w" + w + "-", batches, items, now.minusSeconds(60), random, w % 0xff);
            long jit0 = jit.getTotalCompilationTime();
            Sent sent = send(http, base, running.adminToken(), running.database(), signers, warmup, 0);
            long jitMs = jit.getTotalCompilationTime() - jit0;
            warmRecords += warmup.records();
            warmRequests += sent.latencies().size();
            log.printf("warm-up round %d: %,d records in %,d requests, %.2f s, JIT %,d ms%n", w + 1, warmup.records(),
                    sent.latencies().size(), sent.seconds(), jitMs);
            boolean quiet = jitMs < 0.05 * sent.seconds() * 1000;
            if (quiet && lastQuiet) {
                break;
            }
            lastQuiet = quiet;
        }
        log.printf("warm-up: %,d records in %,d requests%n", warmRecords, warmRequests);

        double rawPg0 = ProcessCpu.named(Set.of("postgres"));
        double rawJvm0 = ProcessCpu.self();
        double rawSeconds = rawCopy(running.database(), signers, measured, o.workers());
        double rawRate = measured.records() / rawSeconds;
        log.printf("raw COPY reference: %,d rows in %.2f s = %,.0f rows/s (%d connection(s), 16 batches/transaction; "
                        + "CPU: PostgreSQL %.1f s, JVM %.1f s)%n", measured.records(), rawSeconds, rawRate, o.workers(),
                ProcessCpu.named(Set.of("postgres")) - rawPg0, ProcessCpu.self() - rawJvm0);
        try (Connection c = running.database().connection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE telemetry");
            st.execute("CHECKPOINT");
        }

        Set<String> postgres = Set.of("postgres");
        Set<String> redis = Set.of("redis-server");
        double jvm0 = ProcessCpu.self();
        double pg0 = ProcessCpu.named(postgres);
        double redis0 = ProcessCpu.named(redis);
        long jitMeasured0 = jit.getTotalCompilationTime();
        Sent sent = send(http, base, running.adminToken(), running.database(), signers, measured, o.rate());
        log.printf("measured round: JIT %,d ms%n", jit.getTotalCompilationTime() - jitMeasured0);
        Cpu cpu = new Cpu(ProcessCpu.self() - jvm0, ProcessCpu.named(postgres) - pg0, ProcessCpu.named(redis) - redis0);
        List<Long> sorted = new ArrayList<>(sent.latencies());
        Collections.sort(sorted);
        long stored;
        try (Connection c = running.database().connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM telemetry")) {
            rs.next();
            stored = rs.getLong(1);
        }
        return new Result(measured.records(), stored, sorted.size(), sent.seconds(), sent.acceptSeconds(), pct(sorted, 0.50),
                pct(sorted, 0.99), sorted.getLast() / 1e6, rawRate, rawSeconds, cpu, o.queue(), o.workers(), o.rate());
    }

    private static Round round(List<RequestSigner> signers, String prefix, int batches, int items, Instant t,
                               Random random, int markerByte) throws IOException {
        List<List<TelemetryBatch>> all = new ArrayList<>();
        List<List<byte[]>> bodies = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        for (int s = 0; s < signers.size(); s++) {
            String sensor = signers.get(s).sensorId();
            String marker = String.format(Locale.ROOT, "0a:ff:ff:ff:%02x:%02x", markerByte, s & 0xff);
            markers.add(marker);
            List<TelemetryBatch> mine = new ArrayList<>();
            List<byte[]> encoded = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<TelemetryItem> list = new ArrayList<>(IngestBenchmark.items(random, b, items, t.plusMillis(10L * b)));
                if (b == batches - 1) {
                    // the round's last item of this sensor: when the API returns it, the sensor's round is stored
                    TelemetryItem last = list.removeLast();
                    list.add(new TelemetryItem("client", "06:ff:ff:ff:ff:ff", marker, null, 36, 5180, null, -70, -70.0,
                            -70, last.firstSeen(), last.lastSeen(), Map.of("data", 1L), null));
                }
                TelemetryBatch batch = new TelemetryBatch(prefix + b, sensor, list);
                mine.add(batch);
                encoded.add(gzip(Wire.write(batch)));
            }
            all.add(mine);
            bodies.add(encoded);
        }
        return new Round(prefix, all, bodies, markers);
    }

    private record Sent(List<Long> latencies, double acceptSeconds, double seconds) {}

    /** Sends a round, every sensor in parallel, and waits until each sensor's marker is queryable. */
    private static Sent send(HttpClient http, String base, String adminToken, Database db, List<RequestSigner> signers,
                             Round round, double rate) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        URI telemetry = URI.create(base + "/api/v1/telemetry"); // parsed once: the senders share the measured cores
        long start = System.nanoTime();
        // open loop: sensor s sends batch b at start + (b + s / sensors) * interval
        long intervalNanos = rate <= 0 ? 0
                : (long) (1e9 * signers.size() * round.batches().getFirst().getFirst().items().size() / rate);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int s = 0; s < signers.size(); s++) {
                RequestSigner signer = signers.get(s);
                List<byte[]> mine = round.bodies().get(s);
                long offset = intervalNanos * s / signers.size();
                done.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int b = 0; b < mine.size(); b++) {
                        byte[] body = mine.get(b);
                        long due = start + offset + b * intervalNanos;
                        if (intervalNanos > 0) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(java.time.Duration.ofNanos(wait));
                            }
                        }
                        SignatureHeaders h = signer.sign("POST", "/api/v1/telemetry", "", "gzip", body);
                        HttpRequest.Builder req = HttpRequest.newBuilder(telemetry)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        h.asMap().forEach(req::header);
                        long t0 = intervalNanos > 0 ? due : System.nanoTime();
                        HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
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
        // stored: every batch of the round is committed (workers may commit a sensor's batches out of
        // order, so the last one being there says nothing of the others) ...
        long deadline = System.nanoTime() + 600_000_000_000L;
        int expected = signers.size() * round.batches().getFirst().size();
        String prefix = round.prefix();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM ingest_batches WHERE sensor_id = ANY (?) AND starts_with(batch_id, ?)")) {
            ps.setArray(1, c.createArrayOf("text", signers.stream().map(RequestSigner::sensorId).toArray()));
            ps.setString(2, prefix);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= expected) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the round's batches were never all stored");
                }
                Thread.sleep(10);
            }
        }
        // ... and queryable: the marker item of every sensor's last batch is returned by the API
        for (int s = 0; s < signers.size(); s++) {
            String url = base + "/api/v1/telemetry?sensor_id=" + signers.get(s).sensorId() + "&bssid="
                    + round.markers().get(s) + "&limit=1";
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
        return new Sent(latencies, acceptSeconds, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The reference: the measured rows, rendered to COPY text before the clock starts, copied in
     * transactions of 16 batches over {@code connections} connections in parallel.
     */
    private static double rawCopy(Database db, List<RequestSigner> signers, Round round, int connections)
            throws Exception {
        List<byte[]> transactions = new ArrayList<>();
        StringBuilder sb = new StringBuilder(1 << 20);
        int inTransaction = 0;
        for (int b = 0; b < round.batches().getFirst().size(); b++) {
            for (int s = 0; s < signers.size(); s++) {
                TelemetryBatch batch = round.batches().get(s).get(b);
                for (TelemetryItem it : batch.items()) {
                    TelemetryRepository.appendRow(sb, batch.sensorId(), batch.batchId(), it);
                }
                if (++inTransaction == 16) {
                    transactions.add(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                    inTransaction = 0;
                }
            }
        }
        if (!sb.isEmpty()) {
            transactions.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> copiers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < connections; k++) {
            int first = k;
            copiers.add(Thread.ofPlatform().start(() -> {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
                    for (int i = first; i < transactions.size(); i += connections) {
                        byte[] rows = transactions.get(i);
                        CopyIn in = cm.copyIn("COPY telemetry (" + TelemetryRepository.COPY_COLUMNS + ") FROM STDIN");
                        for (int off = 0; off < rows.length; off += 1 << 16) {
                            in.writeToCopy(rows, off, Math.min(1 << 16, rows.length - off));
                        }
                        in.endCopy();
                        c.commit();
                    }
                    c.setAutoCommit(true);
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : copiers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1))) / 1e6;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
