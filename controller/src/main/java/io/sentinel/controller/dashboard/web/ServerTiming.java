package io.sentinel.controller.dashboard.web;

import io.javalin.http.Context;
import java.util.Locale;

/** Adds {@code Server-Timing: app;dur=<ms>} to dashboard responses: time from the first before-handler to the last after-handler. */
public final class ServerTiming {

    private static final String STARTED = "sentinel.dashboard.started";

    private ServerTiming() {}

    public static void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    public static void finish(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null && !ctx.res().isCommitted()) {
            double ms = (System.nanoTime() - started) / 1e6;
            ctx.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", ms));
        }
    }
}
