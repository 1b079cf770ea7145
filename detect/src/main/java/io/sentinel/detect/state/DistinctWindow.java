package io.sentinel.detect.state;

/**
 * Counts distinct 64-bit values (client MACs, SSID hashes ...) per tumbling window, saturating at
 * a cap so that a flood of random values costs a fixed amount of memory.
 */
public final class DistinctWindow {
    private final int cap;
    private long[] set;
    private int size;
    private long windowStart = Long.MIN_VALUE;
    private long firstInWindow;
    private int previous;
    private long events;

    public DistinctWindow(int cap) {
        this.cap = Math.max(1, cap);
        this.set = new long[16];
    }

    /** Adds a value seen at {@code now}; returns the distinct count in the current window. */
    public int add(long value, long now, long window) {
        roll(now, window);
        events++;
        if (value == 0) value = 0x9E3779B97F4A7C15L; // 0 marks empty slots
        if (size >= cap) return size;
        int mask = set.length - 1;
        int i = (int) mix(value) & mask;
        while (set[i] != 0) {
            if (set[i] == value) return size;
            i = (i + 1) & mask;
        }
        set[i] = value;
        size++;
        if (size * 2 > set.length && set.length < Integer.highestOneBit(cap * 2) * 2) grow();
        return size;
    }

    private void roll(long now, long window) {
        if (windowStart == Long.MIN_VALUE || now - windowStart >= window) {
            previous = now - windowStart < 2 * window ? size : 0;
            windowStart = now;
            firstInWindow = now;
            java.util.Arrays.fill(set, 0);
            size = 0;
            events = 0;
        }
    }

    private void grow() {
        long[] old = set;
        set = new long[old.length * 2];
        int mask = set.length - 1;
        for (long v : old) {
            if (v == 0) continue;
            int i = (int) mix(v) & mask;
            while (set[i] != 0) i = (i + 1) & mask;
            set[i] = v;
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }

    public int distinct() { return size; }

    /** Distinct count of the window before the current one (0 when it was not the adjacent one). */
    public int previous() { return previous; }

    /** Events in the current window. */
    public long events() { return events; }

    public long windowStart() { return windowStart; }

    public boolean saturated() { return size >= cap; }
}
