package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of {@code POST /api/v1/alerts}: {@code {"batch_id","sensor_id","alerts":[...]}}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AlertBatch(
        @JsonProperty(value = "batch_id", required = true) String batchId,
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty(value = "alerts", required = true) List<AlertMessage> alerts) {

    /** Most alerts one batch may carry. */
    public static final int MAX_ALERTS = 5_000;

    public AlertBatch {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** Checks ids and every alert; throws {@link InvalidMessageException} naming the field. */
    public void validate() {
        if (!Identifiers.isBatchId(batchId)) {
            throw new InvalidMessageException("batch_id", "must match [A-Za-z0-9._:-]{1,128}");
        }
        Identifiers.requireSensorId("sensor_id", sensorId);
        if (alerts.size() > MAX_ALERTS) {
            throw new InvalidMessageException("alerts", "more than " + MAX_ALERTS + " alerts");
        }
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i) == null) {
                throw new InvalidMessageException("alerts[" + i + "]", "null alert");
            }
            alerts.get(i).validate("alerts[" + i + "]");
        }
    }
}
