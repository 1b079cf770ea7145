package io.sentinel.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One alert as {@code sentinel analyze} writes it and sensors ship it (CONTRACTS.md): every key
 * of the contract is written, null where it does not apply, in the contract's order. Unknown
 * fields are refused when read (what the controller cannot store it does not accept).
 *
 * <p>{@code bssid}, {@code source} and {@code target} are MACs. The SSID travels as in a
 * telemetry item: {@code ssid} as text, or {@code ssid_hex} (written only when needed) for bytes
 * that are not UTF-8.
 *
 * @param evidence the numbers behind the decision: a JSON object of strings, finite numbers,
 *     booleans, nulls, lists and objects (see {@link #validate(String)} for the limits)
 */
@JsonPropertyOrder({"id", "type", "severity", "confidence", "first_seen", "last_seen", "count", "bssid", "ssid",
        "ssid_hex", "source", "target", "channel", "reasons", "mitre", "evidence", "summary"})
public record AlertMessage(
        @JsonProperty(value = "id", required = true) String id,
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty(value = "severity", required = true) String severity,
        @JsonProperty(value = "confidence", required = true) double confidence,
        @JsonProperty(value = "first_seen", required = true) Instant firstSeen,
        @JsonProperty(value = "last_seen", required = true) Instant lastSeen,
        @JsonProperty(value = "count", required = true) long count,
        @JsonProperty("bssid") String bssid,
        @JsonProperty("ssid") @JsonDeserialize(using = TextDeserializers.AnyText.class) String ssid,
        @JsonProperty("ssid_hex") @JsonInclude(JsonInclude.Include.NON_NULL) String ssidHex,
        @JsonProperty("source") String source,
        @JsonProperty("target") String target,
        @JsonProperty("channel") Integer channel,
        @JsonProperty("reasons") List<String> reasons,
        @JsonProperty("mitre") List<String> mitre,
        @JsonProperty("evidence") Map<String, Object> evidence,
        @JsonProperty("summary") String summary) {

    /** Severities in increasing order. */
    public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    /** Longest summary, in characters. */
    public static final int MAX_SUMMARY = 1000;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    public AlertMessage {
        reasons = reasons == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(reasons));
        mitre = mitre == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(mitre));
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        summary = summary == null ? "" : summary;
    }

    /** An alert whose SSID is given as text only. */
    public AlertMessage(String id, String type, String severity, double confidence, Instant firstSeen,
            Instant lastSeen, long count, String bssid, String ssid, String source, String target, Integer channel,
            List<String> reasons, List<String> mitre, Map<String, Object> evidence, String summary) {
        this(id, type, severity, confidence, firstSeen, lastSeen, count, bssid, ssid, null, source, target, channel,
                reasons, mitre, evidence, summary);
    }

    /** Checks formats and ranges; throws {@link InvalidMessageException} naming the field. */
    public void validate(String path) {
        if (id == null) {
            throw missing(path + ".id");
        }
        if (!Identifiers.isAlertId(id)) {
            throw new InvalidMessageException(path + ".id", "must match [A-Za-z0-9._:-]{1,128}");
        }
        if (type == null) {
            throw missing(path + ".type");
        }
        if (!TYPE.matcher(type).matches()) {
            throw new InvalidMessageException(path + ".type", "must be a lower-case alert type");
        }
        if (severity == null) {
            throw missing(path + ".severity");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new InvalidMessageException(path + ".severity", "must be one of " + SEVERITIES);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidMessageException(path + ".confidence", "must be within 0..1");
        }
        Ranges.count(path + ".count", count);
        Ranges.time(path + ".first_seen", firstSeen);
        Ranges.time(path + ".last_seen", lastSeen);
        if (lastSeen.isBefore(firstSeen)) {
            throw new InvalidMessageException(path + ".last_seen", "before first_seen");
        }
        Identifiers.optionalMac(path + ".bssid", bssid);
        SsidFields.check(path, ssid, ssidHex);
        Identifiers.optionalMac(path + ".source", source);
        Identifiers.optionalMac(path + ".target", target);
        Ranges.channel(path + ".channel", channel);
        checkCodes(path + ".reasons", reasons);
        checkCodes(path + ".mitre", mitre);
        Evidence.check(path + ".evidence", evidence);
        WireText.require(path + ".summary", summary, MAX_SUMMARY);
    }

    /** The SSID's bytes, when the alert names one (call after {@link #validate(String)}). */
    public Optional<Ssid> ssidValue() {
        return SsidFields.value(ssid, ssidHex);
    }

    /** Rank of the severity, 0 (info) .. 4 (critical). */
    public int severityRank() {
        return SEVERITIES.indexOf(severity);
    }

    private static InvalidMessageException missing(String field) {
        return new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
    }

    private static void checkCodes(String field, List<String> codes) {
        if (codes.size() > 32) {
            throw new InvalidMessageException(field, "more than 32 entries");
        }
        for (int i = 0; i < codes.size(); i++) {
            String c = codes.get(i);
            if (c == null || !CODE.matcher(c).matches()) {
                throw new InvalidMessageException(field + "[" + i + "]", "entries must match [A-Za-z0-9._/-]{1,64}");
            }
        }
    }
}
