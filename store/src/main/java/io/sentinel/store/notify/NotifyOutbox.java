package io.sentinel.store.notify;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Sql;
import io.sentinel.store.alert.UpsertOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transactional outbox of notifications. Whoever changes an alert calls one method here on
 * its own connection, inside the transaction of the change, so the event is stored exactly when
 * the change is: {@link #recordUpsert} after a sensor report was stored, {@link #recordLifecycle}
 * after an acknowledgement, resolution or reopening ({@code AlertLifecycle}). Rules are not looked at here (that is the worker's
 * dispatcher, later and in its own transaction); this only decides which lifecycle event the
 * change is, against what the outbox last saw of the alert ({@code notify_alert_marks}).
 */
public final class NotifyOutbox {
    /** Evidence resuming after at least this long is recorded as {@code repeated}; rules can ask for longer gaps only. */
    public static final Duration MIN_QUIET_GAP = Duration.ofSeconds(60);

    /** Records what {@code outcome} means for notifications (nothing for a change that is no event). */
    public void recordUpsert(Connection c, UpsertOutcome outcome) throws SQLException {
        if (outcome.event() == UpsertOutcome.Event.UNCHANGED) {
            return;
        }
        String severity;
        Instant lastSeen;
        Optional<String> markSeverity;
        Optional<Instant> markSeen;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.severity, a.last_seen, m.severity AS mark_severity, "
                + "m.last_seen AS mark_seen FROM alerts a LEFT JOIN notify_alert_marks m ON m.alert_id = a.id "
                + "WHERE a.id = ?")) {
            ps.setString(1, outcome.alertId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                severity = rs.getString("severity");
                lastSeen = Sql.time(rs, "last_seen");
                markSeverity = Sql.optString(rs, "mark_severity");
                markSeen = Sql.optTime(rs, "mark_seen");
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        LifecycleEvent event = null;
        switch (outcome.event()) {
            case CREATED -> event = LifecycleEvent.OPENED;
            case REOPENED -> {
                event = LifecycleEvent.OPENED;
                detail.put("reopened", true);
            }
            default -> {
                if (markSeverity.isPresent() && RuleDefinition.rank(severity) > RuleDefinition.rank(markSeverity.get())) {
                    event = LifecycleEvent.ESCALATED;
                    detail.put("previous_severity", markSeverity.get());
                } else if (markSeen.isPresent()
                        && Duration.between(markSeen.get(), lastSeen).compareTo(MIN_QUIET_GAP) >= 0) {
                    event = LifecycleEvent.REPEATED;
                    detail.put("gap_seconds", Duration.between(markSeen.get(), lastSeen).toSeconds());
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_alert_marks (alert_id, severity, last_seen) "
                + "VALUES (?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET severity = excluded.severity, "
                + "last_seen = greatest(notify_alert_marks.last_seen, excluded.last_seen)")) {
            ps.setString(1, outcome.alertId());
            ps.setString(2, severity);
            Sql.setTime(ps, 3, lastSeen);
            ps.executeUpdate();
        }
        if (event != null) {
            detail.put("change", outcome.event().name().toLowerCase(java.util.Locale.ROOT));
            insert(c, outcome.alertId(), event, "worker", detail);
        }
    }

    /**
     * Records a change made by a person or a tool through the alert lifecycle:
     * {@code historyEvent} is the alert history's event ({@code acknowledged}, {@code resolved},
     * {@code reopened}; a reopened alert is {@code opened} again for notifications).
     */
    public void recordLifecycle(Connection c, String alertId, String historyEvent, String actor,
            Optional<String> comment) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>();
        LifecycleEvent event = switch (historyEvent) {
            case "acknowledged" -> LifecycleEvent.ACKNOWLEDGED;
            case "resolved" -> LifecycleEvent.RESOLVED;
            case "reopened" -> {
                detail.put("reopened", true);
                yield LifecycleEvent.OPENED;
            }
            default -> throw new IllegalArgumentException("not a lifecycle action: " + historyEvent);
        };
        comment.filter(s -> !s.isBlank()).ifPresent(s -> detail.put("comment", s));
        insert(c, alertId, event, actor, detail);
    }

    private static void insert(Connection c, String alertId, LifecycleEvent event, String actor,
            Map<String, Object> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notify_events (alert_id, event, actor, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, alertId);
            ps.setString(2, event.wire());
            ps.setString(3, actor);
            ps.setString(4, Wire.writeString(detail));
            ps.executeUpdate();
        }
    }
}
