package io.sentinel.controller.dashboard.networks;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.alerts.AlertQueries;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The network inventory and a network's page with its RSSI chart. */
public final class NetworkPages {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final NetworkQueries queries;
    private final AlertQueries alerts;

    public NetworkPages(DashboardDeps deps, Templates templates, SessionGate gate, NetworkQueries queries, AlertQueries alerts) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.queries = queries;
        this.alerts = alerts;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/networks", this::list);
        config.routes.get("/dashboard/networks/{bssid}", this::detail);
        config.routes.get("/dashboard/data/rssi.json", this::rssi);
    }

    private void list(Context ctx) {
        NetworkFilter filter = NetworkFilter.from(ctx);
        templates.page(ctx, "networks", Map.of(
                "frame", gate.frame(ctx, "Networks", "networks"),
                "filter", filter,
                "page", queries.list(filter),
                "now", deps.clock().instant()));
    }

    private void detail(Context ctx) {
        String bssid = ctx.pathParam("bssid").toLowerCase(Locale.ROOT);
        var network = bssid.matches(NetworkQueries.MAC) ? queries.find(bssid) : java.util.Optional.<NetworkQueries.NetworkRow>empty();
        if (network.isEmpty()) {
            ctx.status(404);
            templates.page(ctx, "notfound", Map.of("frame", gate.frame(ctx, "Not found", "networks"), "what", "network"));
            return;
        }
        templates.page(ctx, "network", Map.of(
                "frame", gate.frame(ctx, "Network " + bssid, "networks"),
                "n", network.get(),
                "hearings", queries.hearings(bssid),
                "alerts", alerts.forBssid(bssid, 20),
                "now", deps.clock().instant()));
    }

    private void rssi(Context ctx) {
        String bssid = String.valueOf(ctx.queryParam("bssid")).toLowerCase(Locale.ROOT);
        if (!bssid.matches(NetworkQueries.MAC)) {
            ctx.status(400).contentType("application/json").result("{\"error\":\"bssid must be a MAC address\"}");
            return;
        }
        int hours = 24;
        try {
            hours = Math.max(1, Math.min(24 * 30, Integer.parseInt(String.valueOf(ctx.queryParam("hours")))));
        } catch (NumberFormatException e) {
            hours = 24;
        }
        JsonText.send(ctx, queries.rssiOverTime(bssid, deps.clock().instant(), Duration.ofHours(hours)));
    }
}
