package io.sentinel.controller.dashboard.alerts;

import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The alert reads of the dashboard. Every filter is a bound parameter; sorts come from a fixed list. */
public final class AlertQueries {

    static final String COLUMNS = "id, type, severity, status, confidence, first_seen, last_seen, count, bssid, ssid, "
            + "source, target, channel, sensor_id, summary";
    private static final String MAC = "([0-9a-f]{2}:){5}[0-9a-f]{2}";

    /** Counts stop here: beyond it the page says "more than". */
    public static final int COUNT_CAP = 10_000;

    private final Sql sql;

    public AlertQueries(Sql sql) {
        this.sql = sql;
    }

    /** A page of results with the total number of matches. */
    public record Page<T>(List<T> rows, long total, int page, int pageSize) {
        /** Pages of results, at most {@link AlertFilter#MAX_PAGE}. */
        public int pages() {
            return (int) Math.min(AlertFilter.MAX_PAGE, Math.max(1, (total + pageSize - 1) / pageSize));
        }

        public boolean hasNext() {
            return page < pages();
        }

        /** True when the count stopped at the cap. */
        public boolean capped() {
            return total > COUNT_CAP;
        }

        /** "1,234" or "more than 10,000". */
        public String totalText() {
            return capped() ? String.format(java.util.Locale.ROOT, "more than %,d", COUNT_CAP)
                    : String.format(java.util.Locale.ROOT, "%,d", total);
        }
    }

