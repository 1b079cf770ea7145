package io.sentinel.controller.dashboard.signals;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import java.time.Duration;
import java.util.Map;

/** Channel occupancy and frames by subtype over time. */
public final class SignalPages {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final SignalQueries queries;

    public SignalPages(DashboardDeps deps, Templates templates, SessionGate gate, SignalQueries queries) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.queries = queries;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/signals", this::page);
        config.routes.get("/dashboard/data/subtypes.json",
                ctx -> JsonText.send(ctx, queries.subtypesOverTime(deps.clock().instant(), Duration.ofHours(3))));
    }

    private void page(Context ctx) {
        var channels = queries.channels(deps.clock().instant(), Duration.ofHours(1));
        long maxFrames = channels.stream().mapToLong(SignalQueries.ChannelLoad::frames).max().orElse(0);
        long maxDevices = channels.stream().mapToLong(SignalQueries.ChannelLoad::devices).max().orElse(0);
        templates.page(ctx, "signals", Map.of(
                "frame", gate.frame(ctx, "Signals", "signals"),
                "channels", channels,
                "maxFrames", Math.max(1, maxFrames),
                "maxDevices", Math.max(1, maxDevices)));
    }
}
