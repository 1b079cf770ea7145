package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One alert as {@code sentinel analyze} writes it and sensors ship it (CONTRACTS.md). Fields a
 * newer sensor may add are ignored when read, so that alerts stay forward compatible; the
 * contract's keys are checked by {@link #validate(String)}.
 *
 * @param evidence the numbers behind the decision, any JSON object
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertMessage(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty(value = "severity", required = true) String severity,
        @JsonProperty(value = "confidence", required = true) double confidence,
        @JsonProperty(value = "first_seen", required = true)
                @JsonSerialize(using = EpochTime.Serializer.class)
                @JsonDeserialize(using = EpochTime.Deserializer.class)
                Instant firstSeen,
        @JsonProperty(value = "last_seen", required = true)
                @JsonSerialize(using = EpochTime.Serializer.class)
                @JsonDeserialize(using = EpochTime.Deserializer.class)
                Instant lastSeen,
        @JsonProperty(value = "count", required = true) long count,
        @JsonProperty("bssid") String bssid,
        @JsonProperty("ssid") String ssid,
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("channel") Integer channel,
        @JsonProperty("reasons") List<String> reasons,
        @JsonProperty("mitre") List<String> mitre,
        @JsonProperty("evidence") Map<String, Object> evidence,
        @JsonProperty("summary") String summary) {

    /** Severities in increasing order. */
    public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    /** The alert types of the contract's vocabulary (detectors may add more, see docs). */
    public static final Set<String> KNOWN_TYPES = Set.of(
            "deauth_flood", "disassoc_flood", "auth_flood", "assoc_flood", "beacon_flood", "probe_flood",
            "evil_twin", "karma", "pmkid_harvest", "eapol_replay", "rogue_ap", "crypto_downgrade",
            "weak_crypto", "wep_iv_reuse", "ssid_lookalike", "attack_tool", "malformed_frame", "jamming",
            "beacon_anomaly", "sae_flood", "csa_abuse");

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    public AlertMessage {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        mitre = mitre == null ? List.of() : List.copyOf(mitre);
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** Checks formats and ranges; throws {@link InvalidMessageException} naming the field. */
    public void validate(String path) {
        if (!Identifiers.isAlertId(id)) {
            throw new InvalidMessageException(path + ".id", "must match [A-Za-z0-9._:-]{1,128}");
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new InvalidMessageException(path + ".type", "must be a lower-case alert type");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidMessageException(path + ".severity", "must be one of " + SEVERITIES);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidMessageException(path + ".confidence", "must be within 0..1");
        }
        if (count < 0) {
            throw new InvalidMessageException(path + ".count", "must be >= 0");
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new InvalidMessageException(path + ".last_seen", "before first_seen");
        }
        checkText(path + ".bssid", bssid, 64);
        checkText(path + ".ssid", ssid, 64);
        checkText(path + ".source", source, 64);
        checkText(path + ".target", target, 64);
        checkText(path + ".summary", summary, 1000);
        if (channel != null && (channel < 0 || channel > 300)) {
            throw new InvalidMessageException(path + ".channel", "out of range 0..300");
        }
        checkCodes(path + ".reasons", reasons);
        checkCodes(path + ".mitre", mitre);
    }

    /** Rank of the severity, 0 (info) .. 4 (critical). */
    public int severityRank() {
        return SEVERITIES.indexOf(severity);
    }

    private static void checkText(String field, String v, int max) {
        if (v != null && v.length() > max) {
            throw new InvalidMessageException(field, "longer than " + max + " characters");
        }
    }

    private static void checkCodes(String field, List<String> codes) {
        if (codes.size() > 32) {
            throw new InvalidMessageException(field, "more than 32 entries");
        }
        for (String c : codes) {
            if (c == null || !CODE.matcher(c).matches()) {
                throw new InvalidMessageException(field, "entries must match [A-Za-z0-9._/-]{1,64}");
            }
        }
    }
}
