package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/** Body of {@code POST /api/v1/alerts}: {@code {"batch_id","sensor_id","alerts":[...]}}. Unknown fields are refused. */
public record AlertBatch(
        @JsonProperty(value = "batch_id", required = true) String batchId,
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty(value = "alerts", required = true) @JsonSetter(nulls = Nulls.FAIL) List<AlertMessage> alerts)
        implements SensorRequest {

    /** Most alerts one batch may carry. */
    public static final int MAX_ALERTS = 5_000;

    public AlertBatch {
        alerts = alerts == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(alerts));
    }

    /** Checks ids and every alert; throws {@link InvalidMessageException} naming the field. */
    @Override
    public void validate() {
        Identifiers.requireBatchId("batch_id", batchId);
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
