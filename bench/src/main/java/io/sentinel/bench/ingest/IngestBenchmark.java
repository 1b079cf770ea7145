package io.sentinel.bench.ingest;

import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.queue.AppendResult;
import io.sentinel.store.queue.Envelope;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Telemetry rows per second through the worker path (queue -> JSON decode -> one transaction per
 * read: idempotency mark + COPY + network upserts -> ack) against a raw COPY of the same rows,
 * grouped into the same transactions and spread over as many connections as there are worker
 * threads, into the same table of the same database in the same run.
 */
public final class IngestBenchmark {

    /**
     * @param rows telemetry items in total
     * @param itemsPerBatch items per sensor batch (one queue entry)
     * @param sensors simulated sensors (producer threads appending to the queue)
     * @param workers worker threads (consumers of the group)
     * @param entriesPerTransaction queue entries a worker stores per transaction
     */
    public record Settings(int rows, int itemsPerBatch, int sensors, int workers, int entriesPerTransaction) {}

    /**
     * @param rawCopy time of the raw COPY of all rows
     * @param workerPath time from the first append until the queue was empty (every row committed)
     */
    public record Result(long rows, long batches, Duration rawCopy, Duration workerPath, long workerRowsStored,
            long distinctNetworks) {

        public double rawRowsPerSecond() {
            return rows / seconds(rawCopy);
        }

        public double workerRowsPerSecond() {
            return rows / seconds(workerPath);
        }

        /** Worker path rate as a fraction of the raw COPY rate. */
        public double ratio() {
            return workerRowsPerSecond() / rawRowsPerSecond();
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }
    }

    private final Database db;
    private final Settings settings;
    private final PrintStream log;

    public IngestBenchmark(Database db, Settings settings, PrintStream log) {
        this.db = db;
        this.settings = settings;
        this.log = log;
    }

    /** Sensor batches of realistic telemetry: APs and clients on 2.4/5 GHz, 2,000 distinct BSSIDs. */
    public static List<Envelope> generate(Settings s, Instant start) {
        Random r = new Random(42);
        List<Envelope> out = new ArrayList<>();
        int batches = (s.rows() + s.itemsPerBatch() - 1) / s.itemsPerBatch();
        int made = 0;
        for (int b = 0; b < batches; b++) {
            String sensor = "bench-" + (b % s.sensors());
            Instant t = start.plusMillis(b * 10L);
            int n = Math.min(s.itemsPerBatch(), s.rows() - made);
            List<TelemetryItem> items = items(r, b, n, t);
            made += n;
            String batchId = "bench-" + b;
            out.add(new Envelope(Envelope.Kind.TELEMETRY, sensor, batchId, Instant.now(),
                    Wire.writeString(new TelemetryBatch(batchId, sensor, items))));
        }
        return out;
    }

