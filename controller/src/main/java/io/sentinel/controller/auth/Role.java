package io.sentinel.controller.auth;

import java.util.Locale;
import java.util.Optional;

/** API token roles; each includes the rights of the ones below it. */
public enum Role implements io.javalin.security.RouteRole {
    VIEWER,
    ANALYST,
    ADMIN;

    public boolean atLeast(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** The lower-case name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "viewer" -> Optional.of(VIEWER);
            case "analyst" -> Optional.of(ANALYST);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
