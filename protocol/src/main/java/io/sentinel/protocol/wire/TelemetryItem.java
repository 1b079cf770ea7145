package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One device seen during an interval (CONTRACTS.md, "A telemetry item"). Unknown fields are
 * refused when read. Optional fields are {@code null} when the sensor did not know them.
 *
 * <p>The SSID travels as {@code ssid} (text: the bytes were valid UTF-8, NUL and control
 * characters included) or as {@code ssid_hex} (the bytes in hex, for SSIDs that are not UTF-8),
 * like {@code sentinel frames} writes it; when both are given they must name the same bytes.
 * {@link #ssidValue()} gives the bytes.
 *
 * @param kind {@code ap} or {@code client}
 * @param mac the device's MAC (lower-case, colon-separated)
 * @param bssid the BSS the device belongs to (for an AP, its own BSSID)
 * @param ssid network name as text, null if unknown, hidden or not UTF-8
 * @param ssidHex network name as hex bytes, null when {@code ssid} says it all
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
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "mac", "bssid", "ssid", "ssid_hex", "channel", "freq_mhz", "security", "rssi_min",
        "rssi_avg", "rssi_max", "first_seen", "last_seen", "frames", "vendor"})
public record TelemetryItem(
        @JsonProperty(value = "kind", required = true) String kind,
        @JsonProperty(value = "mac", required = true) String mac,
        @JsonProperty("bssid") String bssid,
        @JsonProperty("ssid") @JsonDeserialize(using = TextDeserializers.AnyText.class) String ssid,
        @JsonProperty("ssid_hex") String ssidHex,
        @JsonProperty("channel") Integer channel,
        @JsonProperty("freq_mhz") Integer freqMhz,
        @JsonProperty("security") String security,
        @JsonProperty("rssi_min") Integer rssiMin,
        @JsonProperty("rssi_avg") Double rssiAvg,
        @JsonProperty("rssi_max") Integer rssiMax,
        @JsonProperty(value = "first_seen", required = true) Instant firstSeen,
        @JsonProperty(value = "last_seen", required = true) Instant lastSeen,
        @JsonProperty("frames") @JsonSetter(contentNulls = Nulls.FAIL) Map<String, Long> frames,
        @JsonProperty("vendor") String vendor) {

    /** Kind of a telemetry item describing an access point. */
    public static final String KIND_AP = "ap";
    /** Kind of a telemetry item describing a client station. */
    public static final String KIND_CLIENT = "client";


    public TelemetryItem {
        frames = frames == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(frames));
    }

    /** An item whose SSID is given as text only (the form most producers have). */
    public TelemetryItem(String kind, String mac, String bssid, String ssid, Integer channel, Integer freqMhz,
            String security, Integer rssiMin, Double rssiAvg, Integer rssiMax, Instant firstSeen, Instant lastSeen,
            Map<String, Long> frames, String vendor) {
        this(kind, mac, bssid, ssid, null, channel, freqMhz, security, rssiMin, rssiAvg, rssiMax, firstSeen, lastSeen,
                frames, vendor);
    }

    /**
     * An item with the SSID given as bytes: {@code ssid} when they are UTF-8, {@code ssid_hex}
     * otherwise (the canonical form a sensor sends).
     */
    public static TelemetryItem of(String kind, String mac, String bssid, Optional<Ssid> ssid, Integer channel,
            Integer freqMhz, String security, Integer rssiMin, Double rssiAvg, Integer rssiMax, Instant firstSeen,
            Instant lastSeen, Map<String, Long> frames, String vendor) {
        String text = ssid.flatMap(Ssid::text).orElse(null);
        String hex = ssid.isPresent() && text == null ? ssid.get().hex() : null;
        return new TelemetryItem(kind, mac, bssid, text, hex, channel, freqMhz, security, rssiMin, rssiAvg, rssiMax,
                firstSeen, lastSeen, frames, vendor);
    }

    /**
     * Checks the values (formats, ranges) that Jackson's types cannot express.
     *
     * @param path JSON path of this item, used in the exception
     * @throws InvalidMessageException naming the first offending field
     */
    public void validate(String path) {
        try {
            validateFields();
        } catch (InvalidMessageException e) {
            throw e.within(path);
        }
    }

    /**
     * {@link #validate(String)} with the fields named relative to the item ({@code rssi_avg},
     * {@code frames.beacon}); no name is built unless a check fails (this runs for every item of
     * every batch, twice).
     */
    void validateFields() {
        if (kind == null) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, "kind", "missing required field");
        }
        if (!KIND_AP.equals(kind) && !KIND_CLIENT.equals(kind)) {
            throw new InvalidMessageException("kind", "must be \"ap\" or \"client\"");
        }
        Identifiers.requireMac("mac", mac);
        Identifiers.optionalMac("bssid", bssid);
        SsidFields.check("", ssid, ssidHex);
        Ranges.channel("channel", channel);
        Ranges.freqMhz("freq_mhz", freqMhz);
        if (security != null && !isToken(security, true)) {
            throw new InvalidMessageException("security", "must match [a-z0-9/_-]{1,32}");
        }
        Ranges.rssi("rssi_min", rssiMin == null ? null : rssiMin.doubleValue());
        Ranges.rssi("rssi_avg", rssiAvg);
        Ranges.rssi("rssi_max", rssiMax == null ? null : rssiMax.doubleValue());
        if (rssiMin != null && rssiMax != null && rssiMin > rssiMax) {
            throw new InvalidMessageException("rssi_min", "greater than rssi_max");
        }
        Ranges.time("first_seen", firstSeen);
        Ranges.time("last_seen", lastSeen);
        if (lastSeen.isBefore(firstSeen)) {
            throw new InvalidMessageException("last_seen", "before first_seen");
        }
        if (frames.size() > 64) {
            throw new InvalidMessageException("frames", "more than 64 counters");
        }
        for (Map.Entry<String, Long> e : frames.entrySet()) {
            if (!isCounterName(e.getKey())) {
                throw new InvalidMessageException("frames", "counter names must match [a-z0-9_]{1,32}");
            }
            Long v = e.getValue();
            if (v != null && (v < 0 || v > Ranges.MAX_COUNT)) {
                Ranges.count("frames." + e.getKey(), v);
            }
        }
        WireText.require("vendor", vendor, 128);
    }

    /**
     * A frame counter's name: {@code [a-z0-9_]{1,32}} (so it needs no escaping in JSON or COPY text).
     */
    public static boolean isCounterName(String s) {
        return isToken(s, false);
    }

    /** {@code [a-z0-9_]{1,32}}, with {@code /} and {@code -} too when {@code security} (no regex: per item). */
    private static boolean isToken(String s, boolean security) {
        int n = s.length();
        if (n < 1 || n > 32) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || (security && (c == '/' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The SSID's bytes, when the item names one (call after {@link #validate(String)}). */
    public Optional<Ssid> ssidValue() {
        return SsidFields.value(ssid, ssidHex);
    }

    /** The BSSID this item belongs to: {@link #bssid()} when given, else the MAC of an AP. */
    public String effectiveBssid() {
        if (bssid != null) {
            return bssid;
        }
        return KIND_AP.equals(kind) ? mac : null;
    }
}
