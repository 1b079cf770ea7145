package io.sentinel.controller.dashboard.networks;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.alerts.AlertRow;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.network.Network;
import io.sentinel.store.network.NetworkReadRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.telemetry.TelemetryReadRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The network inventory and a network's page with its RSSI chart. */
public final class NetworkPages {

    /** The RSSI chart's buckets. */
    static final Duration RSSI_BUCKET = Duration.ofMinutes(5);

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final NetworkReadRepository reads;
    private final NetworkRepository networks;
    private final TelemetryReadRepository telemetry;
    private final AlertReadRepository alerts;

    public NetworkPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors, AlertReadRepository alerts) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.reads = new NetworkReadRepository(deps.database());
        this.networks = new NetworkRepository(deps.database());
        this.telemetry = new TelemetryReadRepository(deps.database());
        this.alerts = alerts;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/networks", errors.guard(this::list));
        config.routes.get("/dashboard/networks/{bssid}", errors.guard(this::detail));
        config.routes.get("/dashboard/data/rssi.json", errors.guard(this::rssi));
    }

    private void list(Context ctx) throws SQLException {
        NetworkFilter filter = NetworkFilter.from(ctx);
        var page = reads.list(filter.toQuery(), NetworkFilter.PAGE_SIZE);
        templates.page(ctx, "networks", Map.of(
                "frame", gate.frame(ctx, "Networks", "networks"),
                "filter", filter,
                "page", page,
                "rows", page.rows().stream().map(NetworkRow::of).toList(),
                "now", deps.clock().instant()));
    }

    private void detail(Context ctx) throws SQLException {
        String bssid = ctx.pathParam("bssid").toLowerCase(Locale.ROOT);
        Optional<Network> network = Identifiers.isMac(bssid) ? networks.find(bssid) : Optional.empty();
        if (network.isEmpty()) {
            errors.notFound(ctx, "networks", "No sensor has reported a network with this BSSID.");
            return;
        }
        templates.page(ctx, "network", Map.of(
                "frame", gate.frame(ctx, "Network " + bssid, "networks"),
                "row", NetworkRow.of(network.get()),
                "hearings", reads.hearings(bssid, 200),
                "alerts", alerts.forBssid(bssid, 20).stream().map(AlertRow::of).toList(),
                "now", deps.clock().instant()));
    }

    private void rssi(Context ctx) throws SQLException {
        String bssid = String.valueOf(ctx.queryParam("bssid")).toLowerCase(Locale.ROOT);
        if (!Identifiers.isMac(bssid)) {
            ctx.status(400).contentType("application/json").result("{\"error\":\"bssid must be a MAC address\"}");
            return;
        }
        int hours;
        try {
            hours = Math.max(1, Math.min(24 * 30, Integer.parseInt(String.valueOf(ctx.queryParam("hours")))));
        } catch (NumberFormatException e) {
            hours = 24;
        }
        Instant now = deps.clock().instant();
        JsonText.send(ctx, ChartData.lines(telemetry.rssiPer5Minutes(bssid, now.minus(Duration.ofHours(hours))),
                "RSSI (dBm)", RSSI_BUCKET));
    }
}
