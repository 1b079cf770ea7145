package io.sentinel.store.telemetry;

import io.sentinel.store.Database;
import io.sentinel.store.SeriesPoint;
import io.sentinel.store.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's reads of telemetry: per-channel occupancy, frames per subtype over time and a
 * network's signal per sensor over time. Telemetry times are capture times (a sensor's clock,
 * or the capture file's for a replay). Frame counts are summed only from well-formed keys and
 * values (the stored JSON is the sensor's).
 */
public final class TelemetryReadRepository {

    private final Database db;

    public TelemetryReadRepository(Database db) {
        this.db = db;
    }

    /** Devices and frames per channel from the telemetry since {@code since}, networks per channel from the inventory. */
    public List<ChannelLoad> channelLoads(Instant since) throws SQLException {
        return Sql.list(db, "WITH t AS (SELECT channel, count(DISTINCT mac) AS devices, "
                + "coalesce(sum((SELECT sum(v::bigint) FROM jsonb_each_text(frames) AS f(k, v) WHERE v ~ '^[0-9]{1,18}$')), 0) AS frames "
                + "FROM telemetry WHERE time >= ? AND channel IS NOT NULL GROUP BY channel), "
                + "n AS (SELECT channel, count(*) AS networks FROM networks WHERE last_seen >= ? AND channel IS NOT NULL GROUP BY channel) "
                + "SELECT coalesce(t.channel, n.channel) AS channel, coalesce(t.devices, 0), coalesce(n.networks, 0), coalesce(t.frames, 0) "
                + "FROM t FULL JOIN n ON n.channel = t.channel ORDER BY 1",
                rs -> new ChannelLoad(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), since, since);
    }

    /** Frames per subtype per 10 minutes since {@code since}, one series per subtype. */
    public List<SeriesPoint> framesBySubtypePer10Minutes(Instant since) throws SQLException {
        return Sql.list(db, "SELECT date_bin('10 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, f.k, "
                + "sum(f.v::bigint) AS n FROM telemetry, jsonb_each_text(frames) AS f(k, v) WHERE time >= ? "
                + "AND f.v ~ '^[0-9]{1,18}$' AND f.k ~ '^[a-z_]{1,24}$' GROUP BY 1, 2",
                rs -> new SeriesPoint(Sql.time(rs, "bucket"), rs.getString(2), rs.getLong(3)), since);
    }

    /** Average RSSI of {@code bssid} per 5 minutes since {@code since}, one series per sensor (dBm, one decimal). */
    public List<SeriesPoint> rssiPer5Minutes(String bssid, Instant since) throws SQLException {
        return Sql.list(db, "SELECT date_bin('5 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, sensor_id, "
                + "round(avg(rssi_avg)::numeric, 1) AS rssi FROM telemetry WHERE bssid = ?::macaddr AND time >= ? "
                + "AND rssi_avg IS NOT NULL GROUP BY 1, 2",
                rs -> new SeriesPoint(Sql.time(rs, "bucket"), rs.getString(2), rs.getDouble(3)), bssid, since);
    }
}
