package io.sentinel.store.alert;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.notify.NotifyOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one lifecycle of an alert, used by the API and the dashboard alike: acknowledge, resolve
 * and reopen. Each change is one transaction holding the alert's new status, its history row and
 * the audit log row, all stamped with the same time from one clock.
 *
 * <pre>
 *   action        from                    to
 *   acknowledge   open, acknowledged      acknowledged   (again: the latest acknowledgement counts)
 *   resolve       open, acknowledged      resolved
 *   reopen        acknowledged, resolved  open           (who acknowledged and resolved is cleared; the history keeps it)
 * </pre>
 *
 * Any other change is a {@link LifecycleResult.Conflict}. New evidence also reopens a resolved
 * alert; that happens where the evidence is stored ({@link AlertRepository#upsert}). A comment,
 * when given, replaces the alert's comment.
 */
public final class AlertLifecycle {

    /** Longest comment kept, in characters. */
    public static final int MAX_COMMENT = 2000;

    /**
     * Who asks for a change, for the alert and the audit log.
     *
     * @param name     the actor recorded ({@code token:<name>} for API tokens, {@code dashboard} for the dashboard)
     * @param clientIp the effective client address of the request
     * @param via      {@code api} or {@code dashboard}
     */
    public record Actor(String name, Optional<String> clientIp, String via) {}

    /**
     * One kind of change: the history event and audit action it records, the statuses it may
     * start from, and what it sets (with the actor and the time as its two parameters when
     * {@code stampsActor}).
     */
    private record Transition(String event, String auditAction, Set<Alert.Status> from, String set, boolean stampsActor) {
        String fromList() {
            return String.join(", ", from.stream().map(s -> "'" + s.dbValue() + "'").sorted().toList());
        }
    }

    private static final Transition ACKNOWLEDGE = new Transition("acknowledged", "alert.ack",
            Set.of(Alert.Status.OPEN, Alert.Status.ACKNOWLEDGED),
            "status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?", true);
    private static final Transition RESOLVE = new Transition("resolved", "alert.resolve",
            Set.of(Alert.Status.OPEN, Alert.Status.ACKNOWLEDGED),
            "status = 'resolved', resolved_by = ?, resolved_at = ?", true);
    private static final Transition REOPEN = new Transition("reopened", "alert.reopen",
            Set.of(Alert.Status.ACKNOWLEDGED, Alert.Status.RESOLVED),
            "status = 'open', acknowledged_by = NULL, acknowledged_at = NULL, resolved_by = NULL, resolved_at = NULL", false);

    private final Database db;
    private final Clock clock;
    private final AuditRepository audit;

    public AlertLifecycle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.audit = new AuditRepository(db);
    }

    /** Acknowledges an open (or already acknowledged) alert; a resolved one is a conflict. */
    public LifecycleResult acknowledge(String id, Actor who, Optional<String> comment) throws SQLException {
        return change(id, who, comment, ACKNOWLEDGE);
    }

    /** Resolves an open or acknowledged alert; resolving twice is a conflict. */
    public LifecycleResult resolve(String id, Actor who, Optional<String> comment) throws SQLException {
        return change(id, who, comment, RESOLVE);
    }

    /** Opens an acknowledged or resolved alert again; an open one is a conflict. */
    public LifecycleResult reopen(String id, Actor who, Optional<String> comment) throws SQLException {
        return change(id, who, comment, REOPEN);
    }

    /** The comment as stored: stripped, empty when blank. */
    private static Optional<String> normalise(Optional<String> comment) {
        Optional<String> text = comment.map(String::strip).filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_COMMENT) {
            throw new IllegalArgumentException("comment is longer than " + MAX_COMMENT + " characters");
        }
        return text;
    }

    private LifecycleResult change(String id, Actor who, Optional<String> comment, Transition t) throws SQLException {
        Optional<String> text = normalise(comment);
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Alert changed = null;
                try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET " + t.set()
                        + ", comment = coalesce(?, comment), updated_at = ? WHERE id = ? AND status IN (" + t.fromList()
                        + ") RETURNING " + AlertRepository.COLUMNS)) {
                    int i = 1;
                    if (t.stampsActor()) {
                        ps.setString(i++, who.name());
                        Sql.setTime(ps, i++, now);
                    }
                    Sql.setString(ps, i++, text.orElse(null));
                    Sql.setTime(ps, i++, now);
                    ps.setString(i, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            changed = AlertRepository.map(rs);
                        }
                    }
                }
                if (changed == null) {
                    Optional<Alert.Status> current = currentStatus(c, id);
                    c.rollback();
                    return current.<LifecycleResult>map(LifecycleResult.Conflict::new)
                            .orElseGet(LifecycleResult.NotFound::new);
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                text.ifPresent(v -> detail.put("comment", v));
                detail.put("status", changed.status().dbValue());
                detail.put("via", who.via());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO alert_history (alert_id, at, event, actor, detail) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                    ps.setString(1, id);
                    Sql.setTime(ps, 2, now);
                    ps.setString(3, t.event());
                    ps.setString(4, who.name());
                    ps.setString(5, Wire.writeString(detail));
                    ps.executeUpdate();
                }
                audit.record(c, now, who.name(), t.auditAction(), Optional.of(id), who.clientIp(), detail);
                new NotifyOutbox().recordLifecycle(c, id, t.event(), who.name(), text); // notifications, same transaction
                c.commit();
                return new LifecycleResult.Changed(changed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static Optional<Alert.Status> currentStatus(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM alerts WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Alert.Status.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
