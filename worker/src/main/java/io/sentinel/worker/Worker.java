package io.sentinel.worker;

import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.EpochTime;
import io.sentinel.protocol.wire.Heartbeat;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.UpsertOutcome;
import io.sentinel.worker.correlate.Correlator;
import io.sentinel.store.ingest.BatchRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.notify.NotifyOutbox;
import io.sentinel.store.queue.Envelope;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.QueueEntry;
import io.sentinel.store.queue.QueueException;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the ingest queue into PostgreSQL.
 *
 * <p>Each read (up to {@code batchSize} entries) is stored in two transactions, the urgent
 * lane's alerts and heartbeats first, then the telemetry; in each the batch is
 * marked in {@code ingest_batches} (a batch stored before is skipped), telemetry of all entries
 * goes in with one COPY, networks and alerts are upserted (network rows that would only move a
 * time or an RSSI by less than 5 s are skipped, see {@link NetworkWriteFilter}), alert reports go
 * through the correlation step ({@link Correlator}) and are stored, heartbeats update
 * the sensor. Entries
 * are acknowledged only after the commit. When PostgreSQL is down the worker keeps the entries
 * and retries with exponential backoff (100 ms .. 5 s); nothing is acknowledged, so a worker that
 * dies meanwhile leaves them pending for another one to claim. When the database is up but the
 * transaction fails, the entries are retried one by one to isolate the bad one; an entry that
 * cannot be decoded, or that fails {@code maxDeliveries} deliveries, goes to the dead-letter
 * stream with its error.
 */
