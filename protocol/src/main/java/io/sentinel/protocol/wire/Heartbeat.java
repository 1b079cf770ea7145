package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /api/v1/heartbeat}: the sensor's health. Unknown fields are refused.
 *
 * @param sensorId the sensor
 * @param sentAt the sensor's clock when it sent this heartbeat (the controller derives the
 *     clock offset from it when {@code clockOffsetMs} is absent)
 * @param version sensor software version
 * @param uptimeSeconds seconds since the sensor process started
 * @param framesCaptured frames delivered by the capture source since start
 * @param framesDecoded frames decoded since start
 * @param framesDropped frames lost (kernel/libpcap drops plus queue overflow) since start
 * @param channels per-channel coverage since the previous heartbeat
 * @param spoolDepth batches waiting in the sensor's disk spool
 * @param spoolOldestAgeSeconds age of the oldest spooled batch, 0 when the spool is empty
 * @param clockOffsetMs the sensor's estimate of (its clock - controller clock), ms
 * @param capture what the sensor captures from: {@value #CAPTURE_LIVE} (a radio),
 *     {@value #CAPTURE_REPLAY} (a capture file being replayed) or {@value #CAPTURE_REPLAY_FINISHED}
 *     (the replay reached the end of its file; the sensor stays connected); absent from older sensors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Heartbeat(
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty("sent_at") Instant sentAt,
        @JsonProperty("version") String version,
        @JsonProperty("uptime_s") Long uptimeSeconds,
        @JsonProperty("frames_captured") Long framesCaptured,
        @JsonProperty("frames_decoded") Long framesDecoded,
        @JsonProperty("frames_dropped") Long framesDropped,
        @JsonProperty("channels") List<ChannelCoverage> channels,
        @JsonProperty("spool_depth") Long spoolDepth,
        @JsonProperty("spool_oldest_age_s") Double spoolOldestAgeSeconds,
        @JsonProperty("clock_offset_ms") Long clockOffsetMs,
        @JsonProperty("capture") String capture) implements SensorRequest {

    /** {@code capture} of a sensor listening on a radio. */
    public static final String CAPTURE_LIVE = "live";
    /** {@code capture} of a sensor replaying a capture file. */
    public static final String CAPTURE_REPLAY = "replay";
    /** {@code capture} of a sensor whose replay ended: still connected, hearing nothing more. */
    public static final String CAPTURE_REPLAY_FINISHED = "replay_finished";

    public Heartbeat {
        channels = channels == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(channels));
    }

    /** A heartbeat that does not say what the sensor captures from. */
    public Heartbeat(String sensorId, Instant sentAt, String version, Long uptimeSeconds, Long framesCaptured,
            Long framesDecoded, Long framesDropped, List<ChannelCoverage> channels, Long spoolDepth,
            Double spoolOldestAgeSeconds, Long clockOffsetMs) {
        this(sensorId, sentAt, version, uptimeSeconds, framesCaptured, framesDecoded, framesDropped, channels, spoolDepth,
                spoolOldestAgeSeconds, clockOffsetMs, null);
    }

    /**
     * Time spent on one channel and what was heard there.
     *
     * @param channel 802.11 channel number
     * @param dwellMs milliseconds the radio listened on it
     * @param frames frames captured on it
     */
    public record ChannelCoverage(
            @JsonProperty(value = "channel", required = true) int channel,
            @JsonProperty("dwell_ms") long dwellMs,
            @JsonProperty("frames") long frames) {}

    /** Checks ids and ranges; throws {@link InvalidMessageException} naming the field. */
    @Override
    public void validate() {
        Identifiers.requireSensorId("sensor_id", sensorId);
        Ranges.optionalTime("sent_at", sentAt);
        WireText.require("version", version, 64);
        Ranges.count("uptime_s", uptimeSeconds);
        Ranges.count("frames_captured", framesCaptured);
        Ranges.count("frames_decoded", framesDecoded);
        Ranges.count("frames_dropped", framesDropped);
        Ranges.count("spool_depth", spoolDepth);
        if (channels.size() > 256) {
            throw new InvalidMessageException("channels", "more than 256 entries");
        }
        for (int i = 0; i < channels.size(); i++) {
            ChannelCoverage c = channels.get(i);
            String at = "channels[" + i + "]";
            if (c == null) {
                throw new InvalidMessageException(at, "null entry");
            }
            Ranges.channel(at + ".channel", c.channel());
            Ranges.count(at + ".dwell_ms", c.dwellMs());
            Ranges.count(at + ".frames", c.frames());
        }
        Ranges.seconds("spool_oldest_age_s", spoolOldestAgeSeconds);
        if (clockOffsetMs != null && (clockOffsetMs < -Ranges.MAX_COUNT || clockOffsetMs > Ranges.MAX_COUNT)) {
            throw new InvalidMessageException("clock_offset_ms", "out of range");
        }
        if (capture != null && !List.of(CAPTURE_LIVE, CAPTURE_REPLAY, CAPTURE_REPLAY_FINISHED).contains(capture)) {
            throw new InvalidMessageException("capture", "must be live, replay or replay_finished");
        }
    }
}
