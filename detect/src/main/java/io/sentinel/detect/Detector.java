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

    /** Entries held in this detector's tables (for memory-bound tests and stats). */
    default long stateSize() { return 0; }
}
