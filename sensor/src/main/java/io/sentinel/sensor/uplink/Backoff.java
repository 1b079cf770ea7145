package io.sentinel.sensor.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between
 * half and all of {@code min(max, base * 2^(n-1))}, so that many sensors coming back after the
 * same outage do not retry in lockstep.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) throw new IllegalArgumentException("bad backoff bounds");
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** Delay before the next attempt after {@code failures} consecutive failures (1, 2, ...). */
    public Duration delay(int failures) {
        long ceiling = base.toNanos();
        for (int i = 1; i < failures && ceiling < max.toNanos(); i++) ceiling *= 2;
        ceiling = Math.min(ceiling, max.toNanos());
        long half = ceiling / 2;
        return Duration.ofNanos(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
