package io.sentinel.sensor.telemetry;

import io.sentinel.protocol.wire.TelemetryItem;
import java.time.Instant;
import java.util.List;

/**
 * The devices of one aggregation interval, ready to send.
 *
 * @param start          capture time the interval starts (inclusive)
 * @param end            capture time it ends (exclusive)
 * @param items          one item per device (privacy already applied)
 * @param frames         frames counted in the interval
 * @param overflowFrames frames of devices not tracked because the interval already held the
 *                       maximum number of devices
 */
public record TelemetryInterval(Instant start, Instant end, List<TelemetryItem> items, long frames, long overflowFrames) {}
