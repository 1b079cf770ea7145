package io.sentinel.detect;

import java.util.List;
import java.util.Map;

/** The resolved parameters of one detector: configured overrides over the declared defaults. */
public final class Settings {
    private final DetectorSpec spec;
    private final Map<String, Object> overrides;
    private final List<MonitoredNetwork> monitored;
    /** The detector asked for the monitored networks (detectors read their settings when built). */
    private boolean monitoredRead;

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

    public List<MonitoredNetwork> monitored() {
        monitoredRead = true;
        return monitored;
    }

    /**
     * Whether a detector built with these settings behaves as one built with {@code other}: the
     * same detector, every parameter at the same value, and the same monitored networks when the
     * detector reads them. Such a detector is kept, with its state, across a configuration change.
     */
    public boolean sameAs(Settings other) { return sameParameters(other) && !monitoredDiffer(other); }

    /** The same detector with every parameter at the same value. */
    public boolean sameParameters(Settings other) {
        if (!spec.name().equals(other.spec.name())) return false;
        for (Param p : spec.params()) {
            if (Double.compare(raw(p.name()).doubleValue(), other.raw(p.name()).doubleValue()) != 0) return false;
        }
        return true;
    }

    /** The detector reads the monitored networks and they are not the same in {@code other}. */
    public boolean monitoredDiffer(Settings other) {
        return (monitoredRead || other.monitoredRead) && !monitored.equals(other.monitored);
    }

    public DetectorSpec spec() { return spec; }
}
