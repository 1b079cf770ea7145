package io.sentinel.controller.evidence;

import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes evidence older than {@code PCAP_RETENTION_DAYS} and each sensor's oldest files beyond
 * its quota: the object first, then the row with its audit entry ({@code evidence.delete}, actor
 * {@value #ACTOR}) in one transaction. An object the store cannot delete keeps its row, so the
 * next run tries again; nothing is left listed without its file.
 */
public final class EvidenceRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRetention.class);
    public static final String ACTOR = "retention";
    private static final int BATCH = 500;

    /** What one run removed. */
    public record Result(int expired, int overQuota, int failed) {}

    private final EvidenceRepository repo;
    private final EvidenceStore store;
    private final Duration retention;
    private final long quotaBytes;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public EvidenceRetention(EvidenceRepository repo, EvidenceStore store, int retentionDays, long quotaBytes, Clock clock) {
        this.repo = repo;
        this.store = store;
        this.retention = Duration.ofDays(retentionDays);
        this.quotaBytes = quotaBytes;
        this.clock = clock;
    }

    /** One pass: expired files, then files over a sensor's quota. */
    public Result runOnce() throws SQLException {
        Instant now = clock.instant();
        int expired = 0, quota = 0, failed = 0;
        List<EvidenceRecord> batch;
        do {
            batch = repo.receivedBefore(now.minus(retention), BATCH);
            int done = 0;
            for (EvidenceRecord r : batch) {
                if (remove(r, "older than " + retention.toDays() + " days", now)) done++;
                else failed++;
            }
            expired += done;
            if (done == 0) break;
        } while (batch.size() == BATCH);
        do {
            batch = repo.overQuota(quotaBytes, BATCH);
            int done = 0;
            for (EvidenceRecord r : batch) {
                if (remove(r, "sensor " + r.sensorId() + " over its quota of " + (quotaBytes >> 20) + " MiB", now)) done++;
                else failed++;
            }
            quota += done;
            if (done == 0) break;
        } while (batch.size() == BATCH);
        if (expired + quota + failed > 0)
            LOG.info("evidence retention: {} expired and {} over quota deleted, {} could not be deleted", expired, quota, failed);
        return new Result(expired, quota, failed);
    }

    private boolean remove(EvidenceRecord r, String reason, Instant now) throws SQLException {
        try {
            store.delete(r.objectKey());
        } catch (EvidenceStore.UnavailableException e) {
            LOG.warn("evidence {} kept for now: {}", r.objectKey(), e.getMessage());
            return false;
        }
        repo.delete(r, ACTOR, reason, now);
        return true;
    }

    /** Runs every {@code interval} on a daemon thread, first after one minute. */
    public synchronized void start(Duration interval) {
        if (timer != null) return;
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("sentinel-evidence-retention").unstarted(r));
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("evidence retention failed: {}", e.getMessage());
            }
        }, Math.min(60, interval.toSeconds()), interval.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }
}
