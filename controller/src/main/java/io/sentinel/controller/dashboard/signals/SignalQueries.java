package io.sentinel.controller.dashboard.signals;

import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Radio-level views: how busy each channel is and which frame subtypes fill the air. */
public final class SignalQueries {

    /** One channel's occupancy in the window. */
    public record ChannelLoad(int channel, long devices, long networks, long frames) {}

    private final Sql sql;

    public SignalQueries(Sql sql) {
        this.sql = sql;
    }

    /** Devices and frames per channel from the telemetry of the last {@code window}, networks per channel from the inventory. */
    public List<ChannelLoad> channels(Instant now, Duration window) {
        return sql.list("WITH t AS (SELECT channel, count(DISTINCT mac) AS devices, "
                + "coalesce(sum((SELECT sum(v::bigint) FROM jsonb_each_text(frames) AS f(k, v) WHERE v ~ '^[0-9]{1,18}$')), 0) AS frames "
                + "FROM telemetry WHERE time >= ? AND channel IS NOT NULL GROUP BY channel), "
                + "n AS (SELECT channel, count(*) AS networks FROM networks WHERE last_seen >= ? AND channel IS NOT NULL GROUP BY channel) "
                + "SELECT coalesce(t.channel, n.channel) AS channel, coalesce(t.devices, 0), coalesce(n.networks, 0), coalesce(t.frames, 0) "
                + "FROM t FULL JOIN n ON n.channel = t.channel ORDER BY 1",
                rs -> new ChannelLoad(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                now.minus(window), now.minus(window));
    }

    /** Frames per subtype per 10 minutes over {@code window}. */
    public ChartData subtypesOverTime(Instant now, Duration window) {
        List<ChartData.Point> points = sql.list(
                "SELECT extract(epoch FROM date_bin('10 minutes', time, TIMESTAMPTZ '2000-01-01 00:00:00+00'))::bigint, f.k, sum(f.v::bigint) "
                        + "FROM telemetry, jsonb_each_text(frames) AS f(k, v) WHERE time >= ? AND f.v ~ '^[0-9]{1,18}$' "
                        + "AND f.k ~ '^[a-z_]{1,24}$' GROUP BY 1, 2",
                rs -> new ChartData.Point(rs.getLong(1), rs.getString(2), (double) rs.getLong(3)),
                now.minus(window));
        return ChartData.counts(points, List.of("beacon", "probe_req", "probe_resp", "deauth", "disassoc", "auth",
                "assoc_req", "eapol"), "frames / 10 min", now.minus(window).getEpochSecond() + 600, now.getEpochSecond(), 600);
    }
}
