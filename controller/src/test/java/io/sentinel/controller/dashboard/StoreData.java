package io.sentinel.controller.dashboard;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.Database;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.worker.correlate.Correlator;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data written the way the worker writes it: through the store's repositories, wire records in. */
final class StoreData {

    private final Database db;
    private final SensorRepository sensors;
    private final AlertRepository alerts;
    private final NetworkRepository networks;
    private final TelemetryRepository telemetry;

    StoreData(Database db) {
        this.db = db;
        this.sensors = new SensorRepository(db);
        this.alerts = new AlertRepository(db);
        this.networks = new NetworkRepository(db);
        this.telemetry = new TelemetryRepository(db);
    }

    void sensor(String id, String name, Instant heartbeat, String healthJson) throws SQLException {
        sensors.enroll(id, Optional.ofNullable(name), Optional.of("lab")).orElseThrow();
        sensors.recordHeartbeat(id, heartbeat, healthJson);
    }

    /** An enrolled sensor that has not sent a heartbeat. */
    void enrolled(String id, String name) throws SQLException {
        sensors.enroll(id, Optional.ofNullable(name), Optional.of("lab")).orElseThrow();
    }

    /** A further heartbeat of an enrolled sensor, as the worker records it. */
    void heartbeat(String id, Instant at, String healthJson) throws SQLException {
        sensors.recordHeartbeat(id, at, healthJson);
    }

    static TelemetryItem ap(String bssid, String ssid, String security, int channel, int rssi, String vendor, Instant first,
                            Instant last, Map<String, Long> frames) {
        return new TelemetryItem("ap", bssid, bssid, ssid, channel, channel <= 14 ? 2407 + 5 * channel : 5000 + 5 * channel,
                security, rssi - 3, (double) rssi, rssi + 2, first, last, frames, vendor);
    }

    /** One telemetry batch of a sensor: raw rows (COPY) and the network inventory, in one transaction. */
    void telemetry(String sensorId, String batchId, List<TelemetryItem> items) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            telemetry.copy(c, sensorId, batchId, items);
            networks.upsertFromTelemetry(c, sensorId, items);
            c.commit();
        }
    }

    /** One reported alert; returns the id of the stored (possibly merged) alert. */
    String alert(String sensorId, String reportId, String type, String severity, String ssid, String bssid, Instant first,
                 Instant last, long count, String summary) throws SQLException {
        return alert(sensorId, reportId, type, severity, 0.9, ssid, bssid, first, last, count, summary,
                Map.of("rate_per_s", 42.5, "window_s", 10));
    }

    /** One reported alert with its confidence and evidence; returns the id of the stored (possibly merged) alert. */
    String alert(String sensorId, String reportId, String type, String severity, double confidence, String ssid, String bssid,
                 Instant first, Instant last, long count, String summary, Map<String, Object> evidence) throws SQLException {
        AlertMessage m = new AlertMessage(reportId, type, severity, confidence, first, last, count, bssid, ssid,
                "de:ad:be:ef:00:01", "ff:ff:ff:ff:ff:ff", 6, List.of("RATE_ABOVE_THRESHOLD"), List.of("T1499", "T1557.002"),
                evidence, summary);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            // through the worker's correlation step, as the worker stores reports
            String id = new Correlator(alerts, Correlator.DEFAULT_WINDOW).store(c, sensorId, m).alertId();
            c.commit();
            return id;
        }
    }
}
