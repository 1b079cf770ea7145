package io.sentinel.controller.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by caller (a sensor id or a token hash): {@code ratePerSecond} refill,
 * {@code burst} capacity. The map of buckets is bounded; the least recently used is dropped
 * (a dropped caller simply starts again with a full bucket).
 */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public RateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one token for {@code key}.
     *
     * @return 0 when allowed, else the whole seconds (>= 1) after which a token will be there
     */
    public synchronized long acquire(String key) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.updatedNanos) * ratePerNano);
        b.updatedNanos = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        double missingNanos = (1 - b.tokens) / ratePerNano;
        return Math.max(1, (long) Math.ceil(missingNanos / 1e9));
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }
}
