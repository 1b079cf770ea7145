package io.sentinel.controller.query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.http.Pages;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.store.token.Role;
import io.sentinel.store.Page;
import io.sentinel.store.network.Network;
import io.sentinel.store.network.NetworkQuery;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.telemetry.StoredTelemetry;
import io.sentinel.store.telemetry.TelemetryQuery;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Viewer queries over stored telemetry ({@code GET /api/v1/telemetry}) and networks ({@code GET /api/v1/networks}). */
public final class QueryRoutes {

    private final TelemetryRepository telemetry;
    private final NetworkRepository networks;

    public QueryRoutes(TelemetryRepository telemetry, NetworkRepository networks) {
        this.telemetry = telemetry;
        this.networks = networks;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/telemetry", this::telemetry, TokenAccess.atLeast(Role.VIEWER));
        routes.get("/api/v1/networks", this::networks, TokenAccess.atLeast(Role.VIEWER));
    }

    private void telemetry(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("sensor_id", "bssid", "since", "until", "limit", "cursor"));
        Optional<Instant> since = q.time("since");
        Optional<Instant> until = q.time("until");
        QueryParams.requireOrder(since, until);
        TelemetryQuery query = new TelemetryQuery(q.sensorId("sensor_id"), q.mac("bssid"), since, until, q.limit(),
                Pages.checkedCursor(q));
        Page<StoredTelemetry> page = telemetry.query(query);
        ctx.json(Pages.body(page.items(), page.nextCursor()));
    }

    private void networks(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("ssid", "security", "since", "limit", "cursor"));
        NetworkQuery query = new NetworkQuery(q.text("ssid", 64), q.text("security", 32), q.time("since"), q.limit(),
                Pages.checkedCursor(q));
        Page<Network> page = networks.query(query);
        ctx.json(Pages.body(page.items().stream().map(QueryRoutes::toJson).toList(), page.nextCursor()));
    }

    static Map<String, Object> toJson(Network n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bssid", n.bssid());
        m.put("ssid", n.ssidBytes().flatMap(Ssid::text).orElse(null));
        m.put("ssid_hex", n.ssidBytes().map(Ssid::hex).orElse(null));
        m.put("ssid_display", n.ssidBytes().map(Ssid::display).orElse(null));
        m.put("hidden", n.hidden());
        m.put("security", n.security().orElse(null));
        m.put("channel", n.channel().orElse(null));
        m.put("freq_mhz", n.freqMhz().orElse(null));
        m.put("vendor", n.vendor().orElse(null));
        m.put("first_seen", n.firstSeen());
        m.put("last_seen", n.lastSeen());
        m.put("sensors", n.sensors().stream().map(s -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("sensor_id", s.sensorId());
            v.put("rssi_min", s.rssiMin().orElse(null));
            v.put("rssi_avg", s.rssiAvg().orElse(null));
            v.put("rssi_max", s.rssiMax().orElse(null));
            v.put("last_seen", s.lastSeen());
            return v;
        }).toList());
        return m;
    }
}
