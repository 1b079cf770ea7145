package io.sentinel.store.fleet;

import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The versioned fleet configuration and what sensors report of it. A save appends a version;
 * saves are serialised by a table lock so that "save on top of version N" is checked and done
 * in one step.
 */
public final class FleetRepository {

    /** The save was made on top of a version that is no longer the newest. */
    public static final class StaleBase extends Exception {
        private final int current;

        StaleBase(int expected, int current) {
            super("the configuration is at version " + current + ", not " + expected + "; reload and apply your change again");
            this.current = current;
        }

        public int current() { return current; }
    }

    private final Database db;

    public FleetRepository(Database db) {
        this.db = db;
    }

    public Connection connection() throws SQLException {
        return db.connection();
    }

    /** The newest version, if any was ever saved. */
    public Optional<FleetVersion> current() throws SQLException {
        try (Connection c = db.connection()) {
            return one(c, "SELECT * FROM fleet_config_versions ORDER BY version DESC LIMIT 1", null);
        }
    }

    public Optional<FleetVersion> version(int version) throws SQLException {
        try (Connection c = db.connection()) {
            return one(c, "SELECT * FROM fleet_config_versions WHERE version = ?", version);
        }
    }

    /** Versions older than {@code before} (all when absent), newest first. */
    public List<FleetVersion> versions(OptionalInt before, int limit) throws SQLException {
        int n = Sql.limit(limit, 50, 500);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM fleet_config_versions WHERE version < ? ORDER BY version DESC LIMIT ?")) {
            ps.setInt(1, before.orElse(Integer.MAX_VALUE));
            ps.setInt(2, n);
            List<FleetVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        }
    }

    /**
     * Appends a version on the caller's transaction (commit it with the audit row).
     *
     * @param base the version the change was made on, checked against the newest; absent: no check
     * @return the new version number
     */
    public int save(Connection c, FleetDocument document, OptionalInt base, String createdBy, Optional<String> comment,
                    OptionalInt rollbackOf, Instant at) throws SQLException, StaleBase {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE fleet_config_versions IN SHARE ROW EXCLUSIVE MODE");
        }
        int current;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM fleet_config_versions")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (base.isPresent() && base.getAsInt() != current) throw new StaleBase(base.getAsInt(), current);
        int next = current + 1;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fleet_config_versions "
                + "(version, document, created_at, created_by, comment, rollback_of) VALUES (?, ?::jsonb, ?, ?, ?, ?)")) {
            ps.setInt(1, next);
            ps.setString(2, Wire.writeString(document));
            Sql.setTime(ps, 3, at);
            ps.setString(4, createdBy);
            Sql.setString(ps, 5, comment.orElse(null));
            if (rollbackOf.isPresent()) ps.setInt(6, rollbackOf.getAsInt()); else ps.setNull(6, java.sql.Types.INTEGER);
            ps.executeUpdate();
        }
        return next;
    }

    /** Records what a sensor reports; a report without a result keeps the previous outcome. */
    public void recordReport(String sensorId, OptionalInt applied, Optional<String> result, OptionalInt refused,
                             Optional<String> error, Instant at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sensor_config_state AS s (sensor_id, applied_version, result, refused_version, error, reported_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sensor_id) DO UPDATE SET "
                        + "applied_version = excluded.applied_version, "
                        + "result = coalesce(excluded.result, s.result), "
                        + "refused_version = CASE WHEN excluded.result IS NULL THEN s.refused_version ELSE excluded.refused_version END, "
                        + "error = CASE WHEN excluded.result IS NULL THEN s.error ELSE excluded.error END, "
                        + "reported_at = excluded.reported_at")) {
            ps.setString(1, sensorId);
            setInt(ps, 2, applied);
            Sql.setString(ps, 3, result.orElse(null));
            setInt(ps, 4, refused);
            Sql.setString(ps, 5, error.orElse(null));
            Sql.setTime(ps, 6, at);
            ps.executeUpdate();
        }
    }

    public List<SensorConfigState> states() throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM sensor_config_state ORDER BY sensor_id")) {
            List<SensorConfigState> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new SensorConfigState(rs.getString("sensor_id"), optInt(rs, "applied_version"),
                        Optional.ofNullable(rs.getString("result")), optInt(rs, "refused_version"),
                        Optional.ofNullable(rs.getString("error")), Sql.time(rs, "reported_at")));
            }
            return out;
        }
    }

    /**
     * Learn mode: SSIDs whose BSSIDs were first heard at least {@code steadyFor} before
     * {@code now} and heard again within {@code stillHeard} of it, with the BSSIDs that qualify.
     * Hidden networks and SSIDs that are not text are left out.
     */
    public List<LearnedNetwork> learned(Instant now, Duration steadyFor, Duration stillHeard, int limit) throws SQLException {
        int n = Sql.limit(limit, 200, 1000);
        String sql = "SELECT n.ssid, array_agg(n.bssid::text ORDER BY n.bssid) AS bssids, "
                + "array_agg(DISTINCT n.channel) FILTER (WHERE n.channel IS NOT NULL) AS channels, "
                + "array_agg(DISTINCT n.security) FILTER (WHERE n.security IS NOT NULL) AS securities, "
                + "min(n.first_seen) AS first_seen, max(n.last_seen) AS last_seen, "
                + "(SELECT count(DISTINCT ns.sensor_id) FROM network_sensors ns WHERE ns.bssid = ANY (array_agg(n.bssid))) AS sensors "
                + "FROM networks n WHERE n.ssid IS NOT NULL AND n.ssid <> '' AND coalesce(n.hidden, false) = false "
                + "AND n.ssid_bytes IS NOT NULL AND octet_length(n.ssid_bytes) BETWEEN 1 AND 32 "
                + "AND convert_to(n.ssid, 'UTF8') = n.ssid_bytes "
                + "AND n.first_seen <= ? AND n.last_seen >= ? "
                + "GROUP BY n.ssid ORDER BY count(*) DESC, n.ssid LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setTime(ps, 1, now.minus(steadyFor));
            Sql.setTime(ps, 2, now.minus(stillHeard));
            ps.setInt(3, n);
            List<LearnedNetwork> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LearnedNetwork(rs.getString("ssid"), strings(rs.getArray("bssids")),
                            ints(rs.getArray("channels")), strings(rs.getArray("securities")),
                            Sql.time(rs, "first_seen"), Sql.time(rs, "last_seen"), rs.getInt("sensors")));
                }
            }
            return out;
        }
    }

    /**
     * Every BSSID the inventory has seen serving one of {@code ssids} (SSIDs that are plain text:
     * the display form equals the bytes), with how many sensors hear it, newest first per SSID.
     */
    public List<ObservedBss> observed(List<String> ssids, int limit) throws SQLException {
        if (ssids.isEmpty()) return List.of();
        int n = Sql.limit(limit, 5000, 20_000);
        String sql = "SELECT n.bssid::text AS bssid, n.ssid, n.channel, n.security, n.vendor, n.first_seen, n.last_seen, "
                + "(SELECT count(*) FROM network_sensors ns WHERE ns.bssid = n.bssid) AS sensors "
                + "FROM networks n WHERE n.ssid = ANY (?) AND n.ssid_bytes = convert_to(n.ssid, 'UTF8') "
                + "ORDER BY n.ssid, n.last_seen DESC, n.bssid LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ssids.toArray()));
            ps.setInt(2, n);
            List<ObservedBss> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ch = rs.getInt("channel");
                    Optional<Integer> channel = rs.wasNull() ? Optional.empty() : Optional.of(ch);
                    out.add(new ObservedBss(rs.getString("bssid"), rs.getString("ssid"), channel,
                            Optional.ofNullable(rs.getString("security")), Optional.ofNullable(rs.getString("vendor")),
                            Sql.time(rs, "first_seen"), Sql.time(rs, "last_seen"), rs.getInt("sensors")));
                }
            }
            return out;
        }
    }

    private static Optional<FleetVersion> one(Connection c, String sql, Integer arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) ps.setInt(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static FleetVersion row(ResultSet rs) throws SQLException {
        FleetDocument doc = Wire.read(rs.getString("document").getBytes(StandardCharsets.UTF_8), FleetDocument.class);
        return new FleetVersion(rs.getInt("version"), doc, Sql.time(rs, "created_at"), rs.getString("created_by"),
                Optional.ofNullable(rs.getString("comment")), optInt(rs, "rollback_of"));
    }

    private static OptionalInt optInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private static void setInt(PreparedStatement ps, int i, OptionalInt v) throws SQLException {
        if (v.isPresent()) ps.setInt(i, v.getAsInt()); else ps.setNull(i, java.sql.Types.INTEGER);
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) return List.of();
        Object[] v = (Object[]) a.getArray();
        return Arrays.stream(v).map(String::valueOf).toList();
    }

    private static List<Integer> ints(Array a) throws SQLException {
        if (a == null) return List.of();
        Object[] v = (Object[]) a.getArray();
        return Arrays.stream(v).map(o -> ((Number) o).intValue()).sorted().toList();
    }
}
