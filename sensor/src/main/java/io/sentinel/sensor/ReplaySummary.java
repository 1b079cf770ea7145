package io.sentinel.sensor;

/**
 * What a replay did.
 *
 * @param frames         records read from the capture (all passes)
 * @param alertsOpened   distinct alerts raised
 * @param alertSnapshots alert snapshots written (opened, updated, closed)
 * @param telemetryItems device observations written
 * @param pending        spooled records not yet delivered when the replay returned
 * @param wallMillis     duration of the replay (without the final delivery wait)
 */
public record ReplaySummary(long frames, long alertsOpened, long alertSnapshots, long telemetryItems, long pending, long wallMillis) {}
