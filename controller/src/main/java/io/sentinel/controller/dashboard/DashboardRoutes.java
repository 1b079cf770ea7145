package io.sentinel.controller.dashboard;

import io.javalin.config.JavalinConfig;
import io.sentinel.controller.dashboard.alerts.AlertPages;
import io.sentinel.controller.dashboard.alerts.AlertQueries;
import io.sentinel.controller.dashboard.live.LiveFeed;
import io.sentinel.controller.dashboard.networks.NetworkPages;
import io.sentinel.controller.dashboard.networks.NetworkQueries;
import io.sentinel.controller.dashboard.overview.OverviewPage;
import io.sentinel.controller.dashboard.overview.OverviewQueries;
import io.sentinel.controller.dashboard.sensors.SensorPages;
import io.sentinel.controller.dashboard.sensors.SensorQueries;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.signals.SignalPages;
import io.sentinel.controller.dashboard.signals.SignalQueries;
import io.sentinel.controller.dashboard.web.ServerTiming;
import io.sentinel.controller.dashboard.web.Sql;
import io.sentinel.controller.dashboard.web.StaticAssets;
import io.sentinel.controller.dashboard.web.Templates;

/**
 * The operator dashboard: server-rendered pages under {@code /dashboard}.
 *
 * <p>The controller's app wiring calls {@link #register} once, inside
 * {@code Javalin.create(config -> ...)}:
 *
 * <pre>{@code
 * DashboardDeps deps = DashboardDeps.builder(database.dataSource(), config.secretKey(), config.dashPassword())
 *         .enroller((id, name, location) -> ...)           // the controller's own enrolment
 *         .clientAddress(ctx -> proxies.resolve(...).client())  // trusted-proxy aware
 *         .secureRequest(ctx -> "https".equals(proxies.resolve(...).scheme()))
 *         .build();
 * DashboardRoutes.register(javalinConfig, deps);
 * }</pre>
 *
 * <p>Routes it adds (nothing outside {@code /dashboard}; the controller may redirect {@code /}
 * to {@code /dashboard}): {@code GET /dashboard}, {@code /dashboard/login} (GET, POST),
 * {@code POST /dashboard/logout}, {@code /dashboard/alerts[/{id}[/ack|/resolve]]},
 * {@code /dashboard/networks[/{bssid}]}, {@code /dashboard/sensors}, {@code /dashboard/signals},
 * {@code GET /dashboard/events} (server-sent events), {@code /dashboard/data/*.json} (chart data) and
 * {@code /dashboard/static/*}. Every response carries a strict Content-Security-Policy. It
 * starts one daemon thread (the live feed), idle while nobody watches.
 */
public final class DashboardRoutes {

    private DashboardRoutes() {}

    /** Adds the dashboard's routes and before-handlers to {@code config}. */
    public static Dashboard register(JavalinConfig config, DashboardDeps deps) {
        Templates templates = new Templates();
        Sql sql = new Sql(deps.dataSource());
        SessionGate gate = new SessionGate(deps, templates);
        AlertQueries alerts = new AlertQueries(sql);
        new StaticAssets().register(config);
        // server-side time of every dashboard response, for operators' dev tools and the benchmark
        config.routes.before("/dashboard", ServerTiming::start);
        config.routes.before("/dashboard/*", ServerTiming::start);
        config.routes.after("/dashboard", ServerTiming::finish);
        config.routes.after("/dashboard/*", ServerTiming::finish);
        gate.register(config);
        OverviewQueries overview = new OverviewQueries(sql);
        LiveFeed feed = new LiveFeed(sql, alerts, overview, templates, deps.clock(), deps.liveInterval());
        new OverviewPage(deps, templates, gate, overview, alerts, feed).register(config);
        new AlertPages(deps, templates, gate, alerts).register(config);
        new NetworkPages(deps, templates, gate, new NetworkQueries(sql), alerts).register(config);
        new SensorPages(deps, templates, gate, new SensorQueries(sql)).register(config);
        new SignalPages(deps, templates, gate, new SignalQueries(sql)).register(config);
        config.routes.exception(Sql.DataAccessException.class, (e, ctx) -> {
            if (ctx.path().startsWith("/dashboard")) {
                ctx.status(503).contentType("text/plain; charset=utf-8").result("database unavailable: try again shortly");
            }
        });
        return new Dashboard(feed);
    }

    /** Handle on the running dashboard (stop its live feed on shutdown). */
    public static final class Dashboard implements AutoCloseable {
        private final LiveFeed feed;

        private Dashboard(LiveFeed feed) {
            this.feed = feed;
        }

        /** Browsers listening to the live feed now. */
        public int liveListeners() {
            return feed.listeners();
        }

        @Override
        public void close() {
            feed.close();
        }
    }
}
