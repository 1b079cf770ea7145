package io.sentinel.detect;

/** Where detectors report what they found (implemented by the engine's alert tracker). */
public interface Findings {

    /**
     * Opens a new alert or grows the open one with the same type and merge key.
     *
     * @return the alert key, to pass to {@link #extend} for the frames that follow
     */
    String report(Finding finding);

    /**
     * Grows the open alert with this key by {@code frames} evidence frames seen at {@code nowNanos}
     * without building a {@link Finding}; false when that alert is no longer open (after a quiet
     * gap), in which case the detector reports a full finding again.
     */
    boolean extend(String alertKey, long nowNanos, long frames);
}
