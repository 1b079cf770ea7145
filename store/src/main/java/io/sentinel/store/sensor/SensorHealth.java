package io.sentinel.store.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.EpochTime;
import io.sentinel.protocol.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sensor's health as people read it, derived from its last two heartbeats: its
 * {@link SensorState}, the capture rate over the interval between the two heartbeats, and the
 * counters of the last one. A rate needs two heartbeats of one sensor run no more than
 * {@link SensorState#OFFLINE_AFTER} apart, the last of them current; otherwise there is none
 * (shown as "—"), never a total divided by an uptime.
 *
 * @param framesPerSecond frames captured per second between the last two heartbeats
 * @param rateWindow      the interval that rate covers
 * @param framesCaptured  frames captured since the sensor started
 * @param framesDropped   frames lost since the sensor started
 * @param dropPercent     share of frames lost since the sensor started
 * @param capture         what the sensor captures from: {@code live}, {@code replay} or {@code replay_finished}
 */
public record SensorHealth(
        SensorState state,
        Optional<Double> framesPerSecond,
        Optional<Duration> rateWindow,
        Optional<Long> framesCaptured,
        Optional<Long> framesDropped,
        Optional<Double> dropPercent,
        Optional<Long> spoolDepth,
        Optional<Long> clockOffsetMs,
        List<Integer> channels,
        Optional<String> version,
        Optional<String> capture) {

    public SensorHealth {
        channels = List.copyOf(channels);
    }

    /** The health of {@code s} at {@code now}. */
    public static SensorHealth of(Sensor s, Instant now) {
        SensorState state = SensorState.of(s, now);
        JsonNode last = parse(s.healthJson());
        JsonNode previous = parse(s.previousHealthJson());
        Optional<Long> captured = number(last, "frames_captured");
        Optional<Long> dropped = number(last, "frames_dropped");
        Optional<Duration> window = Optional.empty();
        Optional<Double> fps = Optional.empty();
        Optional<Long> before = number(previous, "frames_captured");
        if (state.connected() && captured.isPresent() && before.isPresent() && captured.get() >= before.get()
                && !restarted(last, previous)) {
            window = interval(s, last, previous)
                    .filter(d -> !d.isNegative() && !d.isZero() && d.compareTo(SensorState.OFFLINE_AFTER) <= 0);
            fps = window.map(d -> (captured.get() - before.get()) * 1e9 / d.toNanos());
        }
        Optional<Double> dropPercent = Optional.empty();
        if (captured.isPresent() && dropped.isPresent() && captured.get() + dropped.get() > 0) {
            dropPercent = Optional.of(100.0 * dropped.get() / (captured.get() + dropped.get()));
        }
        List<Integer> channels = new ArrayList<>();
        if (last.has("channels") && last.get("channels").isArray()) {
            for (JsonNode c : last.get("channels")) {
                if (c.hasNonNull("channel") && c.get("channel").canConvertToInt()) {
                    channels.add(c.get("channel").asInt());
                }
            }
        }
        channels.sort(Integer::compare);
        return new SensorHealth(state, fps, window, captured, dropped, dropPercent, number(last, "spool_depth"),
                number(last, "clock_offset_ms"), channels, text(last, "version"), text(last, "capture"));
    }

    /** The sensor's clock between the two heartbeats when both carry it, else the controller's receipt times. */
    private static Optional<Duration> interval(Sensor s, JsonNode last, JsonNode previous) {
        Optional<Instant> sentLast = time(last, "sent_at");
        Optional<Instant> sentBefore = time(previous, "sent_at");
        if (sentLast.isPresent() && sentBefore.isPresent()) {
            return Optional.of(Duration.between(sentBefore.get(), sentLast.get()));
        }
        if (s.lastHeartbeat().isPresent() && s.previousHeartbeat().isPresent()) {
            return Optional.of(Duration.between(s.previousHeartbeat().get(), s.lastHeartbeat().get()));
        }
        return Optional.empty();
    }

    /** A smaller uptime means the sensor restarted between the heartbeats: its counters began again. */
    private static boolean restarted(JsonNode last, JsonNode previous) {
        Optional<Long> now = number(last, "uptime_s");
        Optional<Long> before = number(previous, "uptime_s");
        return now.isPresent() && before.isPresent() && now.get() < before.get();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = Wire.mapper().readTree(json == null || json.isBlank() ? "{}" : json);
            return n != null && n.isObject() ? n : Wire.mapper().createObjectNode();
        } catch (java.io.IOException e) {
            return Wire.mapper().createObjectNode();
        }
    }

    private static Optional<Long> number(JsonNode h, String field) {
        JsonNode v = h.get(field);
        return v != null && v.isNumber() && v.canConvertToLong() ? Optional.of(v.asLong()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode h, String field) {
        JsonNode v = h.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode h, String field) {
        JsonNode v = h.get(field);
        if (v == null || !(v.isNumber() || v.isTextual())) {
            return Optional.empty();
        }
        try {
            return Optional.of(v.isNumber() ? EpochTime.fromSeconds(v.decimalValue()) : EpochTime.parse(v.asText()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
