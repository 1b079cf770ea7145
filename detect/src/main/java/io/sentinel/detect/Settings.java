package io.sentinel.detect;

import java.util.List;
import java.util.Map;

/** The resolved parameters of one detector: configured overrides over the declared defaults. */
public final class Settings {
    private final DetectorSpec spec;
    private final Map<String, Object> overrides;
    private final List<MonitoredNetwork> monitored;

    Settings(DetectorSpec spec, Map<String, Object> overrides, List<MonitoredNetwork> monitored) {
        this.spec = spec;
        this.overrides = overrides;
        this.monitored = monitored;
    }

    /** Defaults only (tests). */
    public static Settings defaults(DetectorSpec spec) { return new Settings(spec, Map.of(), List.of()); }

    private Number raw(String name) {
        Param p = spec.param(name);
        if (p == null) throw new IllegalArgumentException(spec.name() + " has no parameter " + name);
        Object v = overrides.get(spec.name() + "." + name);
        return v == null ? p.defaultValue() : (Number) v;
    }

    public int count(String name) { return raw(name).intValue(); }

    public double real(String name) { return raw(name).doubleValue(); }

    /** A duration parameter ({@code *_s}) in nanoseconds. */
    public long nanos(String name) { return Math.round(raw(name).doubleValue() * 1e9); }

    public List<MonitoredNetwork> monitored() { return monitored; }

    public DetectorSpec spec() { return spec; }
}