    /**
     * A page of alerts. Every shape of query stays on an index of the schema: filters on
     * type, severity, status, BSSID and time use their (x, last_seen, id) indexes; the SSID
     * search goes through the networks' SSID (then alerts by BSSID) plus a scan of the last
     * 24 hours; severity order is a concatenation of one index range per severity; counts
     * stop at {@link #COUNT_CAP}.
     */
    public Page<AlertRow> list(AlertFilter f, Instant now) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (!f.type().isEmpty()) {
            where.append(" AND type = ?");
            params.add(f.type());
        }
        if (!f.severity().isEmpty()) {
            where.append(" AND severity = ?");
            params.add(f.severity());
        }
        if (!f.status().isEmpty()) {
            where.append(" AND status = ?");
            params.add(f.status());
        }
        if (!f.sensor().isEmpty()) {
            where.append(" AND sensor_ids @> ARRAY[?]::text[]");
            params.add(f.sensor());
        }
        if (!f.q().isEmpty()) {
            String q = f.q().toLowerCase(Locale.ROOT);
            if (q.matches(MAC)) {
                where.append(" AND bssid = ?");
                params.add(q);
            } else {
                // ids first (networks by SSID then their alerts by BSSID, recent alerts by their own SSID), then rows by primary key:
                // one statement would let the planner walk the whole last_seen index
                String like = "%" + likeEscape(f.q()) + "%";
                List<String> ids = sql.list("SELECT a.id FROM networks n JOIN alerts a ON a.bssid = n.bssid::text "
                        + "WHERE n.ssid ILIKE ? ESCAPE '\\' UNION SELECT id FROM alerts WHERE last_seen >= ? AND ssid ILIKE ? ESCAPE '\\' "
                        + "LIMIT " + (COUNT_CAP + 1), rs -> rs.getString(1), like, now.minus(Duration.ofHours(24)), like);
                where.append(" AND id = ANY(?)");
                params.add(ids.toArray(String[]::new));
            }
        }
        Duration window = AlertFilter.WINDOWS.get(f.window());
        if (window != null) {
            where.append(" AND last_seen >= ?");
            params.add(now.minus(window));
        }
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(COUNT_CAP + 1);
        long total = sql.count("SELECT count(*) FROM (SELECT 1 FROM alerts" + where + " LIMIT ?) capped", countParams.toArray());
        int offset = (f.page() - 1) * AlertFilter.PAGE_SIZE;
        String query;
        List<Object> p = new ArrayList<>();
        if (f.sort().equals("severity") && f.severity().isEmpty()) {
            // one index range per severity, concatenated in rank order: no sort of the whole table
            List<String> order = new ArrayList<>(AlertFilter.SEVERITIES);
            if (f.ascending()) {
                java.util.Collections.reverse(order);
            }
            StringBuilder union = new StringBuilder();
            for (String sev : order) {
                if (!union.isEmpty()) {
                    union.append(" UNION ALL ");
                }
                union.append("(SELECT " + COLUMNS + " FROM alerts" + where + " AND severity = ? ORDER BY last_seen DESC, id DESC LIMIT ?)");
                p.addAll(params);
                p.add(sev);
                p.add(offset + AlertFilter.PAGE_SIZE);
            }
            query = "SELECT * FROM (" + union + ") u LIMIT ? OFFSET ?";
        } else {
            String dir = f.ascending() ? " ASC" : " DESC";
            String inverse = f.ascending() ? " DESC" : " ASC";
            String order = switch (f.sort()) {
                // (type, last_seen DESC, id DESC) is the index order; descending scans it backwards
                case "type" -> " ORDER BY type" + dir + ", last_seen" + inverse + ", id" + inverse;
                default -> " ORDER BY last_seen" + dir + ", id" + dir;
            };
            query = "SELECT " + COLUMNS + " FROM alerts" + where + order + " LIMIT ? OFFSET ?";
            p.addAll(params);
        }
        p.add(AlertFilter.PAGE_SIZE);
        p.add(offset);
        List<AlertRow> rows = sql.list(query, AlertQueries::row, p.toArray());
        return new Page<>(rows, total, f.page(), AlertFilter.PAGE_SIZE);
    }

    /** The most recently created alerts, newest first. */
    public List<AlertRow> latest(int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM alerts ORDER BY last_seen DESC, id DESC LIMIT ?", AlertQueries::row, limit);
    }

    /** Alerts created at or after {@code since} (the live feed). */
    public List<AlertRow> createdSince(Instant since, int limit) {
        return sql.list("SELECT " + COLUMNS + ", created_at FROM alerts WHERE created_at >= ? ORDER BY created_at, id LIMIT ?",
                AlertQueries::row, since, limit);
    }

    public List<AlertRow> forBssid(String bssid, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM alerts WHERE bssid = ? ORDER BY last_seen DESC, id DESC LIMIT ?",
                AlertQueries::row, bssid, limit);
    }

    public Optional<AlertDetail> find(String id) {
        Optional<AlertDetail> base = sql.one("SELECT " + COLUMNS + ", reasons, mitre, evidence::text AS evidence_json, "
                + "sensor_ids, acknowledged_by, acknowledged_at, resolved_by, resolved_at, comment FROM alerts WHERE id = ?",
                rs -> new AlertDetail(row(rs), strings(rs.getArray("reasons")), strings(rs.getArray("mitre")),
                        rs.getString("evidence_json"), strings(rs.getArray("sensor_ids")), rs.getString("acknowledged_by"),
                        Sql.instant(rs, "acknowledged_at"), rs.getString("resolved_by"), Sql.instant(rs, "resolved_at"),
                        rs.getString("comment"), List.of(), List.of()), id);
        if (base.isEmpty()) {
            return base;
        }
        List<AlertDetail.Report> reports = sql.list("SELECT sensor_id, report_id, confidence, count, first_seen, last_seen "
                + "FROM alert_reports WHERE alert_id = ? ORDER BY first_seen, sensor_id LIMIT 500",
                rs -> new AlertDetail.Report(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getLong(4),
                        Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen")), id);
        List<AlertDetail.HistoryEntry> history = sql.list("SELECT at, event, actor, detail::text FROM alert_history "
                + "WHERE alert_id = ? ORDER BY id LIMIT 500",
                rs -> new AlertDetail.HistoryEntry(Sql.instant(rs, "at"), rs.getString(2), rs.getString(3), rs.getString(4)), id);
        AlertDetail d = base.get();
        return Optional.of(new AlertDetail(d.alert(), d.reasons(), d.mitre(), d.evidenceJson(), d.sensorIds(),
                d.acknowledgedBy(), d.acknowledgedAt(), d.resolvedBy(), d.resolvedAt(), d.comment(), reports, history));
    }

    static AlertRow row(ResultSet rs) throws SQLException {
        int channel = rs.getInt("channel");
        Integer ch = rs.wasNull() ? null : channel;
        return new AlertRow(rs.getString("id"), rs.getString("type"), rs.getString("severity"), rs.getString("status"),
                rs.getDouble("confidence"), Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen"), rs.getLong("count"),
                rs.getString("bssid"), UntrustedText.of(rs.getString("ssid")), rs.getString("source"), rs.getString("target"),
                ch, rs.getString("sensor_id"), UntrustedText.of(rs.getString("summary")));
    }

    static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
