package io.sentinel.worker;

import io.sentinel.store.queue.IngestQueue;
import java.time.Duration;

/**
 * How a worker consumes the queue.
 *
 * @param group consumer group shared by all workers
 * @param consumer this worker's name in the group (unique per process and thread)
 * @param batchSize most queue entries stored in one transaction
 * @param block how long a read waits for new entries
 * @param claimIdle entries pending longer than this are taken over from their (dead) consumer
 * @param maxDeliveries an entry that failed this many deliveries with the database up is dead-lettered
 * @param correlationWindow reports of different sensors this close in time merge into one alert
 * @param retentionDays {@code TELEMETRY_RETENTION_DAYS}
 * @param maintenanceInterval how often partitions are created ahead and old ones dropped
 * @param urgentOnly consume only the queue's urgent lane (alerts, heartbeats): a consumer that
 *     never waits behind a telemetry COPY, run beside the ones that take both lanes
 */
public record WorkerSettings(
        String group,
        String consumer,
        int batchSize,
        Duration block,
        Duration claimIdle,
        int maxDeliveries,
        Duration correlationWindow,
        int retentionDays,
        Duration maintenanceInterval,
        boolean urgentOnly) {

    public WorkerSettings {
        if (batchSize < 1 || maxDeliveries < 1 || retentionDays < 1) {
            throw new IllegalArgumentException("batch size, max deliveries and retention days must be positive");
        }
    }

    /** Defaults: 64 entries per transaction, 60 s idle before claiming, 5 deliveries, 30 days. */
    public static WorkerSettings defaults(String consumer) {
        return new WorkerSettings(IngestQueue.DEFAULT_GROUP, consumer, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 5, io.sentinel.worker.correlate.Correlator.DEFAULT_WINDOW, 30, Duration.ofHours(1),
                false);
    }

    public WorkerSettings withConsumer(String name) {
        return new WorkerSettings(group, name, batchSize, block, claimIdle, maxDeliveries, correlationWindow,
                retentionDays, maintenanceInterval, urgentOnly);
    }

    public WorkerSettings withClaimIdle(Duration idle) {
        return new WorkerSettings(group, consumer, batchSize, block, idle, maxDeliveries, correlationWindow,
                retentionDays, maintenanceInterval, urgentOnly);
    }

    public WorkerSettings withMaxDeliveries(int n) {
        return new WorkerSettings(group, consumer, batchSize, block, claimIdle, n, correlationWindow, retentionDays,
                maintenanceInterval, urgentOnly);
    }

    public WorkerSettings withBatchSize(int n) {
        return new WorkerSettings(group, consumer, n, block, claimIdle, maxDeliveries, correlationWindow,
                retentionDays, maintenanceInterval, urgentOnly);
    }

    public WorkerSettings withRetentionDays(int days) {
        return new WorkerSettings(group, consumer, batchSize, block, claimIdle, maxDeliveries, correlationWindow, days,
                maintenanceInterval, urgentOnly);
    }

    /** The same settings for a consumer of the urgent lane only, named {@code consumer + "-urgent"}. */
    public WorkerSettings urgentConsumer() {
        return new WorkerSettings(group, consumer + "-urgent", batchSize, block, claimIdle, maxDeliveries,
                correlationWindow, retentionDays, maintenanceInterval, true);
    }
}
