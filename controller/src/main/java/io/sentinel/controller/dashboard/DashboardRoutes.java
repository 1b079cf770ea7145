package io.sentinel.controller.dashboard;

import io.javalin.config.JavalinConfig;
import io.sentinel.controller.dashboard.alerts.AlertPages;
import io.sentinel.controller.dashboard.live.LiveFeed;
import io.sentinel.controller.dashboard.networks.NetworkPages;
import io.sentinel.controller.dashboard.overview.OverviewPage;
import io.sentinel.controller.dashboard.overview.OverviewStats;
import io.sentinel.controller.dashboard.sensors.SensorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.signals.SignalPages;
import io.sentinel.controller.dashboard.web.ServerTiming;
import io.sentinel.controller.dashboard.web.StaticAssets;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.store.alert.AlertReadRepository;

/**
 * The operator dashboard: server-rendered pages under {@code /dashboard}. It reads the database
 * only through the store's read repositories and changes alerts only through the store's
 * {@code AlertLifecycle} (the API's).
 *
 * <p>The controller's app wiring calls {@link #register} once, inside
 * {@code Javalin.create(config -> ...)}:
 *
 * <pre>{@code
 * DashboardDeps deps = DashboardDeps.builder(database, config.secretKey(), config.dashPassword())
 *         .lifecycle(lifecycle)                            // the API's alert lifecycle
 *         .enroller((id, name, location) -> ...)           // the controller's own enrolment
 *         .clientAddress(ctx -> proxies.resolve(...).client())  // trusted-proxy aware
 *         .secureRequest(ctx -> "https".equals(proxies.resolve(...).scheme()))
 *         .build();
 * DashboardRoutes.register(javalinConfig, deps);
 * }</pre>
 *
 * <p>Routes it adds (nothing outside {@code /dashboard}; the controller may redirect {@code /}
 * to {@code /dashboard}): {@code GET /dashboard}, {@code /dashboard/login} (GET, POST),
 * {@code POST /dashboard/logout}, {@code /dashboard/alerts[/{id}[/ack|/resolve|/reopen]]},
 * {@code /dashboard/networks[/{bssid}]}, {@code /dashboard/sensors}, {@code /dashboard/signals},
 * {@code GET /dashboard/events} (server-sent events), {@code /dashboard/data/*.json} (chart data) and
 * {@code /dashboard/static/*}. Any other path under {@code /dashboard} answers a 404 page in the
 * dashboard's frame. Every response carries a strict Content-Security-Policy. It starts one
 * daemon thread (the live feed), idle while nobody watches.
 */
public final class DashboardRoutes {

    private DashboardRoutes() {}

    /** Adds the dashboard's routes and before-handlers to {@code config}. */
    public static Dashboard register(JavalinConfig config, DashboardDeps deps) {
        Templates templates = new Templates();
        SessionGate gate = new SessionGate(deps, templates);
        ErrorPages errors = new ErrorPages(templates, gate);
        AlertReadRepository alerts = new AlertReadRepository(deps.database());
        OverviewStats.Reader stats = new OverviewStats.Reader(deps.database(), alerts, deps.deadLetters());
        new StaticAssets().register(config);
        // server-side time of every dashboard response, for operators' dev tools and the benchmark
        config.routes.before("/dashboard", ServerTiming::start);
        config.routes.before("/dashboard/*", ServerTiming::start);
        config.routes.after("/dashboard", ServerTiming::finish);
        config.routes.after("/dashboard/*", ServerTiming::finish);
        gate.register(config);
        errors.register(config);
        LiveFeed feed = new LiveFeed(alerts, stats, templates, deps.clock(), deps.liveInterval());
        new OverviewPage(deps, templates, gate, errors, stats, alerts, feed).register(config);
        new AlertPages(deps, templates, gate, errors, alerts).register(config);
        new NetworkPages(deps, templates, gate, errors, alerts).register(config);
        new SensorPages(deps, templates, gate, errors).register(config);
        new SignalPages(deps, templates, gate, errors).register(config);
        new io.sentinel.controller.dashboard.notify.NotifyPages(deps, templates, gate, errors).register(config);
        new io.sentinel.controller.dashboard.fleet.FleetPages(deps, templates, gate, errors).register(config);
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
