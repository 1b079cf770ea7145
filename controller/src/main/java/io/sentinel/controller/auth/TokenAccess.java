package io.sentinel.controller.auth;

import io.javalin.security.RouteRole;
import io.sentinel.store.token.Role;

/**
 * Marks a route for callers with a bearer token of at least {@code minimum} (the store's one
 * {@link Role}), checked before the handler runs. {@link SensorAccess#SIGNED} marks sensor routes.
 */
public record TokenAccess(Role minimum) implements RouteRole {

    /** Routes open to tokens of {@code role} and every role that includes it. */
    public static TokenAccess atLeast(Role role) {
        return new TokenAccess(role);
    }
}
