package io.sentinel.controller.dashboard.overview;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.alerts.AlertRow;
import io.sentinel.controller.dashboard.live.LiveFeed;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.ingest.IngestReadRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The overview: health cards, alerts by severity, ingest rate, most attacked networks, and the live feed. */
public final class OverviewPage {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final OverviewStats.Reader stats;
    private final AlertReadRepository alerts;
    private final IngestReadRepository ingest;
    private final LiveFeed feed;

    public OverviewPage(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors,
                        OverviewStats.Reader stats, AlertReadRepository alerts, LiveFeed feed) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.stats = stats;
        this.alerts = alerts;
        this.ingest = new IngestReadRepository(deps.database());
        this.feed = feed;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard", errors.guard(this::page));
        config.routes.get("/dashboard/data/severity.json", errors.guard(ctx -> JsonText.send(ctx, severityPerHour(deps.clock().instant()))));
        config.routes.get("/dashboard/data/ingest.json", errors.guard(ctx -> JsonText.send(ctx, ingestPerMinute(deps.clock().instant()))));
        config.routes.sse("/dashboard/events", feed::add);
    }

    private void page(Context ctx) throws SQLException {
        Instant now = deps.clock().instant();
        templates.page(ctx, "overview", Map.of(
                "frame", gate.frame(ctx, "Overview", "overview"),
                "stats", stats.read(now),
                "top", alerts.mostAttacked(now.minus(Duration.ofHours(24)), 10),
                "latest", alerts.latest(15).stream().map(AlertRow::of).toList(),
                "now", now));
    }

    /** Alerts raised per hour over the last 24 hours, one series per severity. */
    ChartData severityPerHour(Instant now) throws SQLException {
        List<String> worstFirst = AlertMessage.SEVERITIES.reversed();
        return ChartData.counts(alerts.raisedPerHour(now.minus(Duration.ofHours(24))), worstFirst, "alerts / hour",
                now.minus(Duration.ofHours(23)), now, Duration.ofHours(1));
    }

    /** Items stored per minute over the last hour, one series per kind (telemetry, alerts, heartbeat). */
    ChartData ingestPerMinute(Instant now) throws SQLException {
        return ChartData.counts(ingest.itemsPerMinute(now.minus(Duration.ofHours(1))), List.of("telemetry", "alerts", "heartbeat"),
                "items / min", now.minus(Duration.ofMinutes(59)), now, Duration.ofMinutes(1));
    }
}
