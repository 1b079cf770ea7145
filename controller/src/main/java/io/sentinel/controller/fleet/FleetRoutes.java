package io.sentinel.controller.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.fleet.FleetVersion;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.token.Role;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fleet configuration API: read it, its versions and diffs, each sensor's applied version
 * and learnt networks (viewer); save, roll back and approve learnt networks (admin) through
 * {@link FleetChanges}: checked with the field named (400), on top of {@code base_version}
 * (409 when another change came first), audited with the diff.
 */
public final class FleetRoutes {

    private static final TokenAccess VIEWER = TokenAccess.atLeast(Role.VIEWER), ADMIN = TokenAccess.atLeast(Role.ADMIN);

    private final FleetChanges changes;
    private final FleetRepository repo;
    private final SensorRepository sensors;
    private final RequestBodies bodies;

    public FleetRoutes(FleetChanges changes, SensorRepository sensors, RequestBodies bodies) {
        this.changes = changes;
        this.repo = changes.fleet().repository();
        this.sensors = sensors;
        this.bodies = bodies;
    }

    record SaveRequest(
            @JsonProperty(value = "document", required = true) FleetDocument document,
            @JsonProperty("base_version") Integer baseVersion,
            @JsonProperty("comment") String comment) {}

    record RollbackRequest(
            @JsonProperty(value = "version", required = true) int version,
            @JsonProperty("base_version") Integer baseVersion,
            @JsonProperty("comment") String comment) {}

    record ApproveRequest(
            @JsonProperty(value = "ssids", required = true) List<String> ssids,
            @JsonProperty("steady_days") Integer steadyDays,
            @JsonProperty("base_version") Integer baseVersion,
            @JsonProperty("comment") String comment) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/fleet/config", this::getConfig, VIEWER);
        routes.put("/api/v1/fleet/config", this::save, ADMIN);
        routes.get("/api/v1/fleet/versions", this::versions, VIEWER);
        routes.get("/api/v1/fleet/versions/{version}", this::version, VIEWER);
        routes.post("/api/v1/fleet/rollback", this::rollback, ADMIN);
        routes.get("/api/v1/fleet/sensors", this::sensorStates, VIEWER);
        routes.get("/api/v1/fleet/proposals", this::proposals, VIEWER);
        routes.get("/api/v1/fleet/observed", this::observed, VIEWER);
        routes.post("/api/v1/fleet/proposals/approve", this::approve, ADMIN);
    }

    // ---- reading -------------------------------------------------------------------------------

    private void getConfig(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        Optional<FleetVersion> v = repo.current();
        ctx.json(v.map(FleetRoutes::versionJson).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", 0);
            m.put("document", FleetDocument.EMPTY);
            return m;
        }));
    }

    private void versions(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("before", "limit"));
        List<FleetVersion> page = repo.versions(intParam(ctx, "before"), q.limit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.stream().map(FleetRoutes::summary).toList());
        out.put("next_before", page.isEmpty() || page.getLast().version() == 1 ? null : page.getLast().version());
        ctx.json(out);
    }

    private void version(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        int n = pathVersion(ctx);
        FleetVersion v = repo.version(n).orElseThrow(() -> ApiException.notFound("no configuration version " + n));
        Map<String, Object> out = versionJson(v);
        out.put("changes", changes.changesOf(v));
        ctx.json(out);
    }

    private void sensorStates(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        Optional<FleetVersion> current = repo.current();
        List<SensorDrift> drift = changes.drift(sensors.list(), current);
        ctx.json(Map.of("current_version", current.map(FleetVersion::version).orElse(0),
                "items", drift.stream().map(SensorDrift::toJson).toList()));
    }

    private void proposals(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of("steady_days"));
        int days = intParam(ctx, "steady_days").orElse(FleetChanges.DEFAULT_STEADY_DAYS);
        try {
            ctx.json(Map.of("steady_days", days, "items",
                    changes.proposals(changes.current(), days).stream().map(FleetChanges.Proposal::toJson).toList()));
        } catch (InvalidMessageException e) {
            throw ApiException.badField("invalid_parameter", e.field(), e.getMessage());
        }
    }

    private void observed(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of("recent_hours"));
        int hours = intParam(ctx, "recent_hours").orElse(24);
        if (hours > 24 * 90) throw ApiException.badField("invalid_parameter", "recent_hours", "recent_hours must be 1-2160");
        Optional<FleetVersion> v = repo.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.map(FleetVersion::version).orElse(0));
        out.put("recent_hours", hours);
        out.put("items", changes.observedVsExpected(v.map(FleetVersion::document).orElse(FleetDocument.EMPTY),
                java.time.Duration.ofHours(hours)).stream().map(FleetChanges.ObservedNetwork::toJson).toList());
        ctx.json(out);
    }

    // ---- changing ------------------------------------------------------------------------------

    private void save(Context ctx) throws Exception {
        SaveRequest req = bodies.json(ctx, SaveRequest.class);
        answer(ctx, () -> changes.save(actor(ctx), req.document(), opt(req.baseVersion()), Optional.ofNullable(req.comment()),
                "document."));
    }

    private void rollback(Context ctx) throws Exception {
        RollbackRequest req = bodies.json(ctx, RollbackRequest.class);
        answer(ctx, () -> changes.rollback(actor(ctx), req.version(), opt(req.baseVersion()), Optional.ofNullable(req.comment())));
    }

    private void approve(Context ctx) throws Exception {
        ApproveRequest req = bodies.json(ctx, ApproveRequest.class);
        int days = req.steadyDays() == null ? FleetChanges.DEFAULT_STEADY_DAYS : req.steadyDays();
        answer(ctx, () -> changes.approve(actor(ctx), req.ssids(), days, opt(req.baseVersion()), Optional.ofNullable(req.comment())));
    }

    private interface Change {
        FleetChanges.Saved run() throws SQLException, FleetRepository.StaleBase;
    }

    private static void answer(Context ctx, Change change) throws SQLException {
        FleetChanges.Saved saved;
        try {
            saved = change.run();
        } catch (InvalidMessageException e) {
            throw ApiException.refusing(e);
        } catch (FleetRepository.StaleBase e) {
            throw ApiException.conflict(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", saved.version());
        out.put("created_at", saved.at());
        out.put("created_by", saved.actor());
        out.put("comment", saved.comment());
        out.put("changes", saved.changes());
        ctx.status(200).json(out);
    }

    private static FleetChanges.Actor actor(Context ctx) {
        Principal who = TokenAuthenticator.current(ctx);
        return new FleetChanges.Actor(who.actor(), ctx.ip());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private static OptionalInt intParam(Context ctx, String name) {
        String s = ctx.queryParam(name);
        if (s == null) return OptionalInt.empty();
        try {
            int v = Integer.parseInt(s);
            if (v < 1) throw new NumberFormatException();
            return OptionalInt.of(v);
        } catch (NumberFormatException e) {
            throw ApiException.badField("invalid_parameter", name, name + " must be a positive integer");
        }
    }

    private static int pathVersion(Context ctx) {
        try {
            int v = Integer.parseInt(ctx.pathParam("version"));
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badField("invalid_parameter", "version", "version must be a positive integer");
        }
    }

    private static Map<String, Object> summary(FleetVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("created_at", v.createdAt());
        m.put("created_by", v.createdBy());
        m.put("comment", v.comment().orElse(null));
        m.put("rollback_of", v.rollbackOf().isPresent() ? v.rollbackOf().getAsInt() : null);
        return m;
    }

    private static Map<String, Object> versionJson(FleetVersion v) {
        Map<String, Object> m = summary(v);
        m.put("document", v.document());
        return m;
    }
}
