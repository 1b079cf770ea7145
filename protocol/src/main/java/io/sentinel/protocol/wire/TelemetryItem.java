package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One device seen during an interval (CONTRACTS.md, "A telemetry item"). Unknown fields are
 * refused when read. Optional fields are {@code null} when the sensor did not know them.
 *
 * @param kind {@code ap} or {@code client}
 * @param mac the device's MAC (lower-case, colon-separated)
 * @param bssid the BSS the device belongs to (for an AP, its own BSSID)
 * @param ssid network name as text, null if unknown or hidden
 * @param channel 802.11 channel number
 * @param freqMhz centre frequency in MHz
 * @param security {@code open}, {@code wpa2-psk}, ... as in {@code sentinel frames}
 * @param rssiMin lowest antenna signal seen, dBm
 * @param rssiAvg mean antenna signal, dBm
 * @param rssiMax highest antenna signal seen, dBm
 * @param firstSeen capture time of the first frame of the interval
 * @param lastSeen capture time of the last frame of the interval
 * @param frames frame counts by subtype name ({@code beacon}, {@code probe_req}, ...)
 * @param vendor OUI vendor name, optional
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryItem(
        @JsonProperty(value = "kind", required = true) String kind,
        @JsonProperty(value = "mac", required = true) String mac,
        @JsonProperty("bssid") String bssid,
        @JsonProperty("ssid") String ssid,
        @JsonProperty("channel") Integer channel,
        @JsonProperty("freq_mhz") Integer freqMhz,
        @JsonProperty("security") String security,
        @JsonProperty("rssi_min") Integer rssiMin,
        @JsonProperty("rssi_avg") Double rssiAvg,
        @JsonProperty("rssi_max") Integer rssiMax,
        @JsonProperty(value = "first_seen", required = true)
                @JsonSerialize(using = EpochTime.Serializer.class)
                @JsonDeserialize(using = EpochTime.Deserializer.class)
                Instant firstSeen,
        @JsonProperty(value = "last_seen", required = true)
                @JsonSerialize(using = EpochTime.Serializer.class)
                @JsonDeserialize(using = EpochTime.Deserializer.class)
                Instant lastSeen,
        @JsonProperty("frames") Map<String, Long> frames,
        @JsonProperty("vendor") String vendor) {

    /** Kind of a telemetry item describing an access point. */
    public static final String KIND_AP = "ap";
    /** Kind of a telemetry item describing a client station. */
    public static final String KIND_CLIENT = "client";

    private static final Pattern FRAME_KEY = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern SECURITY = Pattern.compile("[a-z0-9/_-]{1,32}");

    public TelemetryItem {
        frames = frames == null ? Map.of() : Map.copyOf(frames);
    }

    /**
     * Checks the values (formats, ranges) that Jackson's types cannot express.
     *
     * @param path JSON path of this item, used in the exception
     * @throws InvalidMessageException naming the first offending field
     */
    public void validate(String path) {
        if (!KIND_AP.equals(kind) && !KIND_CLIENT.equals(kind)) {
            throw new InvalidMessageException(path + ".kind", "must be \"ap\" or \"client\"");
        }
        if (!Identifiers.isMac(mac)) {
            throw new InvalidMessageException(path + ".mac", "must be a lower-case colon-separated MAC");
        }
        if (bssid != null && !Identifiers.isMac(bssid)) {
            throw new InvalidMessageException(path + ".bssid", "must be a lower-case colon-separated MAC");
        }
        if (ssid != null && ssid.length() > 64) {
            throw new InvalidMessageException(path + ".ssid", "longer than 64 characters");
        }
        if (channel != null && (channel < 0 || channel > 300)) {
            throw new InvalidMessageException(path + ".channel", "out of range 0..300");
        }
        if (freqMhz != null && (freqMhz < 0 || freqMhz > 100_000)) {
            throw new InvalidMessageException(path + ".freq_mhz", "out of range");
        }
        if (security != null && !SECURITY.matcher(security).matches()) {
            throw new InvalidMessageException(path + ".security", "unexpected value");
        }
        checkRssi(path + ".rssi_min", rssiMin == null ? null : rssiMin.doubleValue());
        checkRssi(path + ".rssi_avg", rssiAvg);
        checkRssi(path + ".rssi_max", rssiMax == null ? null : rssiMax.doubleValue());
        if (lastSeen.isBefore(firstSeen)) {
            throw new InvalidMessageException(path + ".last_seen", "before first_seen");
        }
        if (frames.size() > 64) {
            throw new InvalidMessageException(path + ".frames", "more than 64 counters");
        }
        for (Map.Entry<String, Long> e : frames.entrySet()) {
            if (!FRAME_KEY.matcher(e.getKey()).matches()) {
                throw new InvalidMessageException(path + ".frames", "bad counter name");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new InvalidMessageException(path + ".frames." + e.getKey(), "must be a count >= 0");
            }
        }
        if (vendor != null && vendor.length() > 128) {
            throw new InvalidMessageException(path + ".vendor", "longer than 128 characters");
        }
    }

    /** The BSSID this item belongs to: {@link #bssid()} when given, else the MAC of an AP. */
    public String effectiveBssid() {
        if (bssid != null) {
            return bssid;
        }
        return KIND_AP.equals(kind) ? mac : null;
    }

    private static void checkRssi(String field, Double v) {
        if (v != null && (v.isNaN() || v < -150 || v > 30)) {
            throw new InvalidMessageException(field, "out of range -150..30 dBm");
        }
    }
}
