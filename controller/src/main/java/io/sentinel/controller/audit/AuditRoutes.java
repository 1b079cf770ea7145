package io.sentinel.controller.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.http.Pages;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.store.token.Role;
import io.sentinel.store.Page;
import io.sentinel.store.audit.AuditEntry;
import io.sentinel.store.audit.AuditRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/audit} (admin): the audit log, newest first, keyset-paginated. */
public final class AuditRoutes {

    private final AuditRepository audit;
    private final ObjectMapper mapper;

    public AuditRoutes(AuditRepository audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/audit", this::list, TokenAccess.atLeast(Role.ADMIN));
    }

    private void list(Context ctx) throws Exception {
        QueryParams q = new QueryParams(ctx).allow(List.of("limit", "cursor"));
        int limit = q.limit();
        var cursor = Pages.checkedCursor(q);
        Page<AuditEntry> page = audit.list(limit, cursor);
        ctx.json(Pages.body(page.items().stream().map(this::toJson).toList(), page.nextCursor()));
    }

    private Map<String, Object> toJson(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target().orElse(null));
        m.put("client_ip", e.clientIp().orElse(null));
        m.put("detail", Pages.jsonObject(mapper, e.detailJson()));
        return m;
    }
}
