package io.sentinel.sensor;

import java.time.Duration;

/**
 * How a capture file is replayed.
 *
 * @param speed        1.0 = the capture's own pace, 10 = ten times faster; 0 = as fast as possible
 * @param loops        how many times the file is played (each pass shifted in time after the previous one)
 * @param drainTimeout how long {@link SensorRuntime#replay} waits, after the last frame, for the
 *                     spool to be delivered to the controller
 */
public record ReplayOptions(double speed, int loops, Duration drainTimeout) {

    public ReplayOptions {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be >= 0");
        if (loops < 1) throw new IllegalArgumentException("loops must be >= 1");
    }

    /** As fast as possible, once, up to 60 s to deliver. */
    public static ReplayOptions asFastAsPossible() {
        return new ReplayOptions(0, 1, Duration.ofSeconds(60));
    }

    public static ReplayOptions atSpeed(double speed) {
        return new ReplayOptions(speed, 1, Duration.ofSeconds(60));
    }

    public ReplayOptions withLoops(int n) {
        return new ReplayOptions(speed, n, drainTimeout);
    }

    public ReplayOptions withDrainTimeout(Duration d) {
        return new ReplayOptions(speed, loops, d);
    }
}
