package io.sentinel.controller.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code io.sentinel.controller.access} logger: method, path, status,
 * duration and the effective client address (after trusted-proxy resolution), plus a request timer
 * tagged by route template (never by raw path, to bound cardinality).
 */
public final class AccessLog {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.sentinel.controller.access");

    private final ClientViews clients;
    private final MeterRegistry registry;

    public AccessLog(ClientViews clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    public void log(Context ctx, Float millis) {
        double ms = millis == null ? 0 : millis;
        String client = clients.of(ctx).clientIp();
        int status = ctx.statusCode();
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(String.format(Locale.ROOT, "%s %s %d %.1fms client=%s",
                    ctx.method().name(), sanitize(ctx.path()), status, ms, sanitize(client)));
        }
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", routeOf(ctx))
                .tag("status", Integer.toString(status))
                .register(registry)
                .record((long) (ms * 1000), TimeUnit.MICROSECONDS);
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Keeps log lines single-line whatever a client puts in a path or header. */
    private static String sanitize(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 512));
        for (int i = 0; i < s.length() && i < 512; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
