package io.sentinel.store.token;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do; each role includes the rights of the ones before it:
 * viewer &lt; analyst &lt; admin. The one role type of the system: tokens are stored with it and
 * the controller's routes require it (through {@code controller/auth/TokenAccess}).
 */
public enum Role {
    VIEWER,
    ANALYST,
    ADMIN;

    /** True when this role has at least the rights of {@code required}. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** The lower-case name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named exactly {@code admin}, {@code analyst} or {@code viewer}; empty for anything else. */
    public static Optional<Role> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
