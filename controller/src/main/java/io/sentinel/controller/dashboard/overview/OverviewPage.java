package io.sentinel.controller.dashboard.overview;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.alerts.AlertQueries;
import io.sentinel.controller.dashboard.live.LiveFeed;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import java.time.Instant;
import java.util.Map;

/** The overview: health cards, alerts by severity, ingest rate, top attacked networks, and the live feed. */
public final class OverviewPage {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final OverviewQueries queries;
    private final AlertQueries alerts;
    private final LiveFeed feed;

    public OverviewPage(DashboardDeps deps, Templates templates, SessionGate gate, OverviewQueries queries, AlertQueries alerts,
                        LiveFeed feed) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.queries = queries;
        this.alerts = alerts;
        this.feed = feed;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard", this::page);
        config.routes.get("/dashboard/data/severity.json", ctx -> JsonText.send(ctx, queries.severityOverTime(deps.clock().instant())));
        config.routes.get("/dashboard/data/ingest.json", ctx -> JsonText.send(ctx, queries.ingestRate(deps.clock().instant())));
        config.routes.sse("/dashboard/events", feed::add);
    }

    private void page(Context ctx) {
        Instant now = deps.clock().instant();
        templates.page(ctx, "overview", Map.of(
                "frame", gate.frame(ctx, "Overview", "overview"),
                "stats", queries.stats(now),
                "top", queries.topAttacked(now, 10),
                "latest", alerts.latest(15),
                "now", now));
    }
}
