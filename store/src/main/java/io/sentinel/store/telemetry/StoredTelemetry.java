package io.sentinel.store.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sentinel.protocol.wire.TelemetryItem;

/**
 * A telemetry item as stored; serialises (with {@code Wire.mapper()}) to the item's keys plus
 * {@code id}, {@code sensor_id} and {@code batch_id}.
 */
public record StoredTelemetry(
        @JsonProperty("id") long id,
        @JsonProperty("sensor_id") String sensorId,
        @JsonProperty("batch_id") String batchId,
        @JsonUnwrapped TelemetryItem item) {}
