package io.sentinel.controller.dashboard.networks;

import io.sentinel.controller.dashboard.alerts.AlertQueries.Page;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The network inventory reads. */
public final class NetworkQueries {

    public static final String MAC = "([0-9a-f]{2}:){5}[0-9a-f]{2}";

    /** One BSSID with what the sensors hear of it. */
    public record NetworkRow(String bssid, UntrustedText ssid, String security, Integer channel, Integer freqMhz,
                             UntrustedText vendor, Instant firstSeen, Instant lastSeen, long sensors, Double bestRssi) {}

    /** What one sensor last heard of a network. */
    public record Hearing(String sensorId, UntrustedText sensorName, Integer rssiMin, Double rssiAvg, Integer rssiMax, Instant lastSeen) {}

    private final Sql sql;

    public NetworkQueries(Sql sql) {
        this.sql = sql;
    }

    public Page<NetworkRow> list(NetworkFilter f) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (!f.q().isEmpty()) {
            String q = f.q().toLowerCase(Locale.ROOT);
            if (q.matches(MAC)) {
                where.append(" AND bssid = ?::macaddr");
                params.add(q);
            } else {
                where.append(" AND ssid ILIKE ? ESCAPE '\\'");
                params.add("%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (!f.security().isEmpty()) {
            where.append(" AND security = ?");
            params.add(f.security());
        }
        if (f.channel() != null) {
            where.append(" AND channel = ?");
            params.add(f.channel());
        }
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(io.sentinel.controller.dashboard.alerts.AlertQueries.COUNT_CAP + 1);
        long total = sql.count("SELECT count(*) FROM (SELECT 1 FROM networks" + where + " LIMIT ?) capped", countParams.toArray());
        String dir = f.ascending() ? " ASC" : " DESC";
        // (last_seen|ssid|security, ..., bssid) and the primary key are the schema's indexes
        String order = switch (f.sort()) {
            case "bssid" -> " ORDER BY bssid" + dir;
            case "ssid" -> " ORDER BY ssid" + dir + ", last_seen" + (f.ascending() ? " DESC" : " ASC") + ", bssid" + (f.ascending() ? " DESC" : " ASC");
            default -> " ORDER BY " + NetworkFilter.SORTS.get(f.sort()) + dir + ", bssid" + dir;
        };
        List<Object> p = new ArrayList<>(params);
        p.add(NetworkFilter.PAGE_SIZE);
        p.add((long) (f.page() - 1) * NetworkFilter.PAGE_SIZE);
        List<NetworkRow> rows = sql.list("SELECT n.*, s.sensors, s.best FROM (SELECT bssid, ssid, security, channel, freq_mhz, vendor, "
                + "first_seen, last_seen FROM networks" + where + order + " LIMIT ? OFFSET ?) n "
                + "LEFT JOIN LATERAL (SELECT count(*) AS sensors, max(rssi_avg) AS best FROM network_sensors ns WHERE ns.bssid = n.bssid) s ON true"
                + order, NetworkQueries::row, p.toArray());
        return new Page<>(rows, total, f.page(), NetworkFilter.PAGE_SIZE);
    }

    public Optional<NetworkRow> find(String bssid) {
        return sql.one("SELECT n.*, (SELECT count(*) FROM network_sensors ns WHERE ns.bssid = n.bssid) AS sensors, "
                + "(SELECT max(rssi_avg) FROM network_sensors ns WHERE ns.bssid = n.bssid) AS best FROM networks n WHERE bssid = ?::macaddr",
                NetworkQueries::row, bssid);
    }

    public List<Hearing> hearings(String bssid) {
        return sql.list("SELECT ns.sensor_id, s.name, ns.rssi_min, ns.rssi_avg, ns.rssi_max, ns.last_seen FROM network_sensors ns "
                + "LEFT JOIN sensors s ON s.id = ns.sensor_id WHERE ns.bssid = ?::macaddr ORDER BY ns.rssi_avg DESC NULLS LAST LIMIT 200",
                rs -> new Hearing(rs.getString(1), UntrustedText.of(rs.getString(2)), intOrNull(rs, 3),
                        rs.getObject(4) == null ? null : rs.getDouble(4), intOrNull(rs, 5), Sql.instant(rs, "last_seen")), bssid);
    }

    /** Average RSSI per 5 minutes per sensor over {@code window}, from the telemetry of the AP. */
    public ChartData rssiOverTime(String bssid, Instant now, Duration window) {
        List<ChartData.Point> points = sql.list(
                "SELECT extract(epoch FROM date_bin('5 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00'))::bigint, sensor_id, avg(rssi_avg) "
                        + "FROM telemetry WHERE bssid = ?::macaddr AND time >= ? AND rssi_avg IS NOT NULL GROUP BY 1, 2",
                rs -> new ChartData.Point(rs.getLong(1), rs.getString(2), Math.round(rs.getDouble(3) * 10) / 10.0),
                bssid, now.minus(window));
        return ChartData.fromPoints(points, List.of(), "RSSI (dBm)", false);
    }

    static NetworkRow row(ResultSet rs) throws SQLException {
        return new NetworkRow(rs.getString("bssid"), UntrustedText.of(rs.getString("ssid")), rs.getString("security"),
                intOrNull(rs, "channel"), intOrNull(rs, "freq_mhz"), UntrustedText.of(rs.getString("vendor")),
                Sql.instant(rs, "first_seen"), Sql.instant(rs, "last_seen"), rs.getLong("sensors"),
                rs.getObject("best") == null ? null : rs.getDouble("best"));
    }

    static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }
}
