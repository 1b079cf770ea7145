package io.sentinel.worker.correlate;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.alert.UpsertOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The worker's correlation step: reports of different sensors about the same attack become one
 * alert. A report that is new (neither stored before nor named like a stored alert) joins an
 * alert when that alert has the same type and BSSID, is not resolved, was reported by other
 * sensors only, and overlaps the report in time within the window; otherwise it starts its own.
 * A report without a BSSID never joins. How the joined alert's count, confidence, times and
 * severity combine is the store's (see {@link AlertRepository}).
 */
public final class Correlator {
    /** Default time within which reports of different sensors are taken to be the same attack. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final AlertRepository alerts;
    private final Duration window;

    public Correlator(AlertRepository alerts, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the correlation window cannot be negative");
        }
        this.alerts = alerts;
        this.window = window;
    }

    /** The alert this sensor's report joins, locked in the caller's transaction; empty: its own. */
    public Optional<String> alertToJoin(Connection c, String sensorId, AlertMessage a) throws SQLException {
        if (a.bssid() == null || !alerts.isNewReport(c, sensorId, a.id())) {
            return Optional.empty();
        }
        return alerts.lockOpenAlertOfOtherSensors(c, a.type(), a.bssid(), sensorId, a.firstSeen().minus(window),
                a.lastSeen().plus(window));
    }

    /** Correlates the report, then stores it (in the caller's transaction). */
    public UpsertOutcome store(Connection c, String sensorId, AlertMessage a) throws SQLException {
        return alerts.upsert(c, sensorId, a, alertToJoin(c, sensorId, a));
    }
}
