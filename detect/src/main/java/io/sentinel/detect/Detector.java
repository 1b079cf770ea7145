package io.sentinel.detect;

import io.sentinel.wifi.Frame;

/**
 * One detection: sees the frames of the subtypes its {@link DetectorSpec} declares, keeps bounded
 * state keyed by entities, and reports {@link Finding}s. Time is {@code now}, the capture time the
 * engine derives from the frames (never the wall clock). The frame is a reused flyweight: copy
 * what you keep. Not thread-safe; the engine calls it from one thread.
 */
public interface Detector {

    DetectorSpec spec();

    void onFrame(Frame frame, long now, Findings out);

    /** Called about once per second of capture time: expire state, close pending decisions. */
    default void onTick(long now, Findings out) { }

    /**
     * The operator's monitored networks changed while the detector runs. A detector that uses
     * them only as a lookup takes the new list and returns true, keeping its state (a flood in
     * progress stays counted); the default, false, has the engine build the detector anew.
     */
    default boolean monitoredChanged(java.util.List<MonitoredNetwork> networks) { return false; }

    /** Entries held in this detector's tables (for memory-bound tests and stats). */
    default long stateSize() { return 0; }
}
