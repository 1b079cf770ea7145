package io.sentinel.sensor.evidence;

import java.time.Duration;

/**
 * How much raw capture the sensor keeps for evidence and how much evidence it may produce.
 *
 * @param enabled         whether alerts produce evidence files at all
 * @param preTrigger      capture time kept before an alert opens (the ring's age bound)
 * @param ringBytes       bytes of raw frames the ring holds at most (its size bound; the older of the two bounds wins)
 * @param postTrigger     capture time recorded after the alert opened
 * @param maxBytesPerAlert size of one evidence file at most (frames beyond are left out and counted)
 * @param maxPerMinute    evidence files started per minute of capture time at most (more alerts get none)
 * @param maxConcurrent   evidence files being recorded at once at most
 * @param maxDiskBytes    bytes of evidence waiting on disk for delivery at most (the oldest is dropped beyond)
 */
public record EvidenceOptions(boolean enabled, Duration preTrigger, long ringBytes, Duration postTrigger, long maxBytesPerAlert,
        int maxPerMinute, int maxConcurrent, long maxDiskBytes) {

    /** Largest evidence file: it must fit one spool record with room for the record header. */
    public static final long MAX_FILE_BYTES = 15L << 20;

    public EvidenceOptions {
        if (preTrigger.isNegative() || postTrigger.isNegative()) throw new IllegalArgumentException("evidence windows must not be negative");
        if (ringBytes < 64 * 1024 || ringBytes > 1L << 30) throw new IllegalArgumentException("evidence ring must be 64 KiB .. 1 GiB");
        if (maxBytesPerAlert < 4096 || maxBytesPerAlert > MAX_FILE_BYTES)
            throw new IllegalArgumentException("evidence per alert must be 4 KiB .. " + (MAX_FILE_BYTES >> 20) + " MiB");
        if (maxPerMinute < 1) throw new IllegalArgumentException("evidence per minute must be at least 1");
        if (maxConcurrent < 1) throw new IllegalArgumentException("concurrent evidence captures must be at least 1");
        if (maxDiskBytes < 2 * maxBytesPerAlert) throw new IllegalArgumentException("evidence disk bound must hold at least two files");
    }

    /**
     * 10 s before and after, 4 MiB ring, 2 MiB per alert, 6 per minute, 3 at once, 256 MiB on disk:
     * at most about 20 MiB of heap (ring, three files being built and one being copied out), within
     * the 48 MiB heap of the sensor's service unit.
     */
    public static EvidenceOptions defaults() {
        return new EvidenceOptions(true, Duration.ofSeconds(10), 4L << 20, Duration.ofSeconds(10), 2L << 20, 6, 3, 256L << 20);
    }

    public static EvidenceOptions disabled() {
        return new EvidenceOptions(false, Duration.ofSeconds(10), 4L << 20, Duration.ofSeconds(10), 2L << 20, 6, 3, 256L << 20);
    }

    public EvidenceOptions withWindows(Duration pre, Duration post) {
        return new EvidenceOptions(enabled, pre, ringBytes, post, maxBytesPerAlert, maxPerMinute, maxConcurrent, maxDiskBytes);
    }

    public EvidenceOptions withRingBytes(long bytes) {
        return new EvidenceOptions(enabled, preTrigger, bytes, postTrigger, maxBytesPerAlert, maxPerMinute, maxConcurrent, maxDiskBytes);
    }

    public EvidenceOptions withLimits(long perAlert, int perMinute, int concurrent, long disk) {
        return new EvidenceOptions(enabled, preTrigger, ringBytes, postTrigger, perAlert, perMinute, concurrent, disk);
    }
}
