package io.sentinel.store.sensor;

import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Sensors: enrolment, key rotation (epoch + 1), revocation, heartbeats, and how many are in each state. */
public final class SensorRepository {
    private static final String COLUMNS = "id, name, location, key_epoch, status, enrolled_at, rotated_at, revoked_at, "
            + "last_heartbeat, health::text AS health, previous_heartbeat, coalesce(previous_health, '{}')::text AS previous_health";

    private final Database db;

    public SensorRepository(Database db) {
        this.db = db;
    }

    /**
     * Enrols a sensor at key epoch 1.
     *
     * @return the new sensor, empty when the id is already taken (active or revoked)
     */
    public Optional<Sensor> enroll(String id, Optional<String> name, Optional<String> location) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO sensors (id, name, location) VALUES (?, ?, ?) "
                        + "ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)) {
            ps.setString(1, id);
            Sql.setString(ps, 2, name.orElse(null));
            Sql.setString(ps, 3, location.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Sensor> find(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sensors WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** All sensors, ordered by id. */
    public List<Sensor> list() throws SQLException {
        List<Sensor> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sensors ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    /** How many sensors are in each {@link SensorState} at {@code now} (every state present, 0 when none). */
    public Map<SensorState, Long> countByState(Instant now) throws SQLException {
        Map<SensorState, Long> out = new EnumMap<>(SensorState.class);
        for (SensorState st : SensorState.values()) {
            out.put(st, 0L);
        }
        for (Map.Entry<SensorState, Long> e : Sql.list(db, "SELECT " + SensorState.SQL + " AS state, count(*) AS n "
                + "FROM sensors GROUP BY 1", rs -> Map.entry(SensorState.fromWire(rs.getString("state")), rs.getLong("n")),
                now.minus(SensorState.OFFLINE_AFTER), now.minus(SensorState.ONLINE_WITHIN))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The key epoch of an active sensor; empty when unknown or revoked (the request is refused). */
    public OptionalInt activeKeyEpoch(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT key_epoch FROM sensors WHERE id = ? AND status = 'active'")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /**
     * Moves an active sensor to the next key epoch; the old key is refused from then on.
     *
     * @return the sensor with its new epoch, empty when unknown or revoked
     */
    public Optional<Sensor> rotate(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE sensors SET key_epoch = key_epoch + 1, "
                        + "rotated_at = now() WHERE id = ? AND status = 'active' RETURNING " + COLUMNS)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Revokes a sensor; returns false when it does not exist or is already revoked. */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE sensors SET status = 'revoked', revoked_at = now() "
                        + "WHERE id = ? AND status = 'active'")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records a heartbeat: time and health (a JSON object text). Heartbeats older than the
     * stored one are ignored, so a redelivered heartbeat cannot move the time backwards. The
     * heartbeat it replaces is kept as the previous one, the start of the sensor's rate window.
     */
    public boolean recordHeartbeat(String id, Instant at, String healthJson) throws SQLException {
        try (Connection c = db.connection()) {
            return recordHeartbeat(c, id, at, healthJson);
        }
    }

    /** {@link #recordHeartbeat(String, Instant, String)} on the caller's connection. */
    public boolean recordHeartbeat(Connection c, String id, Instant at, String healthJson) throws SQLException {
        // assignments read the row as it was: the previous heartbeat moves only for a strictly newer one
        try (PreparedStatement ps = c.prepareStatement("UPDATE sensors SET "
                + "previous_heartbeat = CASE WHEN last_heartbeat < ? THEN last_heartbeat ELSE previous_heartbeat END, "
                + "previous_health = CASE WHEN last_heartbeat < ? THEN health ELSE previous_health END, "
                + "last_heartbeat = ?, health = ?::jsonb WHERE id = ? AND (last_heartbeat IS NULL OR last_heartbeat <= ?)")) {
            Sql.setTime(ps, 1, at);
            Sql.setTime(ps, 2, at);
            Sql.setTime(ps, 3, at);
            ps.setString(4, healthJson);
            ps.setString(5, id);
            Sql.setTime(ps, 6, at);
            return ps.executeUpdate() == 1;
        }
    }

    private static Sensor map(ResultSet rs) throws SQLException {
        return new Sensor(
                rs.getString("id"),
                Sql.optString(rs, "name"),
                Sql.optString(rs, "location"),
                rs.getInt("key_epoch"),
                Sensor.Status.of(rs.getString("status")),
                Sql.time(rs, "enrolled_at"),
                Sql.optTime(rs, "rotated_at"),
                Sql.optTime(rs, "revoked_at"),
                Sql.optTime(rs, "last_heartbeat"),
                rs.getString("health"),
                Sql.optTime(rs, "previous_heartbeat"),
                rs.getString("previous_health"));
    }
}