public final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Database db;
    private final IngestQueue queue;
    private final WorkerSettings settings;
    private final Clock clock;
    private final WorkerStats stats = new WorkerStats();
    private final TelemetryRepository telemetry;
    private final NetworkRepository networks;
    private final Correlator correlator;
    private final BatchRepository batches;
    private final SensorRepository sensors;
    private final NotifyOutbox outbox = new NotifyOutbox();
    // networks lag telemetry by at most 5 s; spares upserts that would only move a time slightly
    private final NetworkWriteFilter networkFilter = new NetworkWriteFilter(java.time.Duration.ofSeconds(5), 200_000);
    private volatile boolean running = true;
    private long lastClaimNanos;
    private long lastMaintenanceNanos;

    public Worker(Database db, IngestQueue queue, WorkerSettings settings, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.telemetry = new TelemetryRepository(db);
        this.networks = new NetworkRepository(db);
        this.correlator = new Correlator(new AlertRepository(db), settings.correlationWindow());
        this.batches = new BatchRepository(db);
        this.sensors = new SensorRepository(db);
        this.lastClaimNanos = System.nanoTime() - settings.claimIdle().toNanos();
        this.lastMaintenanceNanos = System.nanoTime() - settings.maintenanceInterval().toNanos();
    }

    public WorkerStats stats() {
        return stats;
    }

    /** Asks {@link #run()} to return after the current step; unacknowledged entries stay pending. */
    public void stop() {
        running = false;
    }

    /** Consumes until {@link #stop()}; survives Redis and PostgreSQL outages. */
    @Override
    public void run() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                queue.ensureGroup(settings.group());
                break;
            } catch (QueueException e) {
                LOG.warn("queue unreachable, retrying: {}", e.getMessage());
                backoff.sleep();
            }
        }
        backoff.reset();
        while (running) {
            try {
                processOnce();
                maybeMaintain();
                backoff.reset();
            } catch (QueueException e) {
                LOG.warn("queue error, retrying: {}", e.getMessage());
                backoff.sleep();
            } catch (RuntimeException e) {
                LOG.error("unexpected worker error", e);
                backoff.sleep();
            }
        }
    }

    /**
     * One step: claims idle entries (at most every {@code claimIdle / 2}) or reads new ones, and
     * stores them. Returns the number of entries handled.
     */
    public int processOnce() {
        List<QueueEntry> entries = List.of();
        long now = System.nanoTime();
        if (!settings.urgentOnly() && now - lastClaimNanos >= settings.claimIdle().toNanos() / 2) {
            lastClaimNanos = now;
            entries = queue.claimIdle(settings.group(), settings.consumer(), settings.claimIdle(), settings.batchSize());
            if (!entries.isEmpty()) {
                LOG.info("claimed {} idle entries", entries.size());
            }
        }
        if (entries.isEmpty()) {
            entries = settings.urgentOnly()
                    ? queue.readUrgent(settings.group(), settings.consumer(), settings.batchSize(), settings.block())
                    : queue.read(settings.group(), settings.consumer(), settings.batchSize(), settings.block());
        }
        if (!entries.isEmpty()) {
            handle(entries);
        }
        return entries.size();
    }

    /** A decoded entry. */
    private record Decoded(QueueEntry entry, Object body) {}

    private void handle(List<QueueEntry> entries) {
        List<Decoded> decoded = new ArrayList<>(entries.size());
        for (QueueEntry e : entries) {
            try {
                decoded.add(new Decoded(e, decode(e.envelope())));
            } catch (RuntimeException ex) {
                deadLetter(e, "undecodable: " + ex.getMessage());
            }
        }
        // alerts and heartbeats first, in a transaction of their own: they never wait for a telemetry COPY
        List<Decoded> urgent = decoded.stream().filter(d -> d.entry().envelope().urgent()).toList();
        List<Decoded> bulk = decoded.stream().filter(d -> !d.entry().envelope().urgent()).toList();
        if (!urgent.isEmpty()) {
            storeAll(urgent);
        }
        if (!bulk.isEmpty() && running) {
            storeAll(bulk);
        }
    }

    /** Stores the entries in one transaction; retries while the database is away, isolates a bad entry. */
    private void storeAll(List<Decoded> decoded) {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                store(decoded);
                return;
            } catch (SQLException | RuntimeException ex) {
                if (ex instanceof QueueException qe) {
                    throw qe; // committed but not acknowledged: redelivery is recognised as a duplicate
                }
                if (transientFailure(ex) || !db.isReachable()) {
                    stats.databaseRetries.incrementAndGet();
                    LOG.warn("database unavailable or transient failure ({}), keeping {} entries and retrying", ex.getMessage(),
                            decoded.size());
                    backoff.sleep();
                    continue;
                }
                if (decoded.size() == 1) {
                    failed(decoded.get(0), ex);
                    return;
                }
                LOG.warn("batch of {} failed ({}); retrying entries one by one", decoded.size(), ex.getMessage());
                for (Decoded d : decoded) {
                    if (!running) {
                        return;
                    }
                    try {
                        store(List.of(d));
                    } catch (SQLException | RuntimeException one) {
                        if (one instanceof QueueException qe) {
                            throw qe;
                        }
                        if (transientFailure(one) || !db.isReachable()) {
                            return; // leave the rest pending; they are claimed again later
                        }
                        failed(d, one);
                    }
                }
                return;
            }
        }
    }

    /**
     * Failures that say nothing about the entry: lost connections (SQLSTATE 08, 57P), resources
     * (53), serialization failures and deadlocks (40). They never count towards dead-lettering.
     */
    static boolean transientFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException se && se.getSQLState() != null) {
                String state = se.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.startsWith("40")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void failed(Decoded d, Exception ex) {
        String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        if (d.entry().deliveries() >= settings.maxDeliveries()) {
            deadLetter(d.entry(), error);
        } else {
            LOG.warn("entry {} failed (delivery {} of {}), left pending: {}", d.entry().id(), d.entry().deliveries(),
                    settings.maxDeliveries(), error);
        }
    }

    private void deadLetter(QueueEntry e, String error) {
        LOG.warn("dead-lettering entry {} of sensor {} batch {}: {}", e.id(), e.envelope().sensorId(),
                e.envelope().batchId(), error);
        queue.deadLetter(settings.group(), e, error);
        stats.deadLettered.incrementAndGet();
    }

    private static Object decode(Envelope env) {
        byte[] payload = env.payload().getBytes(StandardCharsets.UTF_8);
        return switch (env.kind()) {
            case TELEMETRY -> Wire.readTelemetryBatch(payload);
            case ALERTS -> Wire.readAlertBatch(payload);
            case HEARTBEAT -> Wire.readHeartbeat(payload);
        };
    }

    private void store(List<Decoded> decoded) throws SQLException {
        long rows = 0;
        long alertCount = 0;
        long heartbeats = 0;
        long duplicates = 0;
        Map<String, List<io.sentinel.protocol.wire.TelemetryItem>> networkWrites = Map.of();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<TelemetryRepository.Rows> copy = new ArrayList<>();
                for (Decoded d : decoded) {
                    Envelope env = d.entry().envelope();
                    switch (d.body()) {
                        case TelemetryBatch b -> {
                            if (batches.markStored(c, env.sensorId(), env.batchId(), "telemetry", env.receivedAt(),
                                    b.items().size())) {
                                copy.add(new TelemetryRepository.Rows(env.sensorId(), env.batchId(), b.items()));
                            } else {
                                duplicates++;
                            }
                        }
                        case AlertBatch b -> {
                            if (batches.markStored(c, env.sensorId(), env.batchId(), "alerts", env.receivedAt(),
                                    b.alerts().size())) {
                                for (AlertMessage a : b.alerts()) {
                                    UpsertOutcome outcome = correlator.store(c, env.sensorId(), a);
                                    outbox.recordUpsert(c, outcome); // notifications: committed with the alert change
                                }
                                alertCount += b.alerts().size();
                            } else {
                                duplicates++;
                            }
                        }
                        case Heartbeat h -> {
                            sensors.recordHeartbeat(c, env.sensorId(), env.receivedAt(), health(h, env));
                            heartbeats++;
                        }
                        default -> throw new IllegalStateException("unexpected payload " + d.body().getClass());
                    }
                }
                rows = telemetry.copy(c, copy);
                // one upsert for all sensors: rows are locked in BSSID order, so concurrent workers cannot deadlock
                Map<String, List<io.sentinel.protocol.wire.TelemetryItem>> bySensor = new java.util.TreeMap<>();
                for (TelemetryRepository.Rows r : copy) {
                    bySensor.computeIfAbsent(r.sensorId(), k -> new ArrayList<>()).addAll(r.items());
                }
                networkWrites = networkFilter.select(bySensor);
                networks.upsertFromTelemetry(c, networkWrites);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction is gone with it
                }
                throw e;
            }
        }
        networkFilter.committed(networkWrites);
        stats.transactions.incrementAndGet();
        queue.ack(settings.group(), decoded.stream().map(d -> d.entry().id()).toList());
        stats.entries.addAndGet(decoded.size());
        stats.telemetryRows.addAndGet(rows);
        stats.alerts.addAndGet(alertCount);
        stats.heartbeats.addAndGet(heartbeats);
        stats.duplicates.addAndGet(duplicates);
    }

    /** The health stored for a sensor: the heartbeat plus when it arrived and the clock offset. */
    static String health(Heartbeat h, Envelope env) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>(Wire.mapper().convertValue(h, Map.class));
        m.remove("sensor_id");
        m.put("received_at", EpochTime.toSeconds(env.receivedAt()));
        if (h.clockOffsetMs() == null && h.sentAt() != null) {
            m.put("clock_offset_ms", h.sentAt().toEpochMilli() - env.receivedAt().toEpochMilli());
        }
        return Wire.writeString(m);
    }

    private void maybeMaintain() {
        if (settings.urgentOnly()) {
            return; // the consumers of both lanes do it
        }
        long now = System.nanoTime();
        if (now - lastMaintenanceNanos < settings.maintenanceInterval().toNanos()) {
            return;
        }
        lastMaintenanceNanos = now;
        try {
            List<String> actions = new RetentionJob(db, settings.retentionDays(), clock).run();
            if (!actions.isEmpty()) {
                LOG.info("telemetry maintenance: {}", actions);
            }
        } catch (SQLException e) {
            LOG.warn("telemetry maintenance failed: {}", e.getMessage());
        }
    }

    /** The clock this worker was given (retention cut-offs are taken from it). */
    public Clock clock() {
        return clock;
    }

    /** Exponential backoff from 100 ms to 5 s. */
    private final class Backoff {
        private long delayMs = 100;

        void sleep() {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            delayMs = Math.min(5_000, delayMs * 2);
        }

        void reset() {
            delayMs = 100;
        }
    }

    /** Default consumer name: host, pid and a random suffix. */
    public static String defaultConsumerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "worker");
        return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
    }
}
