package io.sentinel.controller.notify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.Pages;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.store.Page;
import io.sentinel.store.notify.ChannelDefinition;
import io.sentinel.store.notify.ChannelView;
import io.sentinel.store.notify.DeliveryView;
import io.sentinel.store.notify.InvalidNotifyConfig;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.RuleDefinition;
import io.sentinel.store.token.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Notification channels, rules and deliveries (admin only; every change audited in the same
 * transaction). Secrets go in under {@code secrets} and never come back: responses list only
 * which are set ({@code secrets_set}) and a {@code target} hint. Objects managed by the
 * notifications file answer 409 to changes.
 */
public final class NotifyRoutes {
    private static final Set<String> STATES = Set.of("pending", "sent", "dead");
    private static final TokenAccess ADMIN = TokenAccess.atLeast(Role.ADMIN);

    private final NotifyRepository repo;
    private final RequestBodies bodies;
    private final Auditor auditor;

    public NotifyRoutes(NotifyRepository repo, RequestBodies bodies, Auditor auditor) {
        this.repo = repo;
        this.bodies = bodies;
        this.auditor = auditor;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/notify/channels", this::listChannels, ADMIN);
        routes.post("/api/v1/notify/channels", ctx -> saveChannel(ctx, true), ADMIN);
        routes.get("/api/v1/notify/channels/{id}", this::getChannel, ADMIN);
        routes.put("/api/v1/notify/channels/{id}", ctx -> saveChannel(ctx, false), ADMIN);
        routes.delete("/api/v1/notify/channels/{id}", this::deleteChannel, ADMIN);
        routes.post("/api/v1/notify/channels/{id}/test", this::test, ADMIN);
        routes.post("/api/v1/notify/channels/{id}/retry", this::retry, ADMIN);
        routes.get("/api/v1/notify/rules", this::listRules, ADMIN);
        routes.post("/api/v1/notify/rules", ctx -> saveRule(ctx, true), ADMIN);
        routes.get("/api/v1/notify/rules/{id}", this::getRule, ADMIN);
        routes.put("/api/v1/notify/rules/{id}", ctx -> saveRule(ctx, false), ADMIN);
        routes.delete("/api/v1/notify/rules/{id}", this::deleteRule, ADMIN);
        routes.get("/api/v1/notify/deliveries", this::listDeliveries, ADMIN);
        routes.get("/api/v1/notify/deliveries/{message_id}", this::getDelivery, ADMIN);
    }

    /** Work inside one transaction with the audit entry. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = repo.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (InvalidNotifyConfig e) {
                c.rollback();
                throw ApiException.badField("invalid_field", e.field(), e.getMessage());
            } catch (NotifyRepository.NotFound e) {
                c.rollback();
                throw ApiException.notFound(e.getMessage());
            } catch (NotifyRepository.Conflict e) {
                c.rollback();
                throw ApiException.conflict(e.getMessage());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ChannelDefinition.ID.matcher(id).matches()) {
            throw ApiException.badField("invalid_parameter", "id", "id must match [a-z0-9][a-z0-9_-]{0,63}");
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(Context ctx) {
        return bodies.json(ctx, Map.class);
    }

    private void listChannels(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        ctx.json(Map.of("items", repo.channels().stream().map(ChannelView::toJson).toList()));
    }

    private void getChannel(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        String id = id(ctx);
        ctx.json(repo.channel(id).orElseThrow(() -> ApiException.notFound("no channel " + id)).toJson());
    }

    private void saveChannel(Context ctx, boolean create) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        Map<String, Object> json = body(ctx);
        Optional<String> pathId = create ? Optional.empty() : Optional.of(id(ctx));
        ChannelView saved = transaction(c -> {
            ChannelDefinition d = ChannelDefinition.parse(json, pathId);
            var changes = ChannelDefinition.secretChanges(json, d.settings());
            ChannelView v = repo.saveChannel(c, d, changes, "api", create);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", d.kind().wire());
            detail.put("enabled", d.enabled());
            detail.put("secrets_changed", changes.keySet().stream().sorted().toList());
            auditor.record(c, ctx, who, create ? "notify.channel.create" : "notify.channel.update", d.id(), detail);
            return v;
        });
        ctx.status(create ? 201 : 200).json(saved.toJson());
    }

    private void deleteChannel(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = id(ctx);
        transaction(c -> {
            repo.deleteChannel(c, id, "api");
            auditor.record(c, ctx, who, "notify.channel.delete", id, Map.of());
            return null;
        });
        ctx.status(204);
    }

    private void test(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = id(ctx);
        UUID message = transaction(c -> {
            UUID m = repo.enqueueTest(c, id, who.actor());
            auditor.record(c, ctx, who, "notify.channel.test", id, Map.of("message_id", m.toString()));
            return m;
        });
        ctx.status(202).json(Map.of("message_id", message.toString(), "state", "pending",
                "status_url", "/api/v1/notify/deliveries/" + message));
    }

    private void retry(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = id(ctx);
        int n = transaction(c -> {
            int requeued = repo.retryDead(c, id);
            auditor.record(c, ctx, who, "notify.channel.retry", id, Map.of("requeued", requeued));
            return requeued;
        });
        ctx.json(Map.of("requeued", n));
    }

    private void listRules(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        ctx.json(Map.of("items", repo.rules().stream().map(NotifyRepository.RuleView::toJson).toList()));
    }

    private void getRule(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        String id = id(ctx);
        ctx.json(repo.rule(id).orElseThrow(() -> ApiException.notFound("no rule " + id)).toJson());
    }

    private void saveRule(Context ctx, boolean create) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        Map<String, Object> json = body(ctx);
        Optional<String> pathId = create ? Optional.empty() : Optional.of(id(ctx));
        NotifyRepository.RuleView saved = transaction(c -> {
            RuleDefinition r = RuleDefinition.parse(json, pathId);
            NotifyRepository.RuleView v = repo.saveRule(c, r, "api", create);
            auditor.record(c, ctx, who, create ? "notify.rule.create" : "notify.rule.update", r.id(), r.toJson());
            return v;
        });
        ctx.status(create ? 201 : 200).json(saved.toJson());
    }

    private void deleteRule(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = id(ctx);
        transaction(c -> {
            repo.deleteRule(c, id, "api");
            auditor.record(c, ctx, who, "notify.rule.delete", id, Map.of());
            return null;
        });
        ctx.status(204);
    }

    private void listDeliveries(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("channel_id", "state", "limit", "cursor"));
        Optional<String> channel = q.text("channel_id", 64);
        if (channel.isPresent() && !ChannelDefinition.ID.matcher(channel.get()).matches()) {
            throw ApiException.badField("invalid_parameter", "channel_id", "channel_id must match [a-z0-9][a-z0-9_-]{0,63}");
        }
        Optional<String> state = q.oneOf("state", STATES);
        int limit = Math.min(q.limit(), 500);
        Page<DeliveryView> page = repo.deliveries(channel, state, limit, Pages.checkedCursor(q));
        ctx.json(Pages.body(page.items().stream().map(DeliveryView::toJson).toList(), page.nextCursor()));
    }

    private void getDelivery(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("message_id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("invalid_parameter", "message_id", "message_id must be a UUID");
        }
        ctx.json(repo.delivery(id).orElseThrow(() -> ApiException.notFound("no message " + id)).toJson());
    }
}
