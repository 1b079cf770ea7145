package io.sentinel.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Engine and detector configuration as plain values. Overrides are keyed {@code detector.param}
 * (e.g. {@code deauth_flood.threshold}); every key is checked against the detector catalogue so
 * a typo is an error with a message, not a silently ignored setting.
 *
 * <p>{@link #fromMap} reads the structure of the YAML file:
 * <pre>
 * engine: {quiet_gap_s: 60, update_interval_s: 10, max_open_alerts: 10000}
 * detectors:
 *   deauth_flood: {threshold: 20, window_s: 2}
 *   beacon_flood: {enabled: false}
 * monitored_networks:
 *   - {ssid: CorpNet, bssids: ["00:11:22:33:44:55"], channels: [1, 36], security: wpa2-psk}
 * alerts:                      # per alert type, over the AlertPolicy its detector declares
 *   deauth_flood: {rate_per_min: 2, burst: 1, hold_s: 300, group: bssid}
 * </pre>
 */
public final class DetectionConfig {

    public static final double DEFAULT_QUIET_GAP_S = 60, DEFAULT_UPDATE_INTERVAL_S = 10;
    public static final int DEFAULT_MAX_OPEN_ALERTS = 10_000;

    private final Map<String, Object> overrides;
    private final Set<String> disabled;
    private final List<MonitoredNetwork> monitored;
    private final long quietGapNanos;
    private final long updateIntervalNanos;
    private final int maxOpenAlerts;

    private DetectionConfig(Map<String, Object> overrides, Set<String> disabled, List<MonitoredNetwork> monitored,
                            long quietGapNanos, long updateIntervalNanos, int maxOpenAlerts) {
        this.overrides = Map.copyOf(overrides);
        this.disabled = Set.copyOf(disabled);
        this.monitored = List.copyOf(monitored);
        this.quietGapNanos = quietGapNanos;
        this.updateIntervalNanos = updateIntervalNanos;
        this.maxOpenAlerts = maxOpenAlerts;
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(Map.of(), Set.of(), List.of(), seconds(DEFAULT_QUIET_GAP_S),
                seconds(DEFAULT_UPDATE_INTERVAL_S), DEFAULT_MAX_OPEN_ALERTS);
    }

    private static long seconds(double s) { return Math.round(s * 1e9); }

    /** A copy with one override, e.g. {@code with("deauth_flood.threshold", 30)} or {@code with("engine.quiet_gap_s", 5)}. */
    public DetectionConfig with(String key, Object value) {
        Map<String, Object> o = new LinkedHashMap<>(overrides);
        Set<String> d = new HashSet<>(disabled);
        long gap = quietGapNanos, upd = updateIntervalNanos;
        int max = maxOpenAlerts;
        int dot = key.indexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("configuration key must be detector.parameter: " + key);
        String section = key.substring(0, dot), name = key.substring(dot + 1);
        if (section.equals("alerts")) {
            o.put(key, alertOverride(name, value));
            return new DetectionConfig(o, d, monitored, gap, upd, max);
        }
        if (section.equals("engine")) {
            switch (name) {
                case "quiet_gap_s" -> gap = seconds(number(key, value).doubleValue());
                case "update_interval_s" -> upd = seconds(number(key, value).doubleValue());
                case "max_open_alerts" -> max = number(key, value).intValue();
                default -> throw new IllegalArgumentException("unknown engine setting '" + name
                        + "' (quiet_gap_s, update_interval_s, max_open_alerts)");
            }
        } else {
            DetectorSpec spec = Detectors.spec(section);
            if (name.equals("enabled")) {
                if (!(value instanceof Boolean b)) throw new IllegalArgumentException(key + " must be true or false");
                if (b) d.remove(section); else d.add(section);
            } else {
                Param p = spec.param(name);
                if (p == null) {
                    throw new IllegalArgumentException("detector " + section + " has no parameter '" + name + "' (has: enabled, "
                            + String.join(", ", spec.params().stream().map(Param::name).toList()) + ")");
                }
                Number n = number(key, value);
                if (n.doubleValue() < 0) throw new IllegalArgumentException(key + " must not be negative");
                o.put(key, p.integral() ? (Number) n.intValue() : (Number) n.doubleValue());
            }
        }
        return new DetectionConfig(o, d, monitored, gap, upd, max);
    }

    private static final List<String> ALERT_FIELDS = List.of("rate_per_min", "burst", "hold_s", "group");

    private static Object alertOverride(String name, Object value) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("alert setting must be alerts.TYPE.FIELD: alerts." + name);
        String type = name.substring(0, dot), field = name.substring(dot + 1);
        boolean known = false;
        for (Detectors.Entry e : Detectors.catalogue()) known |= e.spec().alertTypes().contains(type);
        if (!known) throw new IllegalArgumentException("no detector raises alert type '" + type + "' (alerts." + name + ")");
        if (!ALERT_FIELDS.contains(field)) {
            throw new IllegalArgumentException("unknown alert setting '" + field + "' for " + type + " (" + String.join(", ", ALERT_FIELDS) + ")");
        }
        if (field.equals("group")) {
            try {
                return AlertPolicy.Group.valueOf(String.valueOf(value).trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts." + name + " must be one of finding, bssid, source, ssid, type");
            }
        }
        Number n = number("alerts." + name, value);
        if (n.doubleValue() < 0) throw new IllegalArgumentException("alerts." + name + " must not be negative");
        return field.equals("burst") ? (Number) n.intValue() : (Number) n.doubleValue();
    }

    /** The policy of an alert type: the detector's declaration with the configured {@code alerts.TYPE.*} overrides. */
    public AlertPolicy policy(AlertPolicy declared) {
        String k = "alerts." + declared.type() + ".";
        AlertPolicy p = declared;
        if (overrides.get(k + "group") instanceof AlertPolicy.Group g) p = p.by(g);
        if (overrides.get(k + "hold_s") instanceof Number n) p = p.hold(n.doubleValue());
        Number rate = (Number) overrides.get(k + "rate_per_min"), burst = (Number) overrides.get(k + "burst");
        if (rate != null || burst != null) {
            p = p.limit(rate != null ? rate.doubleValue() : p.ratePerMinute(), burst != null ? burst.intValue() : p.burst());
        }
        return p;
    }

    public DetectionConfig withMonitored(List<MonitoredNetwork> networks) {
        return new DetectionConfig(overrides, disabled, networks, quietGapNanos, updateIntervalNanos, maxOpenAlerts);
    }

    private static Number number(String key, Object v) {
        if (v instanceof Number n) return n;
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(key + " must be a number, got: " + v);
    }

    /** Reads the nested structure of a parsed YAML/JSON document (see the class comment). */
    @SuppressWarnings("unchecked")
    public static DetectionConfig fromMap(Map<String, ?> root) {
        DetectionConfig c = defaults();
        if (root == null) return c;
        for (Map.Entry<String, ?> e : root.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "engine" -> {
                    for (Map.Entry<String, Object> s : asMap(k, v).entrySet()) c = c.with("engine." + s.getKey(), s.getValue());
                }
                case "detectors" -> {
                    for (Map.Entry<String, Object> d : asMap(k, v).entrySet()) {
                        if (d.getKey().contains(".")) {
                            c = c.with(d.getKey(), d.getValue());
                            continue;
                        }
                        for (Map.Entry<String, Object> s : asMap("detectors." + d.getKey(), d.getValue()).entrySet())
                            c = c.with(d.getKey() + "." + s.getKey(), s.getValue());
                    }
                }
                case "alerts" -> {
                    for (Map.Entry<String, Object> t : asMap(k, v).entrySet()) {
                        for (Map.Entry<String, Object> s : asMap("alerts." + t.getKey(), t.getValue()).entrySet())
                            c = c.with("alerts." + t.getKey() + "." + s.getKey(), s.getValue());
                    }
                }
                case "monitored_networks" -> {
                    if (!(v instanceof List<?> list)) throw new IllegalArgumentException("monitored_networks must be a list");
                    List<MonitoredNetwork> nets = new ArrayList<>();
                    for (Object o : list) nets.add(MonitoredNetwork.fromMap(asMap("monitored_networks[]", o)));
                    c = c.withMonitored(nets);
                }
                default -> {
                    if (k.contains(".")) c = c.with(k, v);
                    else throw new IllegalArgumentException("unknown configuration section '" + k
                            + "' (engine, detectors, alerts, monitored_networks, or detector.parameter keys)");
                }
            }
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String where, Object v) {
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + " must be a mapping");
        return (Map<String, Object>) m;
    }

    public boolean enabled(String detector) { return !disabled.contains(detector); }

    public Settings settings(DetectorSpec spec) { return new Settings(spec, overrides, monitored); }

    public Map<String, Object> overrides() { return overrides; }

    public List<MonitoredNetwork> monitored() { return monitored; }

    public long quietGapNanos() { return quietGapNanos; }

    public long updateIntervalNanos() { return updateIntervalNanos; }

    public int maxOpenAlerts() { return maxOpenAlerts; }
}
