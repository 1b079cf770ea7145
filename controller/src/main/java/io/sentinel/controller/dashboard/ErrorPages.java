package io.sentinel.controller.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.Frame;
import io.sentinel.controller.dashboard.web.SecurityHeaders;
import io.sentinel.controller.dashboard.web.Templates;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every answer under {@code /dashboard} that is not the page asked for is still a page of the
 * dashboard, in its frame: an unknown path or id (404), a method the path does not take (405),
 * a refused form (403, from the session gate) and a database that does not answer (503). The
 * API under {@code /api/} keeps its JSON errors; chart data ({@code .json}) answers JSON.
 */
public final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final Templates templates;
    private final SessionGate gate;

    public ErrorPages(Templates templates, SessionGate gate) {
        this.templates = templates;
        this.gate = gate;
    }

    /** Replaces the body of 404 and 405 answers under {@code /dashboard}, whoever produced them. */
    public void register(JavalinConfig config) {
        config.routes.error(404, "*", ctx -> {
            if (isPage(ctx) && !ctx.res().isCommitted() && !"true".equals(ctx.attribute(RENDERED))) {
                notFound(ctx, "", "There is no such page in the dashboard.");
            }
        });
        config.routes.error(405, "*", ctx -> {
            if (isPage(ctx) && !ctx.res().isCommitted()) {
                page(ctx, 405, "", "Not possible here", "This address does not take a " + ctx.method() + " request.");
            }
        });
    }

    private static final String RENDERED = "sentinel.dashboard.errorPage";

    /**
     * {@code handler} with its database failures answered as 503 (a page, or JSON for chart data).
     * Caught here rather than by an exception mapper: the API maps {@link SQLException} its own way.
     */
    public Handler guard(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (SQLException e) {
                database(ctx, e);
            }
        };
    }

    /** A 404 page in the frame of {@code section}. */
    public void notFound(Context ctx, String section, String message) {
        ctx.attribute(RENDERED, "true");
        page(ctx, 404, section, "Not found", message);
    }

    /** An error page: {@code status}, the dashboard's frame, a title and one sentence. */
    public void page(Context ctx, int status, String section, String title, String message) {
        SecurityHeaders.apply(ctx);
        Frame frame = SessionGate.session(ctx) != null ? gate.frame(ctx, title, section) : Frame.anonymous(title);
        ctx.status(status);
        templates.page(ctx, "error", Map.of("frame", frame, "status", status, "message", message));
    }

    private void database(Context ctx, SQLException e) {
        LOG.warn("dashboard query failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        if (isPage(ctx)) {
            ctx.header("Retry-After", "5");
            page(ctx, 503, "", "Database unavailable", "The database did not answer. Try again in a few seconds.");
        } else {
            ctx.status(503).header("Retry-After", "5").contentType("application/json")
                    .result("{\"error\":\"unavailable\",\"detail\":\"the database is unavailable; retry later\"}");
        }
    }

    /** A dashboard address a browser shows as a page (not chart data). */
    static boolean isPage(Context ctx) {
        String path = ctx.path();
        return (path.equals("/dashboard") || path.startsWith("/dashboard/")) && !path.endsWith(".json");
    }
}
