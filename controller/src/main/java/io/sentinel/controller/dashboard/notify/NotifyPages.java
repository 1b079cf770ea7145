package io.sentinel.controller.dashboard.notify;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.notify.ChannelDefinition;
import io.sentinel.store.notify.InvalidNotifyConfig;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.RuleDefinition;
import io.sentinel.store.notify.SecretBox;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Notifications page: channels with their delivery health (queue depth, given-up messages,
 * last error), rules, recent deliveries, and forms to add channels and rules, send a test
 * message, re-queue given-up messages and delete. Secrets typed into the forms are sealed like
 * the API's and never shown again. Every change is audited with the actor {@code dashboard}.
 */
public final class NotifyPages {
    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final NotifyRepository repo;
    private final AuditRepository audit;

    public NotifyPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.repo = new NotifyRepository(deps.database(), SecretBox.fromControllerSecret(deps.controllerSecret()));
        this.audit = new AuditRepository(deps.database());
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/notify", errors.guard(ctx -> page(ctx, 200, null, null)));
        config.routes.post("/dashboard/notify/channels", errors.guard(this::createChannel));
        config.routes.post("/dashboard/notify/rules", errors.guard(this::createRule));
        config.routes.post("/dashboard/notify/channels/{id}/{action}", errors.guard(this::channelAction));
        config.routes.post("/dashboard/notify/rules/{id}/delete", errors.guard(this::deleteRule));
    }

    private void page(Context ctx, int status, String notice, String error) throws SQLException {
        Map<String, Object> params = new HashMap<>();
        params.put("frame", gate.frame(ctx, "Notifications", "notify"));
        params.put("channels", repo.channels());
        params.put("rules", repo.rules());
        params.put("deliveries", repo.deliveries(Optional.empty(), Optional.empty(), 20, Optional.empty()).items());
        params.put("now", deps.clock().instant());
        params.put("notice", notice);
        params.put("error", error);
        ctx.status(status);
        templates.page(ctx, "notify", params);
    }

    private interface Change {
        String run(Connection c) throws SQLException;
    }

    /** Runs a change with its audit entry in one transaction, then shows the page with the outcome. */
    private void change(Context ctx, int okStatus, Change change) throws SQLException {
        try (Connection c = repo.connection()) {
            c.setAutoCommit(false);
            try {
                String notice = change.run(c);
                c.commit();
                page(ctx, okStatus, notice, null);
            } catch (InvalidNotifyConfig e) {
                c.rollback();
                page(ctx, 400, null, "Not saved: " + e.getMessage());
            } catch (NotifyRepository.NotFound e) {
                c.rollback();
                page(ctx, 404, null, e.getMessage());
            } catch (NotifyRepository.Conflict e) {
                c.rollback();
                page(ctx, 409, null, e.getMessage());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void record(Connection c, Context ctx, String action, String target, Map<String, ?> detail)
            throws SQLException {
        audit.record(c, "dashboard", action, Optional.of(target), Optional.of(deps.clientAddress().apply(ctx)), detail);
    }

    private static Optional<String> form(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static List<String> list(Context ctx, String name) {
        return form(ctx, name).map(s -> Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    private static Object number(Context ctx, String name) {
        Optional<String> v = form(ctx, name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new InvalidNotifyConfig(name, "must be a whole number");
        }
    }

    /** The channel object a form describes, in the API's shape. */
    static Map<String, Object> channelJson(Context ctx) {
        Map<String, Object> json = new LinkedHashMap<>();
        form(ctx, "id").ifPresent(v -> json.put("id", v));
        form(ctx, "name").ifPresent(v -> json.put("name", v));
        String kind = form(ctx, "kind").orElse("");
        json.put("kind", kind);
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> secrets = new LinkedHashMap<>();
        switch (kind) {
            case "webhook" -> {
                form(ctx, "shape").ifPresent(v -> settings.put("shape", v));
                if (ctx.formParam("allow_http") != null) {
                    settings.put("allow_http", true);
                }
                form(ctx, "url").ifPresent(v -> secrets.put("url", v));
                form(ctx, "signing_key").ifPresent(v -> secrets.put("signing_key", v));
            }
            case "syslog" -> {
                form(ctx, "host").ifPresent(v -> settings.put("host", v));
                Object port = number(ctx, "port");
                if (port != null) {
                    settings.put("port", port);
                }
                form(ctx, "transport").ifPresent(v -> settings.put("transport", v));
                form(ctx, "format").ifPresent(v -> settings.put("format", v));
                form(ctx, "ca_pem").ifPresent(v -> settings.put("ca_pem", v));
            }
            case "email" -> {
                form(ctx, "host").ifPresent(v -> settings.put("host", v));
                Object port = number(ctx, "port");
                if (port != null) {
                    settings.put("port", port);
                }
                form(ctx, "security").ifPresent(v -> settings.put("security", v));
                form(ctx, "from").ifPresent(v -> settings.put("from", v));
                settings.put("to", list(ctx, "to"));
                form(ctx, "username").ifPresent(v -> settings.put("username", v));
                form(ctx, "password").ifPresent(v -> secrets.put("password", v));
            }
            case "file" -> form(ctx, "file_name").ifPresent(v -> settings.put("name", v));
            default -> {
                // ChannelDefinition names the unknown kind
            }
        }
        json.put("settings", settings);
        json.put("secrets", secrets);
        return json;
    }

    private void createChannel(Context ctx) throws SQLException {
        change(ctx, 201, c -> {
            Map<String, Object> json = channelJson(ctx);
            ChannelDefinition d = ChannelDefinition.parse(json, Optional.empty());
            var secrets = ChannelDefinition.secretChanges(json, d.settings());
            repo.saveChannel(c, d, secrets, "api", true);
            record(c, ctx, "notify.channel.create", d.id(), Map.of("kind", d.kind().wire(), "via", "dashboard",
                    "secrets_changed", secrets.keySet().stream().sorted().toList()));
            return "Channel " + d.id() + " added.";
        });
    }

    private void createRule(Context ctx) throws SQLException {
        change(ctx, 201, c -> {
            Map<String, Object> json = new LinkedHashMap<>();
            form(ctx, "id").ifPresent(v -> json.put("id", v));
            form(ctx, "name").ifPresent(v -> json.put("name", v));
            json.put("channels", list(ctx, "channels"));
            Map<String, Object> match = new LinkedHashMap<>();
            form(ctx, "min_severity").ifPresent(v -> match.put("min_severity", v));
            match.put("types", list(ctx, "types"));
            List<String> events = new ArrayList<>(ctx.formParams("events"));
            if (!events.isEmpty()) {
                match.put("events", events);
            }
            json.put("match", match);
            Object messages = number(ctx, "rate_messages");
            Object window = number(ctx, "rate_window_seconds");
            if (messages != null || window != null) {
                Map<String, Object> limit = new LinkedHashMap<>();
                if (messages != null) {
                    limit.put("messages", messages);
                }
                if (window != null) {
                    limit.put("window_seconds", window);
                }
                json.put("rate_limit", limit);
            }
            RuleDefinition r = RuleDefinition.parse(json, Optional.empty());
            repo.saveRule(c, r, "api", true);
            Map<String, Object> detail = new LinkedHashMap<>(r.toJson());
            detail.put("via", "dashboard");
            record(c, ctx, "notify.rule.create", r.id(), detail);
            return "Rule " + r.id() + " added.";
        });
    }

    private void channelAction(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        if (!ChannelDefinition.ID.matcher(id).matches()) {
            page(ctx, 400, null, "Not a channel id.");
            return;
        }
        switch (ctx.pathParam("action")) {
            case "test" -> change(ctx, 202, c -> {
                var m = repo.enqueueTest(c, id, "dashboard");
                record(c, ctx, "notify.channel.test", id, Map.of("message_id", m.toString(), "via", "dashboard"));
                return "Test message " + m + " queued for " + id + "; its state shows under Recent messages.";
            });
            case "retry" -> change(ctx, 200, c -> {
                int n = repo.retryDead(c, id);
                record(c, ctx, "notify.channel.retry", id, Map.of("requeued", n, "via", "dashboard"));
                return n + " given-up message(s) of " + id + " queued again.";
            });
            case "delete" -> change(ctx, 200, c -> {
                repo.deleteChannel(c, id, "api");
                record(c, ctx, "notify.channel.delete", id, Map.of("via", "dashboard"));
                return "Channel " + id + " deleted.";
            });
            default -> page(ctx, 404, null, "Unknown action.");
        }
    }

    private void deleteRule(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        if (!ChannelDefinition.ID.matcher(id).matches()) {
            page(ctx, 400, null, "Not a rule id.");
            return;
        }
        change(ctx, 200, c -> {
            repo.deleteRule(c, id, "api");
            record(c, ctx, "notify.rule.delete", id, Map.of("via", "dashboard"));
            return "Rule " + id + " deleted.";
        });
    }
}
