package io.sentinel.controller.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.ClientViews;
import io.sentinel.controller.http.Pages;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.token.Role;
import io.sentinel.store.Page;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.AlertQuery;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.LifecycleResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Alert queries (viewer) and the lifecycle: acknowledge, resolve and reopen with a comment
 * (analyst), through the store's one {@link AlertLifecycle} (the dashboard uses the same), which
 * writes the audit log in the same transaction.
 */
public final class AlertRoutes {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved");

    private final AlertRepository alerts;
    private final AlertLifecycle lifecycle;
    private final RequestBodies bodies;
    private final ClientViews clients;

    public AlertRoutes(AlertRepository alerts, AlertLifecycle lifecycle, RequestBodies bodies, ClientViews clients) {
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.bodies = bodies;
        this.clients = clients;
    }

    /** The lifecycle actions of the API, by the last segment of their path. */
    private enum Action { ACK, RESOLVE, REOPEN }

    /** Optional body of ack/resolve. */
    record Comment(@JsonProperty("comment") String comment) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/alerts/{id}", this::get, TokenAccess.atLeast(Role.VIEWER));
        routes.post("/api/v1/alerts/{id}/ack", ctx -> change(ctx, Action.ACK), TokenAccess.atLeast(Role.ANALYST));
        routes.post("/api/v1/alerts/{id}/resolve", ctx -> change(ctx, Action.RESOLVE), TokenAccess.atLeast(Role.ANALYST));
        routes.post("/api/v1/alerts/{id}/reopen", ctx -> change(ctx, Action.REOPEN), TokenAccess.atLeast(Role.ANALYST));
        routes.get("/api/v1/alerts", this::list, TokenAccess.atLeast(Role.VIEWER));
    }

    private void list(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("type", "severity", "status", "sensor_id", "bssid", "since",
                "until", "limit", "cursor"));
        Optional<String> type = q.text("type", 64);
        if (type.isPresent() && !TYPE.matcher(type.get()).matches()) {
            throw ApiException.badField("invalid_parameter", "type", "type must be a lower-case alert type");
        }
        Optional<Instant> since = q.time("since");
        Optional<Instant> until = q.time("until");
        QueryParams.requireOrder(since, until);
        AlertQuery query = new AlertQuery(type, q.oneOf("severity", Set.copyOf(AlertMessage.SEVERITIES)),
                q.oneOf("status", STATUSES).map(Alert.Status::parse), q.sensorId("sensor_id"), q.mac("bssid"),
                since, until, q.limit(), Pages.checkedCursor(q));
        Page<Alert> page = alerts.query(query);
        ctx.json(Pages.body(page.items().stream().map(Alert::toJson).toList(), page.nextCursor()));
    }

    private void get(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        String id = alertId(ctx);
        Alert alert = alerts.find(id).orElseThrow(() -> ApiException.notFound("no alert " + id));
        Map<String, Object> body = new LinkedHashMap<>(alert.toJson());
        body.put("history", alerts.history(id).stream().map(h -> h.toJson()).toList());
        ctx.json(body);
    }

    private void change(Context ctx, Action action) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = alertId(ctx);
        Optional<String> comment = Optional.empty();
        if (bodies.raw(ctx).length > 0) {
            Comment c = bodies.json(ctx, Comment.class);
            if (c.comment() != null && c.comment().length() > AlertLifecycle.MAX_COMMENT) {
                throw ApiException.badField("invalid_field", "comment",
                        "comment is longer than " + AlertLifecycle.MAX_COMMENT + " characters");
            }
            comment = Optional.ofNullable(c.comment());
        }
        AlertLifecycle.Actor actor = new AlertLifecycle.Actor(who.actor(), Optional.of(clients.of(ctx).clientIp()), "api");
        LifecycleResult result = switch (action) {
            case ACK -> lifecycle.acknowledge(id, actor, comment);
            case RESOLVE -> lifecycle.resolve(id, actor, comment);
            case REOPEN -> lifecycle.reopen(id, actor, comment);
        };
        switch (result) {
            case LifecycleResult.Changed changed -> ctx.json(changed.alert().toJson());
            case LifecycleResult.NotFound nf -> throw ApiException.notFound("no alert " + id);
            case LifecycleResult.Conflict conflict -> throw ApiException.conflict(
                    "alert " + id + " is " + conflict.current().dbValue() + "; cannot "
                            + action.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static String alertId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!Identifiers.isAlertId(id)) {
            throw ApiException.badField("invalid_parameter", "id", "alert id must match [A-Za-z0-9._:-]{1,128}");
        }
        return id;
    }
}
