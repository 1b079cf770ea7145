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
        @JsonProperty("clock_offset_ms") Long clockOffsetMs) {

    public Heartbeat {
        channels = channels == null ? List.of() : List.copyOf(channels);
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
    }

    private static void nonNegative(String field, Long v) {
        if (v != null && v < 0) {
            throw new InvalidMessageException(field, "must be >= 0");
        }
    }
}
