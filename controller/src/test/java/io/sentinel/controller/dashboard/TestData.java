package io.sentinel.controller.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Rows for dashboard tests, written with the schema of the store's migrations. */
final class TestData {

    private final DataSource ds;

    TestData(DataSource ds) {
        this.ds = ds;
    }

    void sensor(String id, String name, Instant lastHeartbeat, String healthJson) {
        exec("INSERT INTO sensors (id, name, location, last_heartbeat, health) VALUES (?, ?, 'lab', ?, ?::jsonb)",
                id, name, ts(lastHeartbeat), healthJson);
    }

    void network(String bssid, String ssid, String security, int channel, String vendor, Instant first, Instant last) {
        exec("INSERT INTO networks (bssid, ssid, security, channel, freq_mhz, vendor, first_seen, last_seen) "
                + "VALUES (?::macaddr, ?, ?, ?, ?, ?, ?, ?)", bssid, ssid, security, channel,
                channel <= 14 ? 2407 + 5 * channel : 5000 + 5 * channel, vendor, ts(first), ts(last));
    }

    void networkSensor(String bssid, String sensorId, int rssiAvg, Instant last) {
        exec("INSERT INTO network_sensors (bssid, sensor_id, rssi_min, rssi_avg, rssi_max, last_seen) VALUES (?::macaddr, ?, ?, ?, ?, ?)",
                bssid, sensorId, rssiAvg - 4, (float) rssiAvg, rssiAvg + 3, ts(last));
    }

    void telemetry(String sensorId, String bssid, String ssid, int channel, int rssi, Instant time, String framesJson) {
        exec("INSERT INTO telemetry (time, sensor_id, batch_id, kind, mac, bssid, ssid, channel, security, rssi_min, rssi_avg, rssi_max, "
                + "first_seen, frames) VALUES (?, ?, 'b1', 'ap', ?::macaddr, ?::macaddr, ?, ?, 'wpa2-psk', ?, ?, ?, ?, ?::jsonb)",
                ts(time), sensorId, bssid, bssid, ssid, channel, rssi - 3, (float) rssi, rssi + 2, ts(time.minusSeconds(30)), framesJson);
    }

    void alert(String id, String type, String severity, String ssid, String bssid, String sensorId, Instant first, Instant last,
               long count, String summary) {
        exec("INSERT INTO alerts (id, type, severity, confidence, first_seen, last_seen, count, bssid, ssid, source, target, channel, "
                + "reasons, mitre, evidence, summary, sensor_id, sensor_ids) VALUES (?, ?, ?, 0.9, ?, ?, ?, ?, ?, "
                + "'de:ad:be:ef:00:01', 'ff:ff:ff:ff:ff:ff', 6, ARRAY['RATE_ABOVE_THRESHOLD'], ARRAY['T1499','T1557.002'], "
                + "'{\"rate_per_s\": 42.5, \"window_s\": 10}'::jsonb, ?, ?, ARRAY[?])",
                id, type, severity, ts(first), ts(last), count, bssid, ssid, summary, sensorId, sensorId);
    }

    void alertReport(String alertId, String sensorId, String reportId, long count, Instant first, Instant last) {
        exec("INSERT INTO alert_reports (sensor_id, report_id, alert_id, confidence, count, first_seen, last_seen) VALUES (?, ?, ?, 0.9, ?, ?, ?)",
                sensorId, reportId, alertId, count, ts(first), ts(last));
    }

    void ingest(String sensorId, String batchId, String kind, Instant at, int items) {
        exec("INSERT INTO ingest_batches (sensor_id, batch_id, kind, received_at, stored_at, items) VALUES (?, ?, ?, ?, ?, ?)",
                sensorId, batchId, kind, ts(at), ts(at), items);
    }

    void sql(String statement) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exec(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }
}
