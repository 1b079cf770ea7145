package io.sentinel.controller.dashboard.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.controller.fleet.FleetChanges;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.fleet.FleetVersion;
import io.sentinel.store.sensor.SensorRepository;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Fleet page: the current configuration version, every sensor's applied version against it
 * (drift, refusals with their reason), the document to edit (saved as the next version, on top
 * of the version shown: a change made meanwhile elsewhere is a conflict, not overwritten),
 * networks learnt from what sensors have heard steadily, to approve, and the version history
 * with rollback. Changes go through the same {@link FleetChanges} as the API, audited with the
 * actor {@code dashboard}.
 */
public final class FleetPages {
    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final FleetChanges changes;
    private final FleetRepository repo;
    private final SensorRepository sensors;

    public FleetPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.changes = deps.fleet();
        this.repo = changes.fleet().repository();
        this.sensors = new SensorRepository(deps.database());
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/fleet", errors.guard(ctx -> page(ctx, 200, null, null, null)));
        config.routes.post("/dashboard/fleet/save", errors.guard(this::save));
        config.routes.post("/dashboard/fleet/rollback", errors.guard(this::rollback));
        config.routes.post("/dashboard/fleet/approve", errors.guard(this::approve));
    }

    private void page(Context ctx, int status, String notice, String error, String draft) throws SQLException {
        Optional<FleetVersion> current = repo.current();
        Map<String, Object> params = new HashMap<>();
        params.put("frame", gate.frame(ctx, "Fleet", "fleet"));
        params.put("current", current.orElse(null));
        params.put("drift", changes.drift(sensors.list(), current));
        params.put("versions", repo.versions(OptionalInt.empty(), 20));
        List<FleetChanges.Proposal> proposals;
        try {
            proposals = changes.proposals(current.map(FleetVersion::document).orElse(FleetDocument.EMPTY),
                    FleetChanges.DEFAULT_STEADY_DAYS);
        } catch (InvalidMessageException e) {
            proposals = List.of();
        }
        params.put("proposals", proposals);
        params.put("observed", changes.observedVsExpected(current.map(FleetVersion::document).orElse(FleetDocument.EMPTY),
                java.time.Duration.ofHours(24)));
        params.put("document", draft != null ? draft : pretty(current.map(FleetVersion::document).orElse(FleetDocument.EMPTY)));
        params.put("baseVersion", current.map(FleetVersion::version).orElse(0));
        params.put("now", deps.clock().instant());
        params.put("notice", notice);
        params.put("error", error);
        ctx.status(status);
        templates.page(ctx, "fleet", params);
    }

    private interface Change {
        FleetChanges.Saved run(FleetChanges.Actor who) throws SQLException, FleetRepository.StaleBase;
    }

    private void change(Context ctx, String draft, Change change) throws SQLException {
        FleetChanges.Actor who = new FleetChanges.Actor("dashboard", deps.clientAddress().apply(ctx));
        try {
            FleetChanges.Saved saved = change.run(who);
            page(ctx, 200, "Saved as version " + saved.version() + " (" + saved.changes().size() + " change"
                    + (saved.changes().size() == 1 ? "" : "s") + ").", null, null);
        } catch (InvalidMessageException e) {
            page(ctx, 400, null, "Not saved: " + e.getMessage(), draft);
        } catch (FleetRepository.StaleBase e) {
            page(ctx, 409, null, "Not saved: " + e.getMessage(), draft);
        }
    }

    private void save(Context ctx) throws SQLException {
        String text = Optional.ofNullable(ctx.formParam("document")).orElse("");
        OptionalInt base = intForm(ctx, "base_version");
        Optional<String> comment = form(ctx, "comment");
        change(ctx, text, who -> {
            FleetDocument doc = Wire.read(text.getBytes(StandardCharsets.UTF_8), FleetDocument.class);
            return changes.save(who, doc, base, comment, "");
        });
    }

    private void rollback(Context ctx) throws SQLException {
        OptionalInt version = intForm(ctx, "version");
        OptionalInt base = intForm(ctx, "base_version");
        change(ctx, null, who -> {
            if (version.isEmpty()) throw new InvalidMessageException("version", "choose a version");
            return changes.rollback(who, version.getAsInt(), base, Optional.empty());
        });
    }

    private void approve(Context ctx) throws SQLException {
        List<String> ssids = ctx.formParams("ssid");
        OptionalInt base = intForm(ctx, "base_version");
        change(ctx, null, who -> {
            if (ssids.isEmpty()) throw new InvalidMessageException("ssids", "tick at least one network");
            return changes.approve(who, ssids, FleetChanges.DEFAULT_STEADY_DAYS, base, Optional.empty());
        });
    }

    private static Optional<String> form(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static OptionalInt intForm(Context ctx, String name) {
        Optional<String> v = form(ctx, name);
        if (v.isEmpty()) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(v.get()));
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(name, "must be a whole number");
        }
    }

    private static String pretty(FleetDocument doc) {
        try {
            return Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
