package io.sentinel.detect;

/**
 * One tunable of a detector: its name (used in configuration as {@code detector.name}), its
 * default, its unit and what it means. Names ending in {@code _s} are durations in seconds.
 */
public record Param(String name, Number defaultValue, String unit, String description) {

    public static Param count(String name, int def, String description) {
        return new Param(name, def, "count", description);
    }

    public static Param seconds(String name, double def, String description) {
        if (!name.endsWith("_s")) throw new IllegalArgumentException("duration names end in _s: " + name);
        return new Param(name, def, "s", description);
    }

    public static Param ratio(String name, double def, String description) {
        return new Param(name, def, "ratio", description);
    }

    public static Param decibels(String name, int def, String description) {
        return new Param(name, def, "dB", description);
    }

    boolean integral() { return defaultValue instanceof Integer || defaultValue instanceof Long; }
}
