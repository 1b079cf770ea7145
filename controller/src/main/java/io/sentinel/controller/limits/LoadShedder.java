package io.sentinel.controller.limits;

import java.util.function.LongSupplier;

/**
 * Refuses new ingest while the queue holds more than {@code maxLag} unprocessed entries, so a slow
 * database shows up as 503 + Retry-After at the edge instead of unbounded memory or Redis growth.
 * The lag is sampled at most every {@code sampleEveryNanos} to keep the check off the hot path.
 */
public final class LoadShedder {

    private final LongSupplier lag;
    private final long maxLag;
    private final long sampleEveryNanos;
    private volatile long lastSampleNanos = Long.MIN_VALUE;
    private volatile long lastLag;

    public LoadShedder(LongSupplier lag, long maxLag, long sampleEveryNanos) {
        this.lag = lag;
        this.maxLag = maxLag;
        this.sampleEveryNanos = sampleEveryNanos;
    }

    /** True when ingest should be refused now. */
    public boolean overloaded() {
        long now = System.nanoTime();
        if (lastSampleNanos == Long.MIN_VALUE || now - lastSampleNanos >= sampleEveryNanos) {
            lastSampleNanos = now;
            try {
                lastLag = lag.getAsLong();
            } catch (RuntimeException e) {
                // the queue being unreachable is reported by /readyz and by the enqueue itself
                lastLag = 0;
            }
        }
        return lastLag > maxLag;
    }

    public long lastLag() {
        return lastLag;
    }

    public long maxLag() {
        return maxLag;
    }
}
