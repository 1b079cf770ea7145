package io.sentinel.controller.dashboard.alerts;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.view.EvidenceTable;
import io.sentinel.controller.dashboard.view.SsidView;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.controller.evidence.EvidenceRoutes;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import io.sentinel.store.alert.LifecycleResult;
import io.sentinel.store.network.Network;
import io.sentinel.store.network.NetworkRepository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The alert list (filter, sort, page) and an alert's page with acknowledge, resolve and reopen. */
public final class AlertPages {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final AlertReadRepository reads;
    private final AlertRepository alerts;
    private final NetworkRepository networks;
    private final EvidenceRepository evidence;
    private final AuditRepository audit;

    public AlertPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors, AlertReadRepository reads) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.reads = reads;
        this.alerts = new AlertRepository(deps.database());
        this.networks = new NetworkRepository(deps.database());
        this.evidence = new EvidenceRepository(deps.database());
        this.audit = new AuditRepository(deps.database());
    }

    /** The lifecycle actions of the alert page, by the last segment of their path. */
    private enum Action { ACK, RESOLVE, REOPEN }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/alerts", errors.guard(this::list));
        config.routes.get("/dashboard/alerts/{id}", errors.guard(this::detail));
        config.routes.get("/dashboard/alerts/{id}/evidence/{file}", errors.guard(this::download));
        config.routes.post("/dashboard/alerts/{id}/ack", errors.guard(ctx -> change(ctx, Action.ACK)));
        config.routes.post("/dashboard/alerts/{id}/resolve", errors.guard(ctx -> change(ctx, Action.RESOLVE)));
        config.routes.post("/dashboard/alerts/{id}/reopen", errors.guard(ctx -> change(ctx, Action.REOPEN)));
    }

    private void list(Context ctx) throws SQLException {
        AlertFilter filter = AlertFilter.from(ctx);
        Instant now = deps.clock().instant();
        var page = reads.list(filter.toQuery(now), AlertFilter.PAGE_SIZE, now);
        templates.page(ctx, "alerts", Map.of(
                "frame", gate.frame(ctx, "Alerts", "alerts"),
                "filter", filter,
                "page", page,
                "rows", page.rows().stream().map(AlertRow::of).toList(),
                "now", now));
    }

    private void detail(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        Optional<Alert> alert = Identifiers.isAlertId(id) ? alerts.find(id) : Optional.empty();
        if (alert.isEmpty()) {
            errors.notFound(ctx, "alerts", "There is no alert with this id.");
            return;
        }
        Alert a = alert.get();
        Optional<Network> network = a.bssid().filter(Identifiers::isMac).isPresent()
                ? networks.find(a.bssid().get()) : Optional.empty();
        AlertDetail d = new AlertDetail(a, SsidView.ofAlert(a.ssid()), UntrustedText.of(a.summary()),
                EvidenceTable.of(a.evidenceJson()), reads.reports(id, 500), alerts.history(id), network,
                network.map(n -> SsidView.ofNetwork(n.ssid(), false)),
                evidence.forAlert(id).stream().map(f -> EvidenceFileView.of(f,
                        "/dashboard/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8))).toList());
        templates.page(ctx, "alert", Map.of(
                "frame", gate.frame(ctx, "Alert " + a.type(), "alerts"),
                "d", d,
                "now", deps.clock().instant(),
                "message", messageFor(ctx.queryParam("done"))));
    }

    /** An evidence file of this alert, as an attachment; the download is in the audit log. */
    private void download(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        long file;
        try {
            file = Long.parseLong(ctx.pathParam("file"));
        } catch (NumberFormatException e) {
            file = -1;
        }
        Optional<EvidenceRecord> r = Identifiers.isAlertId(id) && file > 0 ? evidence.get(file) : Optional.empty();
        if (r.isEmpty() || !r.get().stored() || !r.get().alertId().equals(Optional.of(id))) {
            errors.notFound(ctx, "alerts", "This alert has no such evidence file.");
            return;
        }
        EvidenceRecord row = r.get();
        EvidenceRoutes.send(ctx, row, deps.evidenceStore(), detail -> audit.record("dashboard", "evidence.download",
                Optional.of(Long.toString(row.id())), Optional.of(deps.clientAddress().apply(ctx)), detail));
    }

    private static String messageFor(String done) {
        return switch (done == null ? "" : done) {
            case "acknowledged" -> "Alert acknowledged.";
            case "resolved" -> "Alert resolved.";
            case "reopened" -> "Alert reopened.";
            case "refused" -> "That change is not possible in the alert's current state.";
            default -> "";
        };
    }

    private void change(Context ctx, Action action) throws SQLException {
        String id = ctx.pathParam("id");
        String comment = Optional.ofNullable(ctx.formParam("comment")).map(String::strip).orElse("");
        if (comment.length() > AlertLifecycle.MAX_COMMENT) {
            comment = comment.substring(0, AlertLifecycle.MAX_COMMENT); // the form's maxlength, for clients that ignore it
        }
        AlertLifecycle.Actor actor = new AlertLifecycle.Actor("dashboard", Optional.of(deps.clientAddress().apply(ctx)),
                "dashboard");
        Optional<String> text = Optional.of(comment);
        LifecycleResult result;
        if (!Identifiers.isAlertId(id)) {
            result = new LifecycleResult.NotFound();
        } else {
            result = switch (action) {
                case ACK -> deps.lifecycle().acknowledge(id, actor, text);
                case RESOLVE -> deps.lifecycle().resolve(id, actor, text);
                case REOPEN -> deps.lifecycle().reopen(id, actor, text);
            };
        }
        String target = "/dashboard/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        switch (result) {
            case LifecycleResult.NotFound nf -> errors.notFound(ctx, "alerts", "There is no alert with this id.");
            case LifecycleResult.Conflict c -> ctx.redirect(target + "?done=refused", HttpStatus.SEE_OTHER);
            case LifecycleResult.Changed c -> ctx.redirect(target + "?done=" + switch (action) {
                case ACK -> "acknowledged";
                case RESOLVE -> "resolved";
                case REOPEN -> "reopened";
            }, HttpStatus.SEE_OTHER);
        }
    }
}
