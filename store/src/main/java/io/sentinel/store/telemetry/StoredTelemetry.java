package io.sentinel.store.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;

/**
 * A telemetry item as stored; serialises (with {@code Wire.mapper()}) to the item's keys plus
 * {@code id}, {@code sensor_id}, {@code batch_id} and {@code ssid_display}. As read back, the
 * item carries its SSID both as {@code ssid} (when the bytes are UTF-8) and {@code ssid_hex}.
 */
public record StoredTelemetry(
        @JsonProperty("id") long id,
        @JsonProperty("sensor_id") String sensorId,
        @JsonProperty("batch_id") String batchId,
        @JsonUnwrapped TelemetryItem item) {

    /** The SSID's display form (controls, bidi and invalid bytes escaped), absent without an SSID. */
    @JsonProperty("ssid_display")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String ssidDisplay() {
        return item.ssidValue().map(Ssid::display).orElse(null);
    }
}
