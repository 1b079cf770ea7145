package io.sentinel.controller.dashboard.sensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.controller.dashboard.overview.OverviewQueries;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sensor health as last reported by heartbeats ({@code sensors.health} holds the heartbeat body). */
public final class SensorQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sensor's health line. Numbers are null when the sensor has not reported them. */
    public record SensorHealth(String id, UntrustedText name, UntrustedText location, String status, Instant lastHeartbeat,
                               boolean online, Double framesPerSecond, Long framesDropped, Double dropPercent,
                               Long spoolDepth, Long clockOffsetMs, List<Integer> channels, String version) {}

    private final Sql sql;

    public SensorQueries(Sql sql) {
        this.sql = sql;
    }

    public List<SensorHealth> list(Instant now) {
        return sql.list("SELECT id, name, location, status, last_heartbeat, health::text AS health FROM sensors "
                        + "ORDER BY status, id LIMIT 1000",
                rs -> health(rs.getString("id"), rs.getString("name"), rs.getString("location"), rs.getString("status"),
                        Sql.instant(rs, "last_heartbeat"), rs.getString("health"), now));
    }

    static SensorHealth health(String id, String name, String location, String status, Instant heartbeat, String healthJson,
                               Instant now) {
        JsonNode h;
        try {
            h = healthJson == null ? JSON.createObjectNode() : JSON.readTree(healthJson);
        } catch (Exception e) {
            h = JSON.createObjectNode();
        }
        Long captured = longOrNull(h, "frames_captured");
        Long dropped = longOrNull(h, "frames_dropped");
        Long uptime = longOrNull(h, "uptime_s");
        Double fps = null;
        if (h.hasNonNull("frames_per_s")) {
            fps = h.get("frames_per_s").asDouble();
        } else if (captured != null && uptime != null && uptime > 0) {
            fps = (double) captured / uptime;
        }
        Double dropPct = null;
        if (captured != null && dropped != null && captured + dropped > 0) {
            dropPct = 100.0 * dropped / (captured + dropped);
        }
        List<Integer> channels = new ArrayList<>();
        if (h.has("channels") && h.get("channels").isArray()) {
            for (JsonNode c : h.get("channels")) {
                if (c.hasNonNull("channel")) {
                    channels.add(c.get("channel").asInt());
                }
            }
        }
        channels.sort(Integer::compare);
        boolean online = "active".equals(status) && heartbeat != null
                && Duration.between(heartbeat, now).compareTo(OverviewQueries.ONLINE_WITHIN) <= 0;
        return new SensorHealth(id, UntrustedText.of(name), UntrustedText.of(location), status, heartbeat, online,
                fps, dropped, dropPct, longOrNull(h, "spool_depth"), longOrNull(h, "clock_offset_ms"), channels,
                h.hasNonNull("version") ? h.get("version").asText() : null);
    }

    private static Long longOrNull(JsonNode h, String field) {
        return h.hasNonNull(field) && h.get(field).isNumber() ? h.get(field).asLong() : null;
    }
}
