package io.sentinel.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one alert with exactly the keys of the {@code sentinel analyze}
 * contract. Times are capture time in nanoseconds since the epoch; entity fields are null when
 * they do not apply, {@code channel} is -1 when unknown. Its JSON (the sensor's wire and
 * {@code sentinel analyze}) is written by the protocol's codec in the sensor module
 * ({@code io.sentinel.sensor.alert.WireAlerts}); detect knows no JSON.
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
        evidence = freeze(evidence);
    }

    public double firstSeenSeconds() { return firstSeenNanos / 1e9; }

    public double lastSeenSeconds() { return lastSeenNanos / 1e9; }

    /** Deep, ordered, unmodifiable copy of an evidence map. */
    private static Map<String, Object> freeze(Map<String, Object> in) {
        if (in == null) return Map.of();
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, freezeValue(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> m) return freeze((Map<String, Object>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(freezeValue(o));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
