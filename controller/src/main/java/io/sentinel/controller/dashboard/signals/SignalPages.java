package io.sentinel.controller.dashboard.signals;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.JsonText;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.store.telemetry.ChannelLoad;
import io.sentinel.store.telemetry.TelemetryReadRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Channel occupancy and frames by subtype over time. */
public final class SignalPages {

    /** The subtypes chart's period and buckets. */
    static final Duration SUBTYPE_WINDOW = Duration.ofHours(3);
    static final Duration SUBTYPE_BUCKET = Duration.ofMinutes(10);
    /** The subtypes listed first (and so coloured first) when present. */
    static final List<String> SUBTYPE_ORDER = List.of("beacon", "probe_req", "probe_resp", "deauth", "disassoc", "auth",
            "assoc_req", "eapol");

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final TelemetryReadRepository telemetry;

    public SignalPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.telemetry = new TelemetryReadRepository(deps.database());
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/signals", errors.guard(this::page));
        config.routes.get("/dashboard/data/subtypes.json", errors.guard(ctx -> JsonText.send(ctx, subtypes(deps.clock().instant()))));
    }

    private void page(Context ctx) throws SQLException {
        List<ChannelLoad> channels = telemetry.channelLoads(deps.clock().instant().minus(Duration.ofHours(1)));
        long maxFrames = channels.stream().mapToLong(ChannelLoad::frames).max().orElse(0);
        long maxDevices = channels.stream().mapToLong(ChannelLoad::devices).max().orElse(0);
        templates.page(ctx, "signals", Map.of(
                "frame", gate.frame(ctx, "Signals", "signals"),
                "channels", channels,
                "maxFrames", Math.max(1, maxFrames),
                "maxDevices", Math.max(1, maxDevices)));
    }

    /** Frames per subtype per 10 minutes over the last three hours. */
    ChartData subtypes(Instant now) throws SQLException {
        Instant from = now.minus(SUBTYPE_WINDOW);
        return ChartData.counts(telemetry.framesBySubtypePer10Minutes(from), SUBTYPE_ORDER, "frames / 10 min",
                from.plus(SUBTYPE_BUCKET), now, SUBTYPE_BUCKET);
    }
}
