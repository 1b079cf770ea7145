package io.sentinel.store.alert;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.Database;
import io.sentinel.store.OffsetPage;
import io.sentinel.store.SeriesPoint;
import io.sentinel.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's reads of alerts: the filtered, sorted, numbered list; the newest alerts and
 * those created since a moment (the live feed); a BSSID's alerts; each sensor's reports of one
 * alert; the overview's counts and series. Every filter is a bound parameter and every shape of
 * query stays on an index of the schema (checked with 100,000 alerts by the dashboard benchmark).
 */
public final class AlertReadRepository {

    private static final String COLUMNS = "id, type, severity, status, confidence, first_seen, last_seen, count, bssid, "
            + "ssid, source, target, channel, sensor_id, summary";
    /** An alert created this long before a poll still reaches the live feed (its transaction may commit late). */
    public static final Duration LIVE_LOOKBACK = Duration.ofSeconds(30);

    private final Database db;

    public AlertReadRepository(Database db) {
        this.db = db;
    }

    /**
     * A numbered page of alerts. Filters on type, severity, status, BSSID and time use their
     * {@code (x, last_seen, id)} indexes; the SSID search goes through the networks' SSID (then
     * alerts by BSSID) plus a scan of the last 24 hours of alerts; severity order concatenates one
     * index range per severity; the count stops at {@link OffsetPage#COUNT_CAP}.
     *
     * @param now the reference for the SSID search's 24-hour scan
     */
    public OffsetPage<AlertSummary> list(AlertListQuery q, int pageSize, Instant now) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        q.type().ifPresent(v -> filter(where, params, " AND type = ?", v));
        q.severity().ifPresent(v -> filter(where, params, " AND severity = ?", v));
        q.status().ifPresent(v -> filter(where, params, " AND status = ?", v.dbValue()));
        q.sensorId().ifPresent(v -> filter(where, params, " AND sensor_ids @> ARRAY[?]::text[]", v));
        if (q.text().isPresent()) {
            String text = q.text().get();
            String lower = text.toLowerCase(Locale.ROOT);
            if (Identifiers.isMac(lower)) {
                filter(where, params, " AND bssid = ?", lower);
            } else {
                filter(where, params, " AND id = ANY(?)", idsMatchingSsid(text, now).toArray(String[]::new));
            }
        }
        q.since().ifPresent(v -> filter(where, params, " AND last_seen >= ?", v));
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(OffsetPage.COUNT_CAP + 1);
        long total = Sql.count(db, "SELECT count(*) FROM (SELECT 1 FROM alerts" + where + " LIMIT ?) capped",
                countParams.toArray());
        int page = OffsetPage.clampPage(q.page());
        long offset = OffsetPage.offset(page, pageSize);
        String query;
        List<Object> p = new ArrayList<>();
        if (q.order() == AlertListQuery.Order.SEVERITY && q.severity().isEmpty()) {
            // one index range per severity, concatenated in rank order: no sort of the whole table
            List<String> order = new ArrayList<>(AlertMessage.SEVERITIES);
            if (!q.ascending()) {
                Collections.reverse(order);
            }
            StringBuilder union = new StringBuilder();
            for (String sev : order) {
                if (!union.isEmpty()) {
                    union.append(" UNION ALL ");
                }
                union.append("(SELECT " + COLUMNS + " FROM alerts" + where
                        + " AND severity = ? ORDER BY last_seen DESC, id DESC LIMIT ?)");
                p.addAll(params);
                p.add(sev);
                p.add(offset + pageSize);
            }
            query = "SELECT * FROM (" + union + ") u LIMIT ? OFFSET ?";
        } else {
            String dir = q.ascending() ? " ASC" : " DESC";
            String inverse = q.ascending() ? " DESC" : " ASC";
            String order = switch (q.order()) {
                // (type, last_seen DESC, id DESC) is the index order; descending scans it backwards
                case TYPE -> " ORDER BY type" + dir + ", last_seen" + inverse + ", id" + inverse;
                case LAST_SEEN, SEVERITY -> " ORDER BY last_seen" + dir + ", id" + dir;
            };
            query = "SELECT " + COLUMNS + " FROM alerts" + where + order + " LIMIT ? OFFSET ?";
            p.addAll(params);
        }
        p.add(pageSize);
        p.add(offset);
        return new OffsetPage<>(Sql.list(db, query, AlertReadRepository::summary, p.toArray()), total, page, pageSize);
    }

    private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
        where.append(condition);
        params.add(value);
    }

    /**
     * Ids of alerts whose network's SSID (inventory) or own SSID (last 24 hours) contains
     * {@code text}: ids first, rows by primary key afterwards, since one statement would let the
     * planner walk the whole last_seen index.
     */
    private List<String> idsMatchingSsid(String text, Instant now) throws SQLException {
        String like = Sql.containing(text);
        return Sql.list(db, "SELECT a.id FROM networks n JOIN alerts a ON a.bssid = n.bssid::text "
                + "WHERE n.ssid ILIKE ? ESCAPE '\\' UNION SELECT id FROM alerts WHERE last_seen >= ? AND ssid ILIKE ? "
                + "ESCAPE '\\' LIMIT " + (OffsetPage.COUNT_CAP + 1), rs -> rs.getString(1), like,
                now.minus(Duration.ofHours(24)), like);
    }

    /** The most recently seen alerts, newest first. */
    public List<AlertSummary> latest(int limit) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM alerts ORDER BY last_seen DESC, id DESC LIMIT ?",
                AlertReadRepository::summary, limit);
    }

    /** Alerts created at or after {@code since}, oldest first (the live feed). */
    public List<AlertSummary> createdSince(Instant since, int limit) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM alerts WHERE created_at >= ? ORDER BY created_at, id LIMIT ?",
                AlertReadRepository::summary, since, limit);
    }

    /** The newest creation time at or after {@code since}, empty when no alert was created since then. */
    public Optional<Instant> newestCreatedSince(Instant since) throws SQLException {
        return Sql.one(db, "SELECT max(created_at) AS newest FROM alerts WHERE created_at >= ?",
                rs -> Sql.time(rs, "newest"), since).filter(t -> t != null);
    }

    /** The database's clock: the live feed's first watermark, comparable with {@code created_at}. */
    public Instant databaseNow() throws SQLException {
        return Sql.one(db, "SELECT now() AS now", rs -> Sql.time(rs, "now")).orElseThrow();
    }

    /** The alerts of one BSSID, newest first. */
    public List<AlertSummary> forBssid(String bssid, int limit) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM alerts WHERE bssid = ? ORDER BY last_seen DESC, id DESC LIMIT ?",
                AlertReadRepository::summary, bssid, limit);
    }

    /** Each sensor's reports merged into an alert, in the order they began. */
    public List<AlertReport> reports(String alertId, int limit) throws SQLException {
        return Sql.list(db, "SELECT sensor_id, report_id, confidence, count, first_seen, last_seen FROM alert_reports "
                + "WHERE alert_id = ? ORDER BY first_seen, sensor_id LIMIT ?",
                rs -> new AlertReport(rs.getString("sensor_id"), rs.getString("report_id"),
                        Sql.optDouble(rs, "confidence").orElse(0.0), rs.getLong("count"), Sql.time(rs, "first_seen"),
                        Sql.time(rs, "last_seen")), alertId, limit);
    }

    /** Open alerts seen since {@code since}, per severity (every severity present, 0 when none). */
    public Map<String, Long> openBySeverity(Instant since) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = AlertMessage.SEVERITIES.size() - 1; i >= 0; i--) {
            out.put(AlertMessage.SEVERITIES.get(i), 0L);
        }
        for (Map.Entry<String, Long> e : Sql.list(db, "SELECT severity, count(*) AS n FROM alerts WHERE last_seen >= ? "
                + "AND status = 'open' GROUP BY severity", rs -> Map.entry(rs.getString(1), rs.getLong(2)), since)) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Every open alert, counted up to {@link OffsetPage#COUNT_CAP} + 1. */
    public long openTotal() throws SQLException {
        return Sql.count(db, "SELECT count(*) FROM (SELECT 1 FROM alerts WHERE status = 'open' LIMIT ?) capped",
                OffsetPage.COUNT_CAP + 1);
    }

    /** The BSSIDs with most alerts seen since {@code since}. */
    public List<AttackedNetwork> mostAttacked(Instant since, int limit) throws SQLException {
        return Sql.list(db, "SELECT bssid, max(ssid) AS ssid, count(*) AS n, "
                + "max(array_position(ARRAY['info','low','medium','high','critical'], severity)) AS worst, "
                + "max(last_seen) AS last FROM alerts WHERE last_seen >= ? AND bssid IS NOT NULL "
                + "GROUP BY bssid ORDER BY n DESC, last DESC LIMIT ?",
                rs -> new AttackedNetwork(rs.getString("bssid"), Sql.optString(rs, "ssid"), rs.getLong("n"),
                        AlertMessage.SEVERITIES.get(rs.getInt("worst") - 1), Sql.time(rs, "last")), since, limit);
    }

    /** Alerts raised (first seen) per hour since {@code since}, one series per severity. */
    public List<SeriesPoint> raisedPerHour(Instant since) throws SQLException {
        return Sql.list(db, "SELECT date_bin('1 hour', first_seen, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, "
                + "severity, count(*) AS n FROM alerts WHERE last_seen >= ? AND first_seen >= ? GROUP BY 1, 2",
                rs -> new SeriesPoint(Sql.time(rs, "bucket"), rs.getString("severity"), rs.getLong("n")), since, since);
    }

    static AlertSummary summary(ResultSet rs) throws SQLException {
        return new AlertSummary(rs.getString("id"), rs.getString("type"), rs.getString("severity"),
                Alert.Status.parse(rs.getString("status")), Sql.optDouble(rs, "confidence").orElse(0.0),
                Sql.time(rs, "first_seen"), Sql.time(rs, "last_seen"), rs.getLong("count"), Sql.optString(rs, "bssid"),
                Sql.optString(rs, "ssid"), Sql.optString(rs, "source"), Sql.optString(rs, "target"),
                Sql.optInt(rs, "channel"), rs.getString("sensor_id"), rs.getString("summary"));
    }
}
