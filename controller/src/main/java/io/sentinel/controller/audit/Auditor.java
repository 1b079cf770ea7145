package io.sentinel.controller.audit;

import io.javalin.http.Context;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.http.ClientViews;
import io.sentinel.store.audit.AuditRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Records administrative actions with who (token), what, on which object, and from where (client IP). */
public final class Auditor {

    private final AuditRepository audit;
    private final ClientViews clients;

    public Auditor(AuditRepository audit, ClientViews clients) {
        this.audit = audit;
        this.clients = clients;
    }

    public void record(Context ctx, Principal who, String action, String target, Map<String, ?> detail) throws SQLException {
        audit.record(who.actor(), action, Optional.ofNullable(target), Optional.of(clients.of(ctx).clientIp()), detail);
    }

    /** Same, on the caller's connection, to commit it together with the action. */
    public void record(Connection c, Context ctx, Principal who, String action, String target, Map<String, ?> detail)
            throws SQLException {
        audit.record(c, who.actor(), action, Optional.ofNullable(target), Optional.of(clients.of(ctx).clientIp()), detail);
    }
}
