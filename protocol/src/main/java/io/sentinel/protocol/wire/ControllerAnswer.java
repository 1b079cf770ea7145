package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * What the controller answers a sensor. Read by the sensor with
 * {@link Wire#readAnswer(int, byte[])}; unlike requests, answers tolerate keys they do not know,
 * so that a newer controller can add to them without breaking older sensors.
 */
public sealed interface ControllerAnswer extends WireMessage {

    /** {@code 202 {"status":"accepted","ack_id":...}}: the batch is queued and will be stored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"status", "ack_id"})
    record Accepted(@JsonProperty(value = "ack_id", required = true) String ackId) implements ControllerAnswer {
        public static final String STATUS = "accepted";

        @JsonProperty("status")
        public String status() {
            return STATUS;
        }
    }

    /** {@code 200 {"status":"duplicate"}}: this (sensor, batch id) was accepted before. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Duplicate() implements ControllerAnswer {
        public static final String STATUS = "duplicate";

        @JsonProperty("status")
        public String status() {
            return STATUS;
        }
    }

    /**
     * {@code 200 {"status":"ok","server_time":...,"clock_offset_ms":...}}: the heartbeat is
     * queued; the controller's clock when it was received, and the sensor's clock minus it
     * when the heartbeat said when it was sent; and the fleet configuration version the sensor
     * should run, absent when the controller has none (a sensor that runs another version
     * fetches it with a {@link ConfigReport}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"status", "server_time", "clock_offset_ms", "config_version"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HeartbeatAnswer(
            @JsonProperty(value = "server_time", required = true) Instant serverTime,
            @JsonProperty("clock_offset_ms") Long clockOffsetMs,
            @JsonProperty("config_version") Integer configVersion) implements ControllerAnswer {
        public static final String STATUS = "ok";

        /** An answer that says nothing of the fleet configuration. */
        public HeartbeatAnswer(Instant serverTime, Long clockOffsetMs) {
            this(serverTime, clockOffsetMs, null);
        }

        @JsonProperty("status")
        public String status() {
            return STATUS;
        }
    }

    /**
     * {@code 200 {"status":"current","version":N}} when the sensor already runs version N, or
     * {@code 200 {"status":"config","version":N,"config":{...}}} with the configuration to apply;
     * {@code version} is absent when the controller has no fleet configuration yet.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"status", "version", "config"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConfigAnswer(
            @JsonProperty(value = "status", required = true) String status,
            @JsonProperty("version") Integer version,
            @JsonProperty("config") io.sentinel.protocol.fleet.SensorConfig config) implements ControllerAnswer {
        public static final String CURRENT = "current", CONFIG = "config";
    }

    /**
     * {@code 201 {"sensor_id","key","key_epoch"}}: the answer to an enrolment or a key rotation,
     * carrying the sensor's key once (64 hex characters). {@link #toString()} leaves the key out.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"sensor_id", "key", "key_epoch"})
    record SensorKey(
            @JsonProperty(value = "sensor_id", required = true) String sensorId,
            @JsonProperty(value = "key", required = true) String key,
            @JsonProperty(value = "key_epoch", required = true) int keyEpoch) implements ControllerAnswer {
        @Override
        public String toString() {
            return "SensorKey[sensorId=" + sensorId + ", keyEpoch=" + keyEpoch + "]";
        }
    }

    /**
     * Every 4xx and 5xx: {@code {"error","detail","field"?}}, {@code field} naming the offending
     * JSON path of a refused body.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"error", "detail", "field"})
    record Refusal(
            @JsonProperty(value = "error", required = true) String error,
            @JsonProperty("detail") String detail,
            @JsonProperty("field") @JsonInclude(JsonInclude.Include.NON_NULL) String field) implements ControllerAnswer {}
}
