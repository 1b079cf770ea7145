package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/sensor-config}: what configuration the sensor runs and how its last
 * attempt to apply one ended. The controller records it and answers with the configuration the
 * sensor should run ({@link ControllerAnswer.ConfigAnswer}).
 *
 * @param sensorId the sensor
 * @param appliedVersion the fleet version the sensor runs, absent when it runs none (local files only)
 * @param result {@value #APPLIED} or {@value #REFUSED}: the outcome of its last attempt; absent when it made none
 * @param refusedVersion the version it refused, with {@code error} saying why
 * @param error why it refused {@code refusedVersion}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigReport(
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty("applied_version") Integer appliedVersion,
        @JsonProperty("result") String result,
        @JsonProperty("refused_version") Integer refusedVersion,
        @JsonProperty("error") String error) implements SensorRequest {

    public static final String APPLIED = "applied", REFUSED = "refused";

    @Override
    public void validate() {
        Identifiers.requireSensorId("sensor_id", sensorId);
        if (appliedVersion != null && appliedVersion < 1) throw new InvalidMessageException("applied_version", "must be >= 1");
        if (refusedVersion != null && refusedVersion < 1) throw new InvalidMessageException("refused_version", "must be >= 1");
        if (result != null && !result.equals(APPLIED) && !result.equals(REFUSED)) {
            throw new InvalidMessageException("result", "must be \"applied\" or \"refused\"");
        }
        if (REFUSED.equals(result) && refusedVersion == null) {
            throw new InvalidMessageException("refused_version", "required when result is \"refused\"");
        }
        WireText.require("error", error, 1000);
    }
}
