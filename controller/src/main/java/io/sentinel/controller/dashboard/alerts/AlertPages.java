package io.sentinel.controller.dashboard.alerts;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.Templates;
import java.time.Instant;
import java.util.Map;

/** The alert list (filter, sort, page) and an alert's page with acknowledge and resolve. */
public final class AlertPages {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final AlertQueries queries;
    private final AlertLifecycle lifecycle;

    public AlertPages(DashboardDeps deps, Templates templates, SessionGate gate, AlertQueries queries) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.queries = queries;
        this.lifecycle = new AlertLifecycle(deps.dataSource());
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/alerts", this::list);
        config.routes.get("/dashboard/alerts/{id}", this::detail);
        config.routes.post("/dashboard/alerts/{id}/ack", ctx -> change(ctx, true));
        config.routes.post("/dashboard/alerts/{id}/resolve", ctx -> change(ctx, false));
    }

    private void list(Context ctx) {
        AlertFilter filter = AlertFilter.from(ctx);
        Instant now = deps.clock().instant();
        var page = queries.list(filter, now);
        templates.page(ctx, "alerts", Map.of(
                "frame", gate.frame(ctx, "Alerts", "alerts"),
                "filter", filter,
                "page", page,
                "now", now));
    }

    private void detail(Context ctx) {
        String id = ctx.pathParam("id");
        var detail = id.length() > 200 ? java.util.Optional.<AlertDetail>empty() : queries.find(id);
        if (detail.isEmpty()) {
            ctx.status(404);
            templates.page(ctx, "notfound", Map.of("frame", gate.frame(ctx, "Not found", "alerts"), "what", "alert"));
            return;
        }
        templates.page(ctx, "alert", Map.of(
                "frame", gate.frame(ctx, "Alert " + detail.get().alert().type(), "alerts"),
                "d", detail.get(),
                "now", deps.clock().instant(),
                "message", messageFor(ctx.queryParam("done"))));
    }

    private static String messageFor(String done) {
        if ("acknowledged".equals(done)) {
            return "Alert acknowledged.";
        }
        if ("resolved".equals(done)) {
            return "Alert resolved.";
        }
        if ("refused".equals(done)) {
            return "That change is not possible in the alert's current state.";
        }
        return "";
    }

    private void change(Context ctx, boolean acknowledge) {
        String id = ctx.pathParam("id");
        String comment = ctx.formParam("comment");
        String actor = "dashboard";
        String client = deps.clientAddress().apply(ctx);
        Instant now = deps.clock().instant();
        var outcome = acknowledge
                ? lifecycle.acknowledge(id, actor, client, comment, now)
                : lifecycle.resolve(id, actor, client, comment, now);
        String target = "/dashboard/alerts/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        switch (outcome) {
            case NOT_FOUND -> ctx.status(404).contentType("text/plain; charset=utf-8").result("no such alert");
            case NOT_ALLOWED -> ctx.redirect(target + "?done=refused", HttpStatus.SEE_OTHER);
            case CHANGED -> ctx.redirect(target + "?done=" + (acknowledge ? "acknowledged" : "resolved"), HttpStatus.SEE_OTHER);
        }
    }
}
