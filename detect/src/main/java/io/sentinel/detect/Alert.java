package io.sentinel.detect;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one alert with exactly the keys of the {@code sentinel analyze}
 * contract. Times are capture time in nanoseconds since the epoch; entity fields are null when
 * they do not apply, {@code channel} is -1 when unknown.
 */
public record Alert(
        String id,
        String type,
        Severity severity,
        double confidence,
        long firstSeenNanos,
        long lastSeenNanos,
        long count,
        String bssid,
        String ssid,
        String source,
        String target,
        int channel,
        List<String> reasons,
        List<String> mitre,
        Map<String, Object> evidence,
        String summary) {

    public Alert {
        reasons = List.copyOf(reasons);
        mitre = List.copyOf(mitre);
        evidence = Json.freeze(evidence);
    }

    /** One JSON object (no newline) with the contract's keys in the contract's order. */
    public String toJson() { return AlertJson.write(this); }

    public double firstSeenSeconds() { return firstSeenNanos / 1e9; }

    public double lastSeenSeconds() { return lastSeenNanos / 1e9; }
}