    /**
     * {@code count} telemetry items of one interval ending at {@code t}, as a sensor among 2,000
     * devices reports them: three in four are APs of 1,500 distinct BSSIDs (300 SSIDs, 2.4 GHz),
     * the rest clients on 5 GHz; RSSI spread over -90..-31 dBm.
     */
    public static List<TelemetryItem> items(Random r, int batch, int count, Instant t) {
        List<TelemetryItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int dev = r.nextInt(2_000);
            boolean ap = dev < 1_500;
            String mac = ap ? String.format("02:00:00:00:%02x:%02x", (dev >> 8) & 0xff, dev & 0xff)
                    : String.format("06:00:%02x:%02x:%02x:%02x", (dev >> 8) & 0xff, dev & 0xff, batch % 251, i % 251);
            int channel = ap ? 1 + dev % 11 : 36 + 4 * (dev % 8);
            int rssi = -90 + r.nextInt(60);
            items.add(new TelemetryItem(ap ? "ap" : "client", mac, ap ? null : "02:00:00:00:00:01",
                    ap ? "ssid-" + (dev % 300) : null, channel, channel < 14 ? 2407 + 5 * channel : 5000 + 5 * channel,
                    ap ? "wpa2-psk" : null, rssi - 3, rssi + 0.5, rssi + 3, t.minusSeconds(10), t,
                    ap ? Map.of("beacon", 100L, "probe_resp", 3L) : Map.of("probe_req", 4L, "data", 12L), null));
        }
        return items;
    }

    /** Runs raw COPY, empties the tables, then the worker path; returns both measurements. */
    public Result run(IngestQueue queue) throws Exception {
        List<Envelope> envelopes = generate(settings, Instant.now().minusSeconds(3600));
        long rows = settings.rows();
        log.printf("generated %,d rows in %,d batches of %,d items (%,d sensors)%n", rows, envelopes.size(),
                settings.itemsPerBatch(), settings.sensors());
        // the raw reference renders the same rows from the same wire records, as the worker must
        List<TelemetryRepository.Rows> rawRows = new ArrayList<>(envelopes.size());
        for (Envelope e : envelopes) {
            TelemetryBatch b = Wire.readTelemetryBatch(e.payload().getBytes(StandardCharsets.UTF_8));
            rawRows.add(new TelemetryRepository.Rows(e.sensorId(), e.batchId(), b.items()));
        }
        truncate();
        Duration raw = rawCopy(rawRows);
        log.printf("raw COPY:    %,d rows in %.2f s = %,.0f rows/s (%d connection(s), %d batches/transaction)%n",
                rows, raw.toNanos() / 1e9, rows / (raw.toNanos() / 1e9), Math.max(1, settings.workers()),
                settings.entriesPerTransaction());
        truncate();

        queue.ensureGroup(IngestQueue.DEFAULT_GROUP);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            Worker w = new Worker(db, queue, WorkerSettings.defaults("bench-" + i)
                    .withBatchSize(settings.entriesPerTransaction()), Clock.systemUTC());
            workers.add(w);
            threads.add(Thread.ofPlatform().name("bench-worker-" + i).start(w));
        }
        long t0 = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < settings.sensors(); p++) {
            int sensor = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = sensor; i < envelopes.size(); i += settings.sensors()) {
                    AppendResult res;
                    while ((res = queue.append(envelopes.get(i))) instanceof AppendResult.Full) {
                        Thread.onSpinWait();
                    }
                    if (!(res instanceof AppendResult.Accepted)) {
                        throw new IllegalStateException("unexpected " + res);
                    }
                }
            }));
        }
        for (Thread p : producers) {
            p.join();
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        log.printf("appends:     %,d batches queued in %.2f s = %,.0f rows/s accepted%n", envelopes.size(),
                appendSeconds, rows / appendSeconds);
        long stored;
        while (true) {
            stored = workers.stream().mapToLong(w -> w.stats().telemetryRows()).sum();
            if (stored >= rows && queue.depth() == 0) {
                break;
            }
            Thread.sleep(2);
        }
        Duration path = Duration.ofNanos(System.nanoTime() - t0);
        workers.forEach(Worker::stop);
        for (Thread t : threads) {
            t.join(10_000);
        }
        log.printf("worker path: %,d rows in %.2f s = %,.0f rows/s (%d worker thread(s), %d entries/transaction)%n",
                stored, path.toNanos() / 1e9, rows / (path.toNanos() / 1e9), settings.workers(),
                settings.entriesPerTransaction());
        long networks = countNetworks();
        return new Result(rows, envelopes.size(), raw, path, stored, networks);
    }

    /** COPY of the same transactions by as many connections in parallel as there are workers. */
    private Duration rawCopy(List<TelemetryRepository.Rows> rows) throws Exception {
        TelemetryRepository repo = new TelemetryRepository(db);
        int per = settings.entriesPerTransaction();
        int threads = Math.max(1, settings.workers());
        List<Thread> copiers = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int k = 0; k < threads; k++) {
            int first = k;
            copiers.add(Thread.ofPlatform().start(() -> {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(false);
                    for (int i = first * per; i < rows.size(); i += per * threads) {
                        repo.copy(c, rows.subList(i, Math.min(rows.size(), i + per)));
                        c.commit();
                    }
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : copiers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void truncate() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE telemetry, networks, network_sensors, ingest_batches CASCADE");
            s.execute("CHECKPOINT");
        }
    }

    private long countNetworks() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM networks")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
