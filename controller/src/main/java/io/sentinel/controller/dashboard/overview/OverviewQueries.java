package io.sentinel.controller.dashboard.overview;

import io.sentinel.controller.dashboard.alerts.AlertFilter;
import io.sentinel.controller.dashboard.alerts.AlertQueries;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Numbers and series of the overview page. */
public final class OverviewQueries {

    /** A sensor counts as online when its last heartbeat is at most this old. */
    public static final Duration ONLINE_WITHIN = Duration.ofSeconds(120);

    private final Sql sql;

    public OverviewQueries(Sql sql) {
        this.sql = sql;
    }

    /** The cards at the top of the overview ({@code openBySeverity}: open alerts seen in the last 24 hours). */
    public record Stats(long sensorsOnline, long sensorsOffline, Map<String, Long> openBySeverity, long openTotal,
                        long networksSeen24h, double ingestItemsPerSecond) {

        /** The open total, "10,000+" beyond the count cap. */
        public String openTotalText() {
            return openTotal > AlertQueries.COUNT_CAP ? String.format(java.util.Locale.ROOT, "%,d+", AlertQueries.COUNT_CAP)
                    : Long.toString(openTotal);
        }
    }

    /** A network attacked in the last 24 hours. */
    public record Attacked(String bssid, UntrustedText ssid, long alerts, String worstSeverity, Instant lastSeen) {}

    public Stats stats(Instant now) {
        long[] sensors = sql.one("SELECT count(*) FILTER (WHERE last_heartbeat >= ?), count(*) FROM sensors WHERE status = 'active'",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, now.minus(ONLINE_WITHIN)).orElse(new long[2]);
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (String s : AlertFilter.SEVERITIES) {
            bySeverity.put(s, 0L);
        }
        // by severity: open alerts active in the last 24 h (an index range); the total: every open alert
        sql.list("SELECT severity, count(*) FROM alerts WHERE last_seen >= ? AND status = 'open' GROUP BY severity",
                rs -> bySeverity.put(rs.getString(1), rs.getLong(2)), now.minus(Duration.ofHours(24)));
        long[] total = {sql.count("SELECT count(*) FROM (SELECT 1 FROM alerts WHERE status = 'open' LIMIT ?) capped",
                AlertQueries.COUNT_CAP + 1)};
        long networks = sql.count("SELECT count(*) FROM networks WHERE last_seen >= ?", now.minus(Duration.ofHours(24)));
        long items = sql.count("SELECT coalesce(sum(items), 0) FROM ingest_batches WHERE stored_at >= ?", now.minus(Duration.ofMinutes(5)));
        return new Stats(sensors[0], sensors[1] - sensors[0], bySeverity, total[0], networks, items / 300.0);
    }

    public List<Attacked> topAttacked(Instant now, int limit) {
        return sql.list("SELECT bssid, max(ssid) AS ssid, count(*) AS n, "
                + "max(CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END) AS worst, "
                + "max(last_seen) AS last FROM alerts WHERE last_seen >= ? AND bssid IS NOT NULL "
                + "GROUP BY bssid ORDER BY n DESC, last DESC LIMIT ?",
                rs -> new Attacked(rs.getString("bssid"), UntrustedText.of(rs.getString("ssid")), rs.getLong("n"),
                        severityName(rs.getInt("worst")), Sql.instant(rs, "last")),
                now.minus(Duration.ofHours(24)), limit);
    }

    /** Alerts raised per hour over the last 24 hours, one series per severity. */
    public ChartData severityOverTime(Instant now) {
        List<ChartData.Point> points = sql.list(
                "SELECT extract(epoch FROM date_bin('1 hour', first_seen, TIMESTAMPTZ '2000-01-01 00:00:00+00'))::bigint, severity, count(*) "
                        + "FROM alerts WHERE last_seen >= ? AND first_seen >= ? GROUP BY 1, 2",
                rs -> new ChartData.Point(rs.getLong(1), rs.getString(2), (double) rs.getLong(3)),
                now.minus(Duration.ofHours(24)), now.minus(Duration.ofHours(24)));
        return ChartData.counts(points, AlertFilter.SEVERITIES, "alerts / hour",
                now.minus(Duration.ofHours(23)).getEpochSecond(), now.getEpochSecond(), 3600);
    }

    /** Items stored per minute over the last hour, one series per kind (telemetry, alerts, heartbeat). */
    public ChartData ingestRate(Instant now) {
        List<ChartData.Point> points = sql.list(
                "SELECT extract(epoch FROM date_bin('1 minute', stored_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'))::bigint, kind, sum(items) "
                        + "FROM ingest_batches WHERE stored_at >= ? GROUP BY 1, 2",
                rs -> new ChartData.Point(rs.getLong(1), rs.getString(2), (double) rs.getLong(3)),
                now.minus(Duration.ofHours(1)));
        return ChartData.counts(points, List.of("telemetry", "alerts", "heartbeat"), "items / min",
                now.minus(Duration.ofMinutes(59)).getEpochSecond(), now.getEpochSecond(), 60);
    }

    static String severityName(int rank) {
        return switch (rank) {
            case 5 -> "critical";
            case 4 -> "high";
            case 3 -> "medium";
            case 2 -> "low";
            default -> "info";
        };
    }
}
