package io.sentinel.sensor.spool;

import java.time.Duration;

/**
 * Bounds and durability of a {@link TelemetrySpool}.
 *
 * @param maxSegmentBytes a segment file is closed and a new one started beyond this size
 * @param maxTotalBytes   total size of all segments; beyond it the oldest segments are dropped
 * @param fsync           when appended records are forced to the disk
 * @param fsyncInterval   the period of {@link FsyncPolicy#INTERVAL}
 */
public record SpoolOptions(long maxSegmentBytes, long maxTotalBytes, FsyncPolicy fsync, Duration fsyncInterval) {

    /** Largest single record (payload) the spool accepts. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    public SpoolOptions {
        if (maxSegmentBytes < 1024) throw new IllegalArgumentException("spool segment size must be at least 1 KiB");
        if (maxTotalBytes < 2 * maxSegmentBytes)
            throw new IllegalArgumentException("spool size must be at least two segments (" + 2 * maxSegmentBytes + " bytes)");
        if (fsync == null) throw new IllegalArgumentException("fsync policy missing");
        if (fsyncInterval == null || fsyncInterval.isNegative()) fsyncInterval = Duration.ofSeconds(1);
    }

    /** 4 MiB segments, 256 MiB in all, fsync at most once a second. */
    public static SpoolOptions defaults() {
        return new SpoolOptions(4L << 20, 256L << 20, FsyncPolicy.INTERVAL, Duration.ofSeconds(1));
    }

    public SpoolOptions withMaxTotalBytes(long bytes) {
        return new SpoolOptions(Math.min(maxSegmentBytes, bytes / 2), bytes, fsync, fsyncInterval);
    }

    public SpoolOptions withFsync(FsyncPolicy policy) {
        return new SpoolOptions(maxSegmentBytes, maxTotalBytes, policy, fsyncInterval);
    }
}
