package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * Body of {@code POST /api/v1/telemetry}: {@code {"batch_id","sensor_id","items":[...]}}.
 * Unknown fields are refused.
 */
public record TelemetryBatch(
        @JsonProperty(value = "batch_id", required = true) String batchId,
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty(value = "items", required = true) @JsonSetter(nulls = Nulls.FAIL) List<TelemetryItem> items)
        implements SensorRequest {

    /** Most items one batch may carry. */
    public static final int MAX_ITEMS = 20_000;

    public TelemetryBatch {
        items = items == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    /** Checks ids and every item; throws {@link InvalidMessageException} naming the field. */
    @Override
    public void validate() {
        Identifiers.requireBatchId("batch_id", batchId);
        Identifiers.requireSensorId("sensor_id", sensorId);
        if (items.size() > MAX_ITEMS) {
            throw new InvalidMessageException("items", "more than " + MAX_ITEMS + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            TelemetryItem item = items.get(i);
            if (item == null) {
                throw new InvalidMessageException("items[" + i + "]", "null item");
            }
            try {
                item.validateFields();
            } catch (InvalidMessageException e) {
                throw e.within("items[" + i + "]");
            }
        }
    }
}
