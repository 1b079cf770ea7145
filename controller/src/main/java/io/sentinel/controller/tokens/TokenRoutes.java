package io.sentinel.controller.tokens;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.store.token.Role;
import io.sentinel.store.token.ApiToken;
import io.sentinel.store.token.CreatedToken;
import io.sentinel.store.token.TokenRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** API tokens (admin): create (secret shown once, stored hashed), list, revoke. */
public final class TokenRoutes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._@-]{1,64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TokenRepository tokens;
    private final RequestBodies bodies;
    private final Auditor auditor;

    public TokenRoutes(TokenRepository tokens, RequestBodies bodies, Auditor auditor) {
        this.tokens = tokens;
        this.bodies = bodies;
        this.auditor = auditor;
    }

    /** Body of {@code POST /api/v1/tokens}. */
    record NewToken(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty(value = "role", required = true) String role) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/tokens", this::list, TokenAccess.atLeast(Role.ADMIN));
        routes.post("/api/v1/tokens", this::create, TokenAccess.atLeast(Role.ADMIN));
        routes.delete("/api/v1/tokens/{id}", this::revoke, TokenAccess.atLeast(Role.ADMIN));
    }

    private void list(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        ctx.json(Map.of("items", tokens.list().stream().map(TokenRoutes::toJson).toList()));
    }

    private void create(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        NewToken req = bodies.json(ctx, NewToken.class);
        if (req.name() == null || !NAME.matcher(req.name()).matches()) {
            throw ApiException.badField("invalid_field", "name", "name must match [A-Za-z0-9 ._@-]{1,64}");
        }
        Role role = Role.fromWire(req.role())
                .orElseThrow(() -> ApiException.badField("invalid_field", "role", "role must be admin, analyst or viewer"));
        CreatedToken created = tokens.create(req.name(), role);
        auditor.record(ctx, who, "token.create", created.token().id(), Map.of("name", req.name(), "role", role.wire()));
        Map<String, Object> body = toJson(created.token());
        body.put("token", created.secret());
        ctx.status(201).json(body);
    }

    private void revoke(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw ApiException.badField("invalid_parameter", "id", "token id must match [A-Za-z0-9_-]{1,64}");
        }
        if (!tokens.revoke(id)) {
            throw ApiException.notFound("no active token " + id);
        }
        auditor.record(ctx, who, "token.revoke", id, Map.of());
        ctx.status(204);
    }

    static Map<String, Object> toJson(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("role", t.role().wire());
        m.put("created_at", t.createdAt());
        m.put("revoked_at", t.revokedAt().orElse(null));
        m.put("last_used_at", t.lastUsedAt().orElse(null));
        return m;
    }
}
