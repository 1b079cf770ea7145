package io.sentinel.controller.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.fleet.MonitoredNetworkSpec;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.fleet.FleetVersion;
import io.sentinel.store.fleet.LearnedNetwork;
import io.sentinel.store.fleet.SensorConfigState;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.token.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fleet configuration API: read it, its versions and diffs, and each sensor's applied
 * version (viewer); save, roll back, and approve learnt networks (admin). Every change is a
 * new version, checked before it is saved (the field named on refusal), saved on top of the
 * version the operator edited ({@code base_version}, 409 when another change came first) and
 * audited with its diff in the same transaction.
 */
public final class FleetRoutes {

    static final int MAX_DIFF = 200;
    private static final TokenAccess VIEWER = TokenAccess.atLeast(Role.VIEWER), ADMIN = TokenAccess.atLeast(Role.ADMIN);

    private final FleetService fleet;
    private final FleetRepository repo;
    private final SensorRepository sensors;
    private final RequestBodies bodies;
    private final Auditor auditor;
    private final Clock clock;

    public FleetRoutes(FleetService fleet, SensorRepository sensors, RequestBodies bodies, Auditor auditor, Clock clock) {
        this.fleet = fleet;
        this.repo = fleet.repository();
        this.sensors = sensors;
        this.bodies = bodies;
        this.auditor = auditor;
        this.clock = clock;
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
        OptionalInt before = intParam(ctx, "before");
        List<FleetVersion> page = repo.versions(before, q.limit());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.stream().map(FleetRoutes::summary).toList());
        out.put("next_before", page.isEmpty() || page.getLast().version() == 1 ? null : page.getLast().version());
        ctx.json(out);
    }

    private void version(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        int n = pathVersion(ctx);
        FleetVersion v = repo.version(n).orElseThrow(() -> ApiException.notFound("no configuration version " + n));
        JsonNode previous = n == 1 ? null : repo.version(n - 1).map(p -> tree(p.document())).orElse(null);
        Map<String, Object> out = versionJson(v);
        out.put("changes", JsonDiff.between(previous, tree(v.document()), MAX_DIFF).stream().map(JsonDiff.Change::toJson).toList());
        ctx.json(out);
    }

    private void sensorStates(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        Optional<FleetVersion> current = repo.current();
        Map<String, SensorConfigState> states = new HashMap<>();
        for (SensorConfigState s : repo.states()) states.put(s.sensorId(), s);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Sensor s : sensors.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sensor_id", s.id());
            m.put("site", s.location().orElse(null));
            m.put("status", s.status().dbValue());
            m.put("profile", current.map(v -> v.document().profileFor(s.id(), s.location().orElse(null)))
                    .orElse(FleetDocument.DEFAULT_PROFILE));
            int cur = current.map(FleetVersion::version).orElse(0);
            m.put("current_version", cur);
            SensorConfigState st = states.get(s.id());
            Integer applied = st == null || st.appliedVersion().isEmpty() ? null : st.appliedVersion().getAsInt();
            m.put("applied_version", applied);
            m.put("in_sync", cur == 0 || (applied != null && applied == cur));
            m.put("result", st == null ? null : st.result().orElse(null));
            m.put("refused_version", st == null || st.refusedVersion().isEmpty() ? null : st.refusedVersion().getAsInt());
            m.put("error", st == null ? null : st.error().orElse(null));
            m.put("reported_at", st == null ? null : st.reportedAt());
            items.add(m);
        }
        ctx.json(Map.of("current_version", current.map(FleetVersion::version).orElse(0), "items", items));
    }

    private void proposals(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of("steady_days"));
        int days = steadyDays(intParam(ctx, "steady_days"));
        FleetDocument doc = repo.current().map(FleetVersion::document).orElse(FleetDocument.EMPTY);
        ctx.json(Map.of("steady_days", days, "items",
                proposalsFor(doc, days).stream().map(Proposal::toJson).toList()));
    }

    // ---- changing ------------------------------------------------------------------------------

    private void save(Context ctx) throws Exception {
        SaveRequest req = bodies.json(ctx, SaveRequest.class);
        commit(ctx, req.document(), req.baseVersion(), req.comment(), OptionalInt.empty(), "fleet.config.save");
    }

    private void rollback(Context ctx) throws Exception {
        RollbackRequest req = bodies.json(ctx, RollbackRequest.class);
        FleetVersion target = repo.version(req.version())
                .orElseThrow(() -> ApiException.badField("invalid_field", "version", "no configuration version " + req.version()));
        String comment = req.comment() == null ? "rollback to version " + req.version() : req.comment();
        commit(ctx, target.document(), req.baseVersion(), comment, OptionalInt.of(req.version()), "fleet.config.rollback");
    }

    private void approve(Context ctx) throws Exception {
        ApproveRequest req = bodies.json(ctx, ApproveRequest.class);
        if (req.ssids().isEmpty() || req.ssids().size() > FleetDocument.MAX_NETWORKS) {
            throw ApiException.badField("invalid_field", "ssids", "name 1-" + FleetDocument.MAX_NETWORKS + " SSIDs");
        }
        FleetDocument doc = repo.current().map(FleetVersion::document).orElse(FleetDocument.EMPTY);
        Map<String, Proposal> bySsid = new LinkedHashMap<>();
        for (Proposal p : proposalsFor(doc, steadyDays(req.steadyDays() == null ? OptionalInt.empty() : OptionalInt.of(req.steadyDays())))) {
            bySsid.put(p.network().ssid(), p);
        }
        List<MonitoredNetworkSpec> networks = new ArrayList<>(doc.monitoredNetworks());
        for (int i = 0; i < req.ssids().size(); i++) {
            String ssid = req.ssids().get(i);
            Proposal p = bySsid.get(ssid);
            if (p == null) throw ApiException.badField("invalid_field", "ssids[" + i + "]", "no proposal for this SSID");
            networks.removeIf(n -> n.ssid().equals(ssid));
            networks.add(p.merged());
        }
        FleetDocument next = new FleetDocument(networks, doc.profiles(), doc.assignments());
        String comment = req.comment() == null ? "approved learnt networks: " + String.join(", ", req.ssids()) : req.comment();
        commit(ctx, next, req.baseVersion(), comment, OptionalInt.empty(), "fleet.proposals.approve");
    }

    private void commit(Context ctx, FleetDocument doc, Integer base, String comment, OptionalInt rollbackOf, String action)
            throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        try {
            doc.validate(fleet.check());
            io.sentinel.protocol.wire.WireText.require("comment", comment, 1000);
        } catch (InvalidMessageException e) {
            throw ApiException.badField(e.reason().code(), action.equals("fleet.config.save") && !e.field().equals("comment")
                    ? "document." + e.field() : e.field(), e.getMessage());
        }
        Instant at = clock.instant();
        int version;
        List<Map<String, Object>> changes;
        try (Connection c = repo.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<FleetVersion> before = repo.current();
                version = repo.save(c, doc, base == null ? OptionalInt.empty() : OptionalInt.of(base), who.actor(),
                        Optional.ofNullable(comment), rollbackOf, at);
                changes = JsonDiff.between(before.map(v -> tree(v.document())).orElse(null), tree(doc), MAX_DIFF)
                        .stream().map(JsonDiff.Change::toJson).toList();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("version", version);
                detail.put("base_version", before.map(FleetVersion::version).orElse(0));
                if (rollbackOf.isPresent()) detail.put("rollback_of", rollbackOf.getAsInt());
                if (comment != null) detail.put("comment", comment);
                detail.put("changes", changes);
                auditor.record(c, ctx, who, action, "fleet/" + version, detail);
                c.commit();
            } catch (FleetRepository.StaleBase e) {
                c.rollback();
                throw ApiException.conflict(e.getMessage());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        fleet.saved();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("created_at", at);
        out.put("created_by", who.actor());
        out.put("comment", comment);
        out.put("changes", changes);
        ctx.status(200).json(out);
    }

    // ---- learn mode ----------------------------------------------------------------------------

    /** A learnt network: the entry to add (or the BSSIDs to add to a monitored one) and why. */
    record Proposal(String kind, MonitoredNetworkSpec network, MonitoredNetworkSpec merged, LearnedNetwork seen) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("network", network);
            m.put("first_seen", seen.firstSeen());
            m.put("last_seen", seen.lastSeen());
            m.put("sensors", seen.sensors());
            m.put("securities", seen.securities());
            return m;
        }
    }

    private List<Proposal> proposalsFor(FleetDocument doc, int days) throws SQLException {
        Map<String, MonitoredNetworkSpec> monitored = new HashMap<>();
        for (MonitoredNetworkSpec n : doc.monitoredNetworks()) monitored.put(n.ssid(), n);
        List<Proposal> out = new ArrayList<>();
        for (LearnedNetwork l : repo.learned(clock.instant(), Duration.ofDays(days), Duration.ofDays(1), 500)) {
            List<String> bssids = l.bssids().stream().limit(MonitoredNetworkSpec.MAX_BSSIDS).toList();
            String security = l.securities().size() == 1 ? l.securities().getFirst() : null;
            MonitoredNetworkSpec known = monitored.get(l.ssid());
            if (known == null) {
                var spec = new MonitoredNetworkSpec(l.ssid(), bssids, l.channels(), security);
                if (valid(spec)) out.add(new Proposal("new", spec, spec, l));
            } else if (!known.bssids().isEmpty()) {
                Set<String> extra = new LinkedHashSet<>(bssids);
                known.bssids().forEach(extra::remove);
                if (extra.isEmpty()) continue;
                Set<String> all = new LinkedHashSet<>(known.bssids());
                all.addAll(extra);
                Set<Integer> channels = new java.util.TreeSet<>(known.channels());
                if (!channels.isEmpty()) channels.addAll(l.channels());
                var merged = new MonitoredNetworkSpec(known.ssid(), all.stream().limit(MonitoredNetworkSpec.MAX_BSSIDS).toList(),
                        List.copyOf(channels), known.security());
                var spec = new MonitoredNetworkSpec(l.ssid(), List.copyOf(extra), l.channels(), security);
                if (valid(merged)) out.add(new Proposal("extend", spec, merged, l));
            }
        }
        return out;
    }

    private static boolean valid(MonitoredNetworkSpec spec) {
        try {
            spec.validate("network");
            return true;
        } catch (InvalidMessageException e) {
            return false;
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static int steadyDays(OptionalInt v) {
        int d = v.orElse(3);
        if (d < 1 || d > 90) throw ApiException.badField("invalid_parameter", "steady_days", "steady_days must be 1-90");
        return d;
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

    private static JsonNode tree(FleetDocument doc) {
        return Wire.mapper().valueToTree(doc);
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
