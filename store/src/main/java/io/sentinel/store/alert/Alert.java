package io.sentinel.store.alert;

import io.sentinel.protocol.wire.EpochTime;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stored alert: the contract's keys (as merged from every sensor that reported it) plus its
 * lifecycle. {@code ssid} is the SSID's display form as stored (see {@link Ssid#display()}),
 * {@code ssidBytes} its bytes. {@link #toJson()} gives the API's JSON object, with the SSID as
 * {@code ssid} (text, when its bytes are UTF-8), {@code ssid_hex} (the bytes) and
 * {@code ssid_display} (printable).
 */
public record Alert(
        String id,
        String type,
        String severity,
        double confidence,
        Instant firstSeen,
        Instant lastSeen,
        long count,
        Optional<String> bssid,
        Optional<String> ssid,
        Optional<Ssid> ssidBytes,
        Optional<String> source,
        Optional<String> target,
        Optional<Integer> channel,
        List<String> reasons,
        List<String> mitre,
        String evidenceJson,
        String summary,
        String sensorId,
        List<String> sensorIds,
        Status status,
        Optional<String> acknowledgedBy,
        Optional<Instant> acknowledgedAt,
        Optional<String> resolvedBy,
        Optional<Instant> resolvedAt,
        Optional<String> comment,
        Instant createdAt,
        Instant updatedAt) {

    public Alert {
        reasons = List.copyOf(reasons);
        mitre = List.copyOf(mitre);
        sensorIds = List.copyOf(sensorIds);
    }

    /** Lifecycle of an alert. */
    public enum Status {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("status must be open, acknowledged or resolved");
            }
        }
    }

    /** The API's JSON object (times as epoch seconds, absent values left out). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        m.put("severity", severity);
        m.put("confidence", confidence);
        m.put("first_seen", EpochTime.toSeconds(firstSeen));
        m.put("last_seen", EpochTime.toSeconds(lastSeen));
        m.put("count", count);
        bssid.ifPresent(v -> m.put("bssid", v));
        ssidBytes.ifPresent(v -> {
            v.text().ifPresent(t -> m.put("ssid", t));
            m.put("ssid_hex", v.hex());
            m.put("ssid_display", v.display());
        });
        source.ifPresent(v -> m.put("source", v));
        target.ifPresent(v -> m.put("target", v));
        channel.ifPresent(v -> m.put("channel", v));
        m.put("reasons", reasons);
        m.put("mitre", mitre);
        try {
            m.put("evidence", Wire.mapper().readValue(evidenceJson, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("summary", summary);
        m.put("sensor_id", sensorId);
        m.put("sensor_ids", sensorIds);
        m.put("status", status.dbValue());
        acknowledgedBy.ifPresent(v -> m.put("acknowledged_by", v));
        acknowledgedAt.ifPresent(v -> m.put("acknowledged_at", EpochTime.toSeconds(v)));
        resolvedBy.ifPresent(v -> m.put("resolved_by", v));
        resolvedAt.ifPresent(v -> m.put("resolved_at", EpochTime.toSeconds(v)));
        comment.ifPresent(v -> m.put("comment", v));
        return m;
    }
}
