package io.sentinel.controller.auth;

import io.javalin.security.RouteRole;

/** Marks routes that only signed sensor requests may call (protocol v1), checked in the handler. */
public enum SensorAccess implements RouteRole {
    SIGNED
}
