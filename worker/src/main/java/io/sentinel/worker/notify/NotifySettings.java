package io.sentinel.worker.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the worker's notification sender runs.
 *
 * @param poll pause of the dispatcher and sender when there is nothing to do
 * @param dispatchBatch outbox events routed per transaction
 * @param perChannel deliveries of one channel claimed (and sent over one connection) at once
 * @param lease how long a claimed delivery is reserved for this worker; after that another may send it (a batch
 *     stops starting new messages after half of it)
 * @param retryBase first retry delay; doubled per failure up to {@code retryCap}, with jitter
 * @param retryCap longest delay between two attempts
 * @param giveUpAfter a message still failing this long after it was queued is given up ({@code dead})
 * @param keepSent sent deliveries are deleted after this long
 * @param exportDir directory of the JSON Lines export files ({@code SENTINEL_EXPORT_DIR})
 * @param allowLoopbackWebhooks whether webhooks may target loopback addresses (development only)
 * @param configFile the notifications file ({@code NOTIFY_CONFIG_FILE}), applied at start and when it changes
 * @param version product version written into messages
 * @param hostname the HOSTNAME of syslog messages unless a channel sets one
 */
public record NotifySettings(Duration poll, int dispatchBatch, int perChannel, Duration lease, Duration retryBase,
        Duration retryCap, Duration giveUpAfter, Duration keepSent, Path exportDir, boolean allowLoopbackWebhooks,
        Optional<Path> configFile, String version, String hostname) {

    public static NotifySettings defaults(Path dataDir) {
        return new NotifySettings(Duration.ofMillis(500), 200, 50, Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofDays(7), dataDir.resolve("export"), false,
                Optional.empty(), productVersion(), localHostname());
    }

    public NotifySettings withRetry(Duration base, Duration cap) {
        return new NotifySettings(poll, dispatchBatch, perChannel, lease, base, cap, giveUpAfter, keepSent, exportDir,
                allowLoopbackWebhooks, configFile, version, hostname);
    }

    public NotifySettings withPoll(Duration p) {
        return new NotifySettings(p, dispatchBatch, perChannel, lease, retryBase, retryCap, giveUpAfter, keepSent,
                exportDir, allowLoopbackWebhooks, configFile, version, hostname);
    }

    public NotifySettings withLease(Duration l) {
        return new NotifySettings(poll, dispatchBatch, perChannel, l, retryBase, retryCap, giveUpAfter, keepSent,
                exportDir, allowLoopbackWebhooks, configFile, version, hostname);
    }

    public NotifySettings withExportDir(Path dir) {
        return new NotifySettings(poll, dispatchBatch, perChannel, lease, retryBase, retryCap, giveUpAfter, keepSent,
                dir, allowLoopbackWebhooks, configFile, version, hostname);
    }

    public NotifySettings withLoopbackWebhooks(boolean allow) {
        return new NotifySettings(poll, dispatchBatch, perChannel, lease, retryBase, retryCap, giveUpAfter, keepSent,
                exportDir, allow, configFile, version, hostname);
    }

    public NotifySettings withConfigFile(Optional<Path> file) {
        return new NotifySettings(poll, dispatchBatch, perChannel, lease, retryBase, retryCap, giveUpAfter, keepSent,
                exportDir, allowLoopbackWebhooks, file, version, hostname);
    }

    /** Delay before attempt {@code failures + 1}: base * 2^(failures-1), capped, 50..100 % jitter. */
    public Duration backoff(int failures) {
        long base = retryBase.toMillis();
        long d = failures <= 1 ? base : base << Math.min(30, failures - 1);
        d = Math.min(d, retryCap.toMillis());
        return Duration.ofMillis(d / 2 + (long) (Math.random() * (d / 2 + 1)));
    }

    static String productVersion() {
        String v = NotifySettings.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String localHostname() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                h = "sentinel";
            }
        }
        return h;
    }
}
