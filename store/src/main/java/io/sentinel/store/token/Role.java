package io.sentinel.store.token;

import java.util.Locale;

/** API roles, each including the rights of the ones before it: viewer < analyst < admin. */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** True when this role has at least the rights of {@code required}. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin}, {@code analyst} or {@code viewer} (any case). */
    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("role must be admin, analyst or viewer");
        }
    }
}
