package io.sentinel.store.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.Heartbeat;
import io.sentinel.protocol.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a sensor is doing, as the API ({@code state}) and the dashboard both say it. Decided by
 * the sensor's status, the age of its last heartbeat and what that heartbeat says it captures:
 *
 * <table>
 * <caption>sensor states</caption>
 * <tr><th>state</th><th>when</th></tr>
 * <tr><td>{@code online}</td><td>last heartbeat at most {@link #ONLINE_WITHIN} old, capturing (live or a replay in progress)</td></tr>
 * <tr><td>{@code replay_finished}</td><td>last heartbeat at most {@link #ONLINE_WITHIN} old from a sensor whose replay reached the end of its capture file: connected, hears nothing more</td></tr>
 * <tr><td>{@code stale}</td><td>last heartbeat older than {@link #ONLINE_WITHIN}, at most {@link #OFFLINE_AFTER}</td></tr>
 * <tr><td>{@code offline}</td><td>last heartbeat older than {@link #OFFLINE_AFTER}</td></tr>
 * <tr><td>{@code never_seen}</td><td>enrolled, no heartbeat yet</td></tr>
 * <tr><td>{@code revoked}</td><td>its key was revoked</td></tr>
 * </table>
 */
public enum SensorState {
    ONLINE,
    REPLAY_FINISHED,
    STALE,
    OFFLINE,
    NEVER_SEEN,
    REVOKED;

    /** A heartbeat at most this old means the sensor is connected (sensors send one every 30 s by default). */
    public static final Duration ONLINE_WITHIN = Duration.ofMinutes(2);
    /** A heartbeat older than this means the sensor is offline; in between it is stale. */
    public static final Duration OFFLINE_AFTER = Duration.ofMinutes(10);

    /** The lower-case name used by the API and the dashboard. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states in which the sensor's heartbeats are current. */
    public boolean connected() {
        return this == ONLINE || this == REPLAY_FINISHED;
    }

    /** The state of {@code s} at {@code now}. */
    public static SensorState of(Sensor s, Instant now) {
        if (!s.active()) {
            return REVOKED;
        }
        if (s.lastHeartbeat().isEmpty()) {
            return NEVER_SEEN;
        }
        Duration age = Duration.between(s.lastHeartbeat().get(), now);
        if (age.compareTo(OFFLINE_AFTER) > 0) {
            return OFFLINE;
        }
        if (age.compareTo(ONLINE_WITHIN) > 0) {
            return STALE;
        }
        return Heartbeat.CAPTURE_REPLAY_FINISHED.equals(capture(s.healthJson())) ? REPLAY_FINISHED : ONLINE;
    }

    /**
     * The same rule in SQL over a row of {@code sensors}, for counting in the database; its two
     * parameters are {@code now - OFFLINE_AFTER} and {@code now - ONLINE_WITHIN}.
     */
    static final String SQL = "CASE WHEN status <> 'active' THEN 'revoked' "
            + "WHEN last_heartbeat IS NULL THEN 'never_seen' "
            + "WHEN last_heartbeat < ? THEN 'offline' "
            + "WHEN last_heartbeat < ? THEN 'stale' "
            + "WHEN health->>'capture' = '" + Heartbeat.CAPTURE_REPLAY_FINISHED + "' THEN 'replay_finished' "
            + "ELSE 'online' END";

    /** Parses a name written by {@link #wire()}. */
    static SensorState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static String capture(String healthJson) {
        try {
            JsonNode h = Wire.mapper().readTree(healthJson == null ? "{}" : healthJson);
            return h != null && h.hasNonNull("capture") ? h.get("capture").asText() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
