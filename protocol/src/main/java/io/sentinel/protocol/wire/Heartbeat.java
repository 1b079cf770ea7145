package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /api/v1/heartbeat}: the sensor's health. Fields a newer sensor may add
 * are ignored when read.
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
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Heartbeat(
        @JsonProperty(value = "sensor_id", required = true) String sensorId,
        @JsonProperty("sent_at")
                @JsonSerialize(using = EpochTime.Serializer.class)
                @JsonDeserialize(using = EpochTime.Deserializer.class)
                Instant sentAt,
        @JsonProperty("version") String version,
        @JsonProperty("uptime_s") Long uptimeSeconds,
        @JsonProperty("frames_captured") Long framesCaptured,
        @JsonProperty("frames_decoded") Long framesDecoded,
        @JsonProperty("frames_dropped") Long framesDropped,
        @JsonProperty("channels") List<ChannelCoverage> channels,
        @JsonProperty("spool_depth") Long spoolDepth,
        @JsonProperty("spool_oldest_age_s") Double spoolOldestAgeSeconds,
        @JsonProperty("clock_offset_ms") Long clockOffsetMs,
        @JsonProperty("capture") String capture) {

    /** {@code capture} of a sensor listening on a radio. */
    public static final String CAPTURE_LIVE = "live";
    /** {@code capture} of a sensor replaying a capture file. */
    public static final String CAPTURE_REPLAY = "replay";
    /** {@code capture} of a sensor whose replay ended: still connected, hearing nothing more. */
    public static final String CAPTURE_REPLAY_FINISHED = "replay_finished";

    public Heartbeat {
        channels = channels == null ? List.of() : List.copyOf(channels);
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
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChannelCoverage(
            @JsonProperty(value = "channel", required = true) int channel,
            @JsonProperty("dwell_ms") long dwellMs,
            @JsonProperty("frames") long frames) {}

    /** Checks ids and ranges; throws {@link InvalidMessageException} naming the field. */
    public void validate() {
        Identifiers.requireSensorId("sensor_id", sensorId);
        if (version != null && version.length() > 64) {
            throw new InvalidMessageException("version", "longer than 64 characters");
        }
        nonNegative("uptime_s", uptimeSeconds);
        nonNegative("frames_captured", framesCaptured);
        nonNegative("frames_decoded", framesDecoded);
        nonNegative("frames_dropped", framesDropped);
        nonNegative("spool_depth", spoolDepth);
        if (channels.size() > 256) {
            throw new InvalidMessageException("channels", "more than 256 entries");
        }
        for (int i = 0; i < channels.size(); i++) {
            ChannelCoverage c = channels.get(i);
            if (c == null || c.channel() < 0 || c.channel() > 300 || c.dwellMs() < 0 || c.frames() < 0) {
                throw new InvalidMessageException("channels[" + i + "]", "channel 0..300, counts >= 0");
            }
        }
        if (spoolOldestAgeSeconds != null && !(spoolOldestAgeSeconds >= 0)) {
            throw new InvalidMessageException("spool_oldest_age_s", "must be >= 0");
        }
        if (capture != null && !List.of(CAPTURE_LIVE, CAPTURE_REPLAY, CAPTURE_REPLAY_FINISHED).contains(capture)) {
            throw new InvalidMessageException("capture", "must be live, replay or replay_finished");
        }
    }

    private static void nonNegative(String field, Long v) {
        if (v != null && v < 0) {
            throw new InvalidMessageException(field, "must be >= 0");
        }
    }
}
