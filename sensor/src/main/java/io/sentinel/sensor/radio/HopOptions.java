package io.sentinel.sensor.radio;

import java.time.Duration;

/**
 * Channel hopping timing.
 *
 * @param dwell    time spent listening on a channel (the mean, in adaptive mode)
 * @param settle   time after a channel change before frames are credited to the new channel
 *                 (the radio retunes; frames caught meanwhile may still be from the old one)
 * @param adaptive weight each channel's dwell by its recent activity
 * @param minDwell lower bound of an adaptive dwell (every channel keeps being visited)
 * @param maxDwell upper bound of an adaptive dwell
 * @param memory   weight of history in the activity average (0..1; 0.7 = recent visits matter most)
 */
public record HopOptions(Duration dwell, Duration settle, boolean adaptive, Duration minDwell, Duration maxDwell, double memory) {

    public HopOptions {
        if (dwell.isNegative() || dwell.isZero()) throw new IllegalArgumentException("dwell must be positive");
        if (settle.isNegative()) throw new IllegalArgumentException("settle must not be negative");
        if (minDwell.compareTo(maxDwell) > 0) throw new IllegalArgumentException("min dwell above max dwell");
        if (memory < 0 || memory >= 1) throw new IllegalArgumentException("memory must be in [0, 1)");
    }

    /** 250 ms dwell, 10 ms settle, fixed. */
    public static HopOptions defaults() {
        return new HopOptions(Duration.ofMillis(250), Duration.ofMillis(10), false, Duration.ofMillis(100),
                Duration.ofMillis(1000), 0.7);
    }

    public HopOptions adaptive(boolean on) {
        return new HopOptions(dwell, settle, on, minDwell, maxDwell, memory);
    }
}
