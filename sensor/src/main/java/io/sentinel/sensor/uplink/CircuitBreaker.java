package io.sentinel.sensor.uplink;

import java.time.Duration;

/**
 * Stops hammering a controller that keeps failing: after {@code threshold} consecutive
 * failures the circuit opens and no request is attempted for {@code openFor}; then one trial
 * request is let through (half-open): success closes the circuit, failure opens it again.
 * Time is passed in (nanoseconds from any monotonic source) so the logic is testable.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private long openedAt;
    private long opened;

    public CircuitBreaker(int threshold, Duration openFor) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be at least 1");
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
    }

    /** Nanoseconds to wait before a request may be attempted (0 = go now). */
    public synchronized long waitNanos(long now) {
        if (state != State.OPEN) return 0;
        long left = openedAt + openForNanos - now;
        if (left > 0) return left;
        state = State.HALF_OPEN;
        return 0;
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    public synchronized void onFailure(long now) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            if (state != State.OPEN) opened++;
            state = State.OPEN;
            openedAt = now;
        }
    }

    public synchronized State state() { return state; }

    public synchronized int consecutiveFailures() { return consecutiveFailures; }

    /** How many times the circuit opened. */
    public synchronized long timesOpened() { return opened; }
}
