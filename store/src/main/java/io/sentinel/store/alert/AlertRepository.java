package io.sentinel.store.alert;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Cursor;
import io.sentinel.store.Database;
import io.sentinel.store.Keyset;
import io.sentinel.store.Page;
import io.sentinel.store.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts: storing sensor reports and queries with keyset pagination. Every change adds a history
 * row. Acknowledging, resolving and reopening are {@link AlertLifecycle}'s; the dashboard's lists
 * are {@link AlertReadRepository}'s; which alert a new report joins (cross-sensor correlation) is
 * decided by the worker's correlation step, which finds candidates with
 * {@link #lockOpenAlertOfOtherSensors}.
 *
 * <p>Each sensor's report (its own stable alert id) is kept in {@code alert_reports}. A report
 * whose id is new joins the alert it is given, or the alert of the same id, or starts a new alert
 * under its own id. An alert's count is the sum of its reports' counts (saturating at the largest
 * {@code bigint}; each report's count is at most 2^53 - 1, so the sum of any realistic number of
 * reports is exact), its confidence the noisy-OR of each sensor's confidence
 * ({@code 1 - prod(1 - c)}), its times the envelope of the reports' times, its severity the
 * highest reported. Reports are cumulative: a redelivered or re-sent report never lowers its
 * count or moves its last time backwards.
 */
public final class AlertRepository {
    // alerts written before migration V5 without ssid_bytes had valid UTF-8 text
    static final String COLUMNS = "id, type, severity, confidence, first_seen, last_seen, count, bssid, ssid, "
            + "coalesce(ssid_bytes, convert_to(ssid, 'UTF8')) AS ssid_bytes, "
            + "source, target, channel, reasons, mitre, evidence::text AS evidence, summary, sensor_id, sensor_ids, "
            + "status, acknowledged_by, acknowledged_at, resolved_by, resolved_at, comment, created_at, updated_at";

    private final Database db;

    public AlertRepository(Database db) {
        this.db = db;
    }

    /** Stores one reported alert on the caller's connection (inside its transaction), joining no other alert. */
    public UpsertOutcome upsert(Connection c, String sensorId, AlertMessage a) throws SQLException {
        return upsert(c, sensorId, a, Optional.empty());
    }

    /**
     * Stores one reported alert on the caller's connection (inside its transaction).
     *
     * @param join the alert a new report joins (locked by the caller in this transaction), as found
     *     by the correlation step; ignored for a report stored before or whose id is an alert's
     */
    public UpsertOutcome upsert(Connection c, String sensorId, AlertMessage a, Optional<String> join)
            throws SQLException {
        String alertId = null;
        UpsertOutcome.Event event;
        boolean knownReport = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, count, last_seen, confidence FROM alert_reports "
                + "WHERE sensor_id = ? AND report_id = ? FOR UPDATE")) {
            ps.setString(1, sensorId);
            ps.setString(2, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    knownReport = true;
                    alertId = rs.getString(1);
                    long count = rs.getLong(2);
                    Instant last = Sql.time(rs, "last_seen");
                    double conf = rs.getFloat(4);
                    if (a.count() <= count && !a.lastSeen().isAfter(last) && (float) a.confidence() <= conf) {
                        return new UpsertOutcome(alertId, UpsertOutcome.Event.UNCHANGED);
                    }
                }
            }
        }
        if (knownReport) {
            event = UpsertOutcome.Event.UPDATED;
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_reports SET count = greatest(count, ?), "
                    + "last_seen = greatest(last_seen, ?), first_seen = least(first_seen, ?), "
                    + "confidence = greatest(confidence, ?) WHERE sensor_id = ? AND report_id = ?")) {
                ps.setLong(1, a.count());
                Sql.setTime(ps, 2, a.lastSeen());
                Sql.setTime(ps, 3, a.firstSeen());
                ps.setFloat(4, (float) a.confidence());
                ps.setString(5, sensorId);
                ps.setString(6, a.id());
                ps.executeUpdate();
            }
        } else {
            alertId = lockExisting(c, a.id());
            if (alertId != null) {
                event = UpsertOutcome.Event.MERGED;
            } else {
                alertId = join.orElse(null);
                event = alertId != null ? UpsertOutcome.Event.MERGED : UpsertOutcome.Event.CREATED;
            }
            if (alertId == null) {
                alertId = a.id();
                insertAlert(c, sensorId, a);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_reports (sensor_id, report_id, alert_id, "
                    + "confidence, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, sensorId);
                ps.setString(2, a.id());
                ps.setString(3, alertId);
                ps.setFloat(4, (float) a.confidence());
                ps.setLong(5, a.count());
                Sql.setTime(ps, 6, a.firstSeen());
                Sql.setTime(ps, 7, a.lastSeen());
                ps.executeUpdate();
            }
        }
        boolean reopened = refresh(c, alertId, a);
        if (reopened) {
            event = UpsertOutcome.Event.REOPENED;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("report_id", a.id());
        detail.put("count", a.count());
        detail.put("confidence", a.confidence());
        detail.put("last_seen", io.sentinel.protocol.wire.EpochTime.toSeconds(a.lastSeen()));
        history(c, alertId, event.name().toLowerCase(java.util.Locale.ROOT), "sensor:" + sensorId, detail);
        return new UpsertOutcome(alertId, event);
    }

    private static String lockExisting(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * True when neither this sensor's report nor an alert of its id is stored: only such a report
     * can join another alert.
     */
    public boolean isNewReport(Connection c, String sensorId, String reportId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM alert_reports "
                + "WHERE sensor_id = ? AND report_id = ?) AND NOT EXISTS (SELECT 1 FROM alerts WHERE id = ?)")) {
            ps.setString(1, sensorId);
            ps.setString(2, reportId);
            ps.setString(3, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * The most recently seen alert of {@code type} on {@code bssid} that is not resolved, was
     * reported by other sensors than {@code exceptSensor} only, and was seen between {@code from}
     * and {@code until} (its times overlap that span); locked for update in the caller's
     * transaction.
     */
    public Optional<String> lockOpenAlertOfOtherSensors(Connection c, String type, String bssid, String exceptSensor,
            Instant from, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE type = ? AND bssid = ? "
                + "AND status <> 'resolved' AND last_seen >= ? AND first_seen <= ? AND NOT (? = ANY (sensor_ids)) "
                + "ORDER BY last_seen DESC, id LIMIT 1 FOR UPDATE")) {
            ps.setString(1, type);
            ps.setString(2, bssid);
            Sql.setTime(ps, 3, from);
            Sql.setTime(ps, 4, until);
            ps.setString(5, exceptSensor);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void insertAlert(Connection c, String sensorId, AlertMessage a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (id, type, severity, confidence, first_seen, "
                + "last_seen, count, bssid, ssid, source, target, channel, reasons, mitre, evidence, summary, "
                + "sensor_id, sensor_ids, ssid_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.type());
            ps.setString(3, a.severity());
            ps.setFloat(4, (float) a.confidence());
            Sql.setTime(ps, 5, a.firstSeen());
            Sql.setTime(ps, 6, a.lastSeen());
            ps.setLong(7, a.count());
            Sql.setString(ps, 8, a.bssid());
            Sql.setString(ps, 9, a.ssidValue().map(Ssid::display).orElse(null));
            Sql.setString(ps, 10, a.source());
            Sql.setString(ps, 11, a.target());
            Sql.setInt(ps, 12, a.channel());
            ps.setArray(13, c.createArrayOf("text", a.reasons().toArray()));
            ps.setArray(14, c.createArrayOf("text", a.mitre().toArray()));
            ps.setString(15, Wire.writeString(a.evidence()));
            ps.setString(16, a.summary() == null ? "" : a.summary());
            ps.setString(17, sensorId);
            ps.setArray(18, c.createArrayOf("text", new String[] {sensorId}));
            ps.setBytes(19, a.ssidValue().map(Ssid::bytes).orElse(null));
            ps.executeUpdate();
        }
    }

    /** Recomputes the alert from its reports and the newest report's text; true when it reopened. */
    private static boolean refresh(Connection c, String alertId, AlertMessage a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH per_sensor AS (
                    SELECT sensor_id, max(confidence) AS conf, sum(count) AS cnt,
                           min(first_seen) AS fs, max(last_seen) AS ls
                      FROM alert_reports WHERE alert_id = ? GROUP BY sensor_id
                ), agg AS (
                    SELECT sum(cnt) AS cnt, min(fs) AS fs, max(ls) AS ls,
                           1 - exp(sum(ln(greatest(1e-9, 1 - conf::float8)))) AS conf,
                           array_agg(sensor_id ORDER BY fs, sensor_id) AS sensors
                      FROM per_sensor
                ), old AS (
                    SELECT status AS old_status FROM alerts WHERE id = ?
                )
                UPDATE alerts AS al SET
                    count = least(agg.cnt, 9223372036854775807),
                    first_seen = agg.fs,
                    last_seen = agg.ls,
                    confidence = least(1.0, greatest(0.0, agg.conf)),
                    sensor_ids = agg.sensors,
                    severity = CASE WHEN array_position(ARRAY['info','low','medium','high','critical'], ?)
                                        > array_position(ARRAY['info','low','medium','high','critical'], al.severity)
                                    THEN ? ELSE al.severity END,
                    ssid = coalesce(al.ssid, ?),
                    ssid_bytes = coalesce(al.ssid_bytes, ?),
                    source = coalesce(al.source, ?),
                    target = coalesce(al.target, ?),
                    channel = coalesce(al.channel, ?),
                    reasons = ARRAY(SELECT DISTINCT unnest(al.reasons || ?::text[]) ORDER BY 1),
                    mitre = ARRAY(SELECT DISTINCT unnest(al.mitre || ?::text[]) ORDER BY 1),
                    evidence = ?::jsonb,
                    summary = coalesce(nullif(?, ''), al.summary),
                    status = CASE WHEN al.status = 'resolved' AND agg.ls > al.resolved_at THEN 'open' ELSE al.status END,
                    updated_at = now()
                  FROM agg, old
                 WHERE al.id = ?
                RETURNING (old.old_status = 'resolved' AND al.status = 'open') AS reopened
                """)) {
            int i = 1;
            ps.setString(i++, alertId);
            ps.setString(i++, alertId);
            ps.setString(i++, a.severity());
            ps.setString(i++, a.severity());
            Sql.setString(ps, i++, a.ssidValue().map(Ssid::display).orElse(null));
            ps.setBytes(i++, a.ssidValue().map(Ssid::bytes).orElse(null));
            Sql.setString(ps, i++, a.source());
            Sql.setString(ps, i++, a.target());
            Sql.setInt(ps, i++, a.channel());
            ps.setArray(i++, c.createArrayOf("text", a.reasons().toArray()));
            ps.setArray(i++, c.createArrayOf("text", a.mitre().toArray()));
            ps.setString(i++, Wire.writeString(a.evidence()));
            ps.setString(i++, a.summary() == null ? "" : a.summary());
            ps.setString(i, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void history(Connection c, String alertId, String event, String actor, Map<String, ?> detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_history (alert_id, event, actor, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, alertId);
            ps.setString(2, event);
            ps.setString(3, actor);
            ps.setString(4, Wire.writeString(detail));
            ps.executeUpdate();
        }
    }

    /** A page of alerts, most recently seen first. Default 100, at most 1000. */
    public Page<Alert> query(AlertQuery q) throws SQLException {
        return Keyset.newestFirst("last_seen", "id", "")
                .filter(q.type(), "type = ?")
                .filter(q.severity(), "severity = ?")
                .filter(q.status().map(Alert.Status::dbValue), "status = ?")
                .filter(q.sensorId(), "sensor_ids @> ARRAY[?]::text[]")
                .filter(q.bssid(), "bssid = ?")
                .filter(q.since(), "last_seen >= ?")
                .filter(q.until(), "last_seen < ?")
                .after(q.cursor(), key -> key)
                .page(db, "SELECT " + COLUMNS + " FROM alerts", Sql.limit(q.limit(), 100, 1000), AlertRepository::map,
                        a -> new Cursor(a.lastSeen(), a.id()));
    }

    /** One alert. */
    public Optional<Alert> find(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The alert's history, oldest first. */
    public List<AlertHistoryEntry> history(String id) throws SQLException {
        List<AlertHistoryEntry> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT id, at, event, actor, detail::text AS detail "
                        + "FROM alert_history WHERE alert_id = ? ORDER BY id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertHistoryEntry(rs.getLong("id"), Sql.time(rs, "at"), rs.getString("event"),
                            rs.getString("actor"), rs.getString("detail")));
                }
            }
        }
        return out;
    }

    /** Number of alerts (tests and dashboards). */
    public long count() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM alerts");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Alert map(ResultSet rs) throws SQLException {
        float conf = rs.getFloat("confidence");
        return new Alert(
                rs.getString("id"),
                rs.getString("type"),
                rs.getString("severity"),
                Double.parseDouble(Float.toString(conf)),
                Sql.time(rs, "first_seen"),
                Sql.time(rs, "last_seen"),
                rs.getLong("count"),
                Sql.optString(rs, "bssid"),
                Sql.optString(rs, "ssid"),
                Optional.ofNullable(rs.getBytes("ssid_bytes")).map(Ssid::of),
                Sql.optString(rs, "source"),
                Sql.optString(rs, "target"),
                Sql.optInt(rs, "channel"),
                strings(rs.getArray("reasons")),
                strings(rs.getArray("mitre")),
                rs.getString("evidence"),
                rs.getString("summary"),
                rs.getString("sensor_id"),
                strings(rs.getArray("sensor_ids")),
                Alert.Status.parse(rs.getString("status")),
                Sql.optString(rs, "acknowledged_by"),
                Sql.optTime(rs, "acknowledged_at"),
                Sql.optString(rs, "resolved_by"),
                Sql.optTime(rs, "resolved_at"),
                Sql.optString(rs, "comment"),
                Sql.time(rs, "created_at"),
                Sql.time(rs, "updated_at"));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
