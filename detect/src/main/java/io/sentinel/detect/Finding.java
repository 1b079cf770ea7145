package io.sentinel.detect;

import io.sentinel.wifi.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a detector reports: the evidence for one alert type about some entities. The engine
 * merges findings with the same {@link #key()} into one growing alert. Built with
 * {@link #of(String, long)}; allocated only when a detector has something to say.
 */
public final class Finding {
    final String type;
    long firstNanos;
    long lastNanos;
    long frames = 1;
    Severity severity = Severity.MEDIUM;
    double confidence = 0.5;
    long bssid = MacAddress.NONE, source = MacAddress.NONE, target = MacAddress.NONE;
    String ssid;
    int channel = -1;
    final List<String> reasons = new ArrayList<>(4);
    List<String> mitre = List.of();
    final Map<String, Object> evidence = new LinkedHashMap<>();
    String summary = "";
    String key;

    private Finding(String type, long now) {
        this.type = type;
        this.firstNanos = now;
        this.lastNanos = now;
    }

    /** A finding of {@code type} whose latest evidence frame was seen at {@code nowNanos}. */
    public static Finding of(String type, long nowNanos) { return new Finding(type, nowNanos); }

    /** Capture time of the first evidence frame (defaults to now). */
    public Finding since(long firstNanos) {
        this.firstNanos = Math.min(firstNanos, lastNanos);
        return this;
    }

    /** Evidence frames this finding adds to the alert's count (default 1). */
    public Finding frames(long n) { frames = n; return this; }

    public Finding severity(Severity s) { severity = s; return this; }

    public Finding confidence(double c) { confidence = Math.max(0, Math.min(1, c)); return this; }

    public Finding bssid(long mac) { bssid = mac; return this; }

    public Finding source(long mac) { source = mac; return this; }

    public Finding target(long mac) { target = mac; return this; }

    public Finding ssid(String s) { ssid = s; return this; }

    public Finding channel(int c) { channel = c; return this; }

    public Finding reason(String r) {
        if (!reasons.contains(r)) reasons.add(r);
        return this;
    }

    public Finding mitre(List<String> ids) { mitre = ids; return this; }

    public Finding evidence(String name, Object value) { evidence.put(name, value); return this; }

    public Finding summary(String s) { summary = s; return this; }

    /** The merge key: findings with equal type and key grow the same alert. Default: type + entities. */
    public Finding key(String k) { key = k; return this; }

    public String type() { return type; }

    /** The alert key: the type and the merge key (explicit, or the entities). */
    String alertKey() {
        if (key != null) return type + "|" + key;
        return type + "|" + MacAddress.format(bssid) + "|" + MacAddress.format(source) + "|"
                + MacAddress.format(target) + "|" + ssid;
    }
}
