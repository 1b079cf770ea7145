package io.sentinel.detect;

/**
 * Receives alert snapshots from the {@link DetectionEngine}. Every snapshot of one alert carries
 * the same id; {@link Phase#CLOSED} is the final state (sent once per alert, also on flush).
 */
@FunctionalInterface
public interface AlertSink {

    enum Phase { OPENED, UPDATED, CLOSED }

    void accept(Alert alert, Phase phase);

    /** A sink that drops everything (benchmarks). */
    static AlertSink discard() { return (a, p) -> { }; }
}
