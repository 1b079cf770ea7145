package io.sentinel.detect;

/**
 * The engine's capture clock: follows the frames' timestamps, never runs backwards, and does not
 * let one corrupt timestamp move it. A record stamped more than {@link #MAX_STEP_NANOS} ahead of
 * the clock is held as a candidate; the clock jumps there only when {@link #CONFIRMATIONS} records
 * in a row agree with it (a real pause in the capture), and an isolated outlier (a corrupt record,
 * as in captures whose writer garbled two timestamps among thousands) counts at the current time.
 * A record stamped before the clock (corrupt, or negative) counts at the current time. A capture
 * whose every record is stamped in an absurd year (55983) keeps its relative timing: the clock
 * anchors at the first record and follows the differences, whatever the absolute value.
 */
final class FrameClock {
    static final long MAX_STEP_NANOS = 10_000_000_000L;
    static final int CONFIRMATIONS = 3;

    private long now = Long.MIN_VALUE;
    private long candidate;
    private int agreeing;
    private long held;

    /** Capture time of the frame stamped {@code ts}: the clock after seeing it. */
    long advance(long ts) {
        if (now == Long.MIN_VALUE || ts <= now) {
            if (now == Long.MIN_VALUE) now = ts;
            agreeing = 0;
            return now;
        }
        if (ts - now <= MAX_STEP_NANOS && ts - now > 0) {
            now = ts;
            agreeing = 0;
            return now;
        }
        if (agreeing > 0 && Math.abs(ts - candidate) <= MAX_STEP_NANOS) {
            agreeing++;
            candidate = Math.max(candidate, ts);
        } else {
            candidate = ts;
            agreeing = 1;
        }
        if (agreeing >= CONFIRMATIONS) {
            now = candidate;
            agreeing = 0;
        } else {
            held++;
        }
        return now;
    }

    long now() { return now; }

    /** Records whose own timestamp was not taken (outliers, implausible, or awaiting confirmation). */
    long held() { return held; }
}
