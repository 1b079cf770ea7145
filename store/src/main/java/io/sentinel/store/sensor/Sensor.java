package io.sentinel.store.sensor;

import java.time.Instant;
import java.util.Optional;

/**
 * An enrolled sensor. The controller keeps its key epoch, never its key.
 *
 * @param healthJson the last heartbeat's health as a JSON object text ({@code {}} before any)
 * @param previousHeartbeat when the heartbeat before the last one arrived
 * @param previousHealthJson that heartbeat's health ({@code {}} when there is none)
 */
public record Sensor(
        String id,
        Optional<String> name,
        Optional<String> location,
        int keyEpoch,
        Status status,
        Instant enrolledAt,
        Optional<Instant> rotatedAt,
        Optional<Instant> revokedAt,
        Optional<Instant> lastHeartbeat,
        String healthJson,
        Optional<Instant> previousHeartbeat,
        String previousHealthJson) {

    /** Lifecycle of a sensor. */
    public enum Status {
        ACTIVE,
        REVOKED;

        public String dbValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String db) {
            return valueOf(db.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
