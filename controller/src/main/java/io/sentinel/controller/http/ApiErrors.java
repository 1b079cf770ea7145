package io.sentinel.controller.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.sentinel.protocol.wire.ControllerAnswer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as {@code {"error","detail"}}: refusals with their 4xx, Javalin's own
 * (404, 405, ...) translated, and anything unexpected as a 500 that is logged with its stack trace
 * (bad input never gets here: handlers validate it and throw {@link ApiException}).
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final ControllerAnswer.Refusal INTERNAL = new ControllerAnswer.Refusal("internal",
            "the server failed to handle this request; see the controller log", null);

    private ApiErrors() {}

    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.body(), e.headers()));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
                new ControllerAnswer.Refusal(errorName(e.getStatus()),
                        e.getStatus() == 404 ? "no such resource: " + ctx.method() + " " + ctx.path() : e.getMessage(), null),
                Map.of()));
        routes.exception(StoreFailure.class, (e, ctx) -> database(ctx, e.getCause()));
        routes.exception(java.sql.SQLException.class, (e, ctx) -> database(ctx, e));
        routes.exception(io.sentinel.store.queue.QueueException.class, (e, ctx) -> {
            LOG.warn("queue unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ApiException u = ApiException.unavailable(5, "the ingest queue is unavailable; retry later");
            write(ctx, u.status(), u.body(), u.headers());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, INTERNAL, Map.of());
        });
    }

    /** A lost or refused database connection is a 503 (retry); any other SQL failure is our bug, a 500. */
    private static void database(Context ctx, java.sql.SQLException e) {
        if (isConnectionProblem(e)) {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ApiException u = ApiException.unavailable(5, "the database is unavailable; retry later");
            write(ctx, u.status(), u.body(), u.headers());
            return;
        }
        LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, INTERNAL, Map.of());
    }

    static boolean isConnectionProblem(java.sql.SQLException e) {
        for (java.sql.SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (s instanceof java.sql.SQLTransientConnectionException || s instanceof java.sql.SQLNonTransientConnectionException
                    || (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
                return true;
            }
        }
        return false;
    }

    private static void write(Context ctx, int status, ControllerAnswer.Refusal body, Map<String, String> headers) {
        headers.forEach(ctx::header);
        ctx.status(status).json(body);
    }

    static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }
}
