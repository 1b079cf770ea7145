package io.sentinel.store.queue;

import io.sentinel.protocol.wire.Identifiers;
import java.time.Instant;
import java.util.Locale;

/**
 * One accepted request on its way from the controller to the worker.
 *
 * @param kind what the payload is
 * @param sensorId the authenticated sensor
 * @param batchId the sensor's batch id (for heartbeats, any unique id: they are not deduplicated)
 * @param receivedAt when the controller accepted it
 * @param payload the validated request body as JSON text (decompressed)
 */
public record Envelope(Kind kind, String sensorId, String batchId, Instant receivedAt, String payload) {

    /** Payload kinds. */
    public enum Kind {
        TELEMETRY,
        ALERTS,
        HEARTBEAT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public Envelope {
        if (kind == null || receivedAt == null || payload == null) {
            throw new IllegalArgumentException("kind, received_at and payload are required");
        }
        if (!Identifiers.isSensorId(sensorId)) {
            throw new IllegalArgumentException("bad sensor id");
        }
        if (!Identifiers.isBatchId(batchId)) {
            throw new IllegalArgumentException("bad batch id");
        }
    }

    /** The key under which duplicates are recognised; heartbeats are never deduplicated. */
    public String dedupKey() {
        return sensorId + "/" + batchId;
    }

    /**
     * True for alerts and heartbeats: they travel in the urgent lane of the queue, read before
     * telemetry, so a telemetry backlog does not delay an alert.
     */
    public boolean urgent() {
        return kind != Kind.TELEMETRY;
    }

    /** True for kinds whose (sensor, batch id) is accepted only once. */
    public boolean deduplicated() {
        return kind != Kind.HEARTBEAT;
    }
}
