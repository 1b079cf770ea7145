package io.sentinel.controller.dashboard.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import io.sentinel.controller.dashboard.web.JsonText;
import javax.sql.DataSource;

/**
 * Acknowledging and resolving alerts from the dashboard, in one transaction each: the alert's
 * status, its history and the audit log (same rules and audit action names as
 * {@code POST /api/v1/alerts/{id}/ack|resolve}: an open or acknowledged alert can be
 * acknowledged or resolved, a resolved one neither). Resolving keeps who acknowledged it.
 */
public final class AlertLifecycle {

    /** What happened to the request. */
    public enum Outcome { CHANGED, NOT_FOUND, NOT_ALLOWED }

    public static final int MAX_COMMENT = 2000;

    private final DataSource dataSource;

    public AlertLifecycle(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome acknowledge(String alertId, String actor, String clientIp, String comment, Instant now) {
        return change(alertId, "acknowledged", actor, clientIp, comment, now);
    }

    public Outcome resolve(String alertId, String actor, String clientIp, String comment, Instant now) {
        return change(alertId, "resolved", actor, clientIp, comment, now);
    }

    private Outcome change(String alertId, String to, String actor, String clientIp, String comment, Instant now) {
        String text = comment == null ? "" : comment.strip();
        if (text.length() > MAX_COMMENT) {
            text = text.substring(0, MAX_COMMENT);
        }
        String update = to.equals("acknowledged")
                ? "UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, "
                        + "comment = coalesce(nullif(?, ''), comment), updated_at = ? WHERE id = ? AND status IN ('open', 'acknowledged')"
                : "UPDATE alerts SET status = 'resolved', resolved_by = ?, resolved_at = ?, "
                        + "comment = coalesce(nullif(?, ''), comment), updated_at = ? WHERE id = ? AND status IN ('open', 'acknowledged')";
        String detail = JsonText.write(Map.of("comment", text, "via", "dashboard"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    ps.setString(1, actor);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, text);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setString(5, alertId);
                    changed = ps.executeUpdate();
                }
                if (changed == 0) {
                    boolean exists;
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE id = ?")) {
                        ps.setString(1, alertId);
                        exists = ps.executeQuery().next();
                    }
                    c.rollback();
                    return exists ? Outcome.NOT_ALLOWED : Outcome.NOT_FOUND;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO alert_history (alert_id, at, event, actor, detail) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                    ps.setString(1, alertId);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, to);
                    ps.setString(4, actor);
                    ps.setString(5, detail);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, action, target, client_ip, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, actor);
                    ps.setString(3, to.equals("acknowledged") ? "alert.ack" : "alert.resolve");
                    ps.setString(4, alertId);
                    ps.setString(5, clientIp);
                    ps.setString(6, detail);
                    ps.executeUpdate();
                }
                c.commit();
                return Outcome.CHANGED;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new io.sentinel.controller.dashboard.web.Sql.DataAccessException(e);
        }
    }
}
