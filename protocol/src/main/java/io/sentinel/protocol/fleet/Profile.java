package io.sentinel.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.WireText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sensor profile: detection settings by the detectors' own names, the channel plan, evidence
 * and privacy settings. Every part is optional; what a profile leaves out stays at the sensor's
 * defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
        @JsonProperty("description") String description,
        @JsonProperty("detection") Detection detection,
        @JsonProperty("channels") ChannelPlan channels,
        @JsonProperty("evidence") EvidenceSettings evidence,
        @JsonProperty("privacy") PrivacySettings privacy) {

    /** The empty profile: the sensor's own defaults. */
    public static final Profile DEFAULTS = new Profile(null, null, null, null, null);

    /**
     * {@code engine: {quiet_gap_s: 60, ...}} and {@code detectors: {deauth_flood: {threshold: 30,
     * enabled: true}}} and {@code alerts: {deauth_flood: {rate_per_min: 2, burst: 1, hold_s: 300,
     * group: bssid}}} (the incident policy of an alert type): names and values as in the sensor's
     * detection file.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Detection(
            @JsonProperty("engine") Map<String, Object> engine,
            @JsonProperty("detectors") Map<String, Map<String, Object>> detectors,
            @JsonProperty("alerts") Map<String, Map<String, Object>> alerts) {
        public Detection {
            engine = engine == null ? Map.of() : new LinkedHashMap<>(engine);
            detectors = detectors == null ? Map.of() : new LinkedHashMap<>(detectors);
            alerts = alerts == null ? Map.of() : new LinkedHashMap<>(alerts);
        }

        public Detection(Map<String, Object> engine, Map<String, Map<String, Object>> detectors) {
            this(engine, detectors, null);
        }

        void validate(String at, SettingsCheck check) {
            if (detectors.size() > 200) throw new InvalidMessageException(at + ".detectors", "too many detectors");
            engine.forEach((k, v) -> judge(at + ".engine." + k, check, "engine", k, v));
            detectors.forEach((d, params) -> {
                if (params == null) throw new InvalidMessageException(at + ".detectors." + d, "must be an object");
                if (params.size() > 100) throw new InvalidMessageException(at + ".detectors." + d, "too many settings");
                params.forEach((k, v) -> judge(at + ".detectors." + d + "." + k, check, d, k, v));
            });
            if (alerts.size() > 200) throw new InvalidMessageException(at + ".alerts", "too many alert types");
            alerts.forEach((type, policy) -> {
                if (policy == null) throw new InvalidMessageException(at + ".alerts." + type, "must be an object");
                if (policy.size() > 10) throw new InvalidMessageException(at + ".alerts." + type, "too many settings");
                policy.forEach((k, v) -> {
                    String field = at + ".alerts." + type + "." + k;
                    if ("group".equals(k) && v instanceof String g) {
                        WireText.require(field, g, 32);
                        check(field, check, "alerts", type + "." + k, v);
                    } else {
                        judge(field, check, "alerts", type + "." + k, v);
                    }
                });
            });
        }

        private static void judge(String field, SettingsCheck check, String section, String name, Object value) {
            if (!(value instanceof Number) && !(value instanceof Boolean)) {
                throw new InvalidMessageException(field, "must be a number or true/false");
            }
            check(field, check, section, name, value);
        }

        private static void check(String field, SettingsCheck check, String section, String name, Object value) {
            try {
                check.check(section, name, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidMessageException(field, e.getMessage());
            }
        }
    }

    /**
     * Channels to hop across in the sensor's {@code --channels} notation (band keywords
     * {@code 2.4ghz}, {@code 5ghz}, {@code 6ghz}; bare numbers 1-14 and 32-177; {@code 6:N} for
     * 6 GHz; e.g. {@code 1,6,11;5:36,149}), and the dwell time bounds in milliseconds.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelPlan(
            @JsonProperty("plan") String plan,
            @JsonProperty("min_dwell_ms") Integer minDwellMs,
            @JsonProperty("max_dwell_ms") Integer maxDwellMs) {

        void validate(String at, SettingsCheck check) {
            if (plan != null) {
                WireText.require(at + ".plan", plan, 512);
                try {
                    check.checkChannelPlan(plan);
                } catch (IllegalArgumentException e) {
                    throw new InvalidMessageException(at + ".plan", e.getMessage());
                }
            }
            range(at + ".min_dwell_ms", minDwellMs, 20, 60_000);
            range(at + ".max_dwell_ms", maxDwellMs, 20, 60_000);
            if (minDwellMs != null && maxDwellMs != null && minDwellMs > maxDwellMs) {
                throw new InvalidMessageException(at + ".min_dwell_ms", "must not exceed max_dwell_ms");
            }
        }
    }

    /** Alert-triggered PCAP evidence: on/off, seconds kept before and after, files per minute. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EvidenceSettings(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("pre_trigger_s") Integer preTriggerSeconds,
            @JsonProperty("post_trigger_s") Integer postTriggerSeconds,
            @JsonProperty("max_files_per_minute") Integer maxFilesPerMinute) {
        void validate(String at) {
            range(at + ".pre_trigger_s", preTriggerSeconds, 0, 300);
            range(at + ".post_trigger_s", postTriggerSeconds, 0, 300);
            range(at + ".max_files_per_minute", maxFilesPerMinute, 0, 600);
        }
    }

    /**
     * What a sensor keeps of bystanders: client MACs hashed before they leave the sensor, and
     * whether the SSIDs clients probe for are sent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrivacySettings(
            @JsonProperty("hash_client_macs") Boolean hashClientMacs,
            @JsonProperty("send_probed_ssids") Boolean sendProbedSsids) {}

    private static void range(String field, Integer v, int min, int max) {
        if (v != null && (v < min || v > max)) {
            throw new InvalidMessageException(field, "must be between " + min + " and " + max);
        }
    }

    /** Checks every value; {@code at} is the JSON path of this profile. */
    public void validate(String at, SettingsCheck check) {
        WireText.require(at + ".description", description, 500);
        if (detection != null) detection.validate(at + ".detection", check);
        if (channels != null) channels.validate(at + ".channels", check);
        if (evidence != null) evidence.validate(at + ".evidence");
    }
}
