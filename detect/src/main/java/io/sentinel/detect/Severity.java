package io.sentinel.detect;

/** Alert severity of the contract, from least to most urgent. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The contract's lower-case name. */
    public String json() { return name().toLowerCase(java.util.Locale.ROOT); }

    public Severity max(Severity other) { return other != null && other.ordinal() > ordinal() ? other : this; }

    /** One step more urgent (critical stays critical). */
    public Severity raise() { return this == CRITICAL ? this : values()[ordinal() + 1]; }

    public static Severity parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
