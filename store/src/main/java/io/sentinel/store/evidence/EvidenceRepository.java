package io.sentinel.store.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import io.sentinel.store.audit.AuditRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evidence metadata in PostgreSQL. An upload {@link #reserve reserves} a row (and with it the
 * object key), the caller writes the object, then {@link #markStored}; only stored rows are
 * listed. Deletion (retention, quota) removes a row and writes its audit entry in one
 * transaction, after the caller removed the object.
 */
public final class EvidenceRepository {
    private static final ObjectMapper JSON = Wire.mapper();
    private static final String COLUMNS = "e.id, e.sensor_id, e.evidence_id, e.report_id, e.alert_type, e.seq, e.object_key, "
            + "e.size_bytes, e.sha256, e.frames, e.first_frame, e.last_frame, e.trigger_at, e.capture_interface, "
            + "e.preview::text AS preview, e.stored, e.received_at, "
            + "(SELECT r.alert_id FROM alert_reports r WHERE r.sensor_id = e.sensor_id AND r.report_id = e.report_id) AS alert_id";

    private final Database db;
    private final AuditRepository audit;

    public EvidenceRepository(Database db) {
        this.db = db;
        this.audit = new AuditRepository(db);
    }

    /** What the controller checked about an upload before it reserves a row. */
    public record Upload(String sensorId, String evidenceId, String reportId, String alertType, long sizeBytes, String sha256,
            int frames, Optional<Instant> firstFrame, Optional<Instant> lastFrame, Optional<Instant> triggerAt,
            String captureInterface, List<EvidenceRecord.PreviewFrame> preview, Instant receivedAt) {}

    /** The row of a sensor's evidence id, stored or not. */
    public Optional<EvidenceRecord> find(String sensorId, String evidenceId) throws SQLException {
        return Sql.one(db, "SELECT " + COLUMNS + " FROM evidence e WHERE e.sensor_id = ? AND e.evidence_id = ?",
                EvidenceRepository::map, sensorId, evidenceId);
    }

    /**
     * Inserts the row of a new upload (not yet stored) with its key: the stored alert's id when
     * the sensor's alert is known already, else the sensor's own id; the sequence number counts
     * this sensor's files of that alert. A concurrent upload of the same evidence id returns the
     * row that won.
     */
    public EvidenceRecord reserve(Upload u) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                String alert = reportedAlert(c, u.sensorId(), u.reportId()).orElse(u.reportId());
                int seq;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(max(seq), 0) + 1 FROM evidence WHERE sensor_id = ? AND report_id = ?")) {
                    Sql.bind(ps, u.sensorId(), u.reportId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getInt(1);
                    }
                }
                String key = EvidenceKeys.of(u.receivedAt(), alert, u.sensorId(), seq);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO evidence (sensor_id, evidence_id, report_id, alert_type, seq, "
                        + "object_key, size_bytes, sha256, frames, first_frame, last_frame, trigger_at, capture_interface, preview, "
                        + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (sensor_id, evidence_id) DO NOTHING")) {
                    ps.setString(1, u.sensorId());
                    ps.setString(2, u.evidenceId());
                    ps.setString(3, u.reportId());
                    ps.setString(4, u.alertType());
                    ps.setInt(5, seq);
                    ps.setString(6, key);
                    ps.setLong(7, u.sizeBytes());
                    ps.setString(8, u.sha256());
                    ps.setInt(9, u.frames());
                    Sql.setTime(ps, 10, u.firstFrame().orElse(null));
                    Sql.setTime(ps, 11, u.lastFrame().orElse(null));
                    Sql.setTime(ps, 12, u.triggerAt().orElse(null));
                    ps.setString(13, u.captureInterface());
                    ps.setString(14, previewJson(u.preview()));
                    Sql.setTime(ps, 15, u.receivedAt());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(u.sensorId(), u.evidenceId()).orElseThrow(() -> new SQLException("evidence row vanished after insert"));
    }

    /** The object is written: the row becomes visible. */
    public void markStored(long id, Instant at) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE evidence SET stored = true, stored_at = ? WHERE id = ?")) {
            Sql.setTime(ps, 1, at);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Stored files of an alert (every sensor report merged into it), oldest first. */
    public List<EvidenceRecord> forAlert(String alertId) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM evidence e JOIN alert_reports r ON r.sensor_id = e.sensor_id "
                + "AND r.report_id = e.report_id WHERE r.alert_id = ? AND e.stored ORDER BY e.received_at, e.id",
                EvidenceRepository::map, alertId);
    }

    public Optional<EvidenceRecord> get(long id) throws SQLException {
        return Sql.one(db, "SELECT " + COLUMNS + " FROM evidence e WHERE e.id = ?", EvidenceRepository::map, id);
    }

    /** Bytes of stored evidence per sensor. */
    public long storedBytes(String sensorId) throws SQLException {
        return Sql.count(db, "SELECT coalesce(sum(size_bytes), 0) FROM evidence WHERE sensor_id = ? AND stored", sensorId);
    }

    /** Rows received before {@code cutoff} (stored or abandoned uploads), oldest first. */
    public List<EvidenceRecord> receivedBefore(Instant cutoff, int limit) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM evidence e WHERE e.received_at < ? ORDER BY e.received_at, e.id LIMIT ?",
                EvidenceRepository::map, cutoff, limit);
    }

    /** A sensor's oldest stored files beyond its newest {@code quotaBytes}. */
    public List<EvidenceRecord> overQuota(long quotaBytes, int limit) throws SQLException {
        return Sql.list(db, "SELECT " + COLUMNS + " FROM (SELECT x.*, sum(x.size_bytes) OVER (PARTITION BY x.sensor_id "
                + "ORDER BY x.received_at DESC, x.id DESC) AS running FROM evidence x WHERE x.stored) e "
                + "WHERE e.running > ? ORDER BY e.received_at, e.id LIMIT ?", EvidenceRepository::map, quotaBytes, limit);
    }

    /** Deletes a row with its audit entry in one transaction (the object is already gone). */
    public boolean delete(EvidenceRecord r, String actor, String reason, Instant at) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM evidence WHERE id = ?")) {
                    ps.setLong(1, r.id());
                    n = ps.executeUpdate();
                }
                if (n > 0) {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("reason", reason);
                    detail.put("object_key", r.objectKey());
                    detail.put("sensor_id", r.sensorId());
                    detail.put("evidence_id", r.evidenceId());
                    detail.put("size_bytes", r.sizeBytes());
                    detail.put("sha256", r.sha256());
                    audit.record(c, at, actor, "evidence.delete", Optional.of(Long.toString(r.id())), Optional.empty(), detail);
                }
                c.commit();
                return n > 0;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Optional<String> reportedAlert(Connection c, String sensorId, String reportId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id FROM alert_reports WHERE sensor_id = ? AND report_id = ?")) {
            Sql.bind(ps, sensorId, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String previewJson(List<EvidenceRecord.PreviewFrame> preview) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EvidenceRecord.PreviewFrame p : preview) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", p.n());
            m.put("at", p.at().toString());
            m.put("length", p.length());
            m.put("summary", p.summary());
            out.add(m);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EvidenceRecord.PreviewFrame> preview(String json) throws SQLException {
        try {
            List<Map<String, Object>> rows = JSON.readValue(json, new TypeReference<>() {});
            List<EvidenceRecord.PreviewFrame> out = new ArrayList<>(rows.size());
            for (Map<String, Object> m : rows) {
                out.add(new EvidenceRecord.PreviewFrame(((Number) m.get("n")).intValue(), Instant.parse((String) m.get("at")),
                        ((Number) m.get("length")).intValue(), String.valueOf(m.get("summary"))));
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new SQLException("unreadable evidence preview", e);
        }
    }

    private static EvidenceRecord map(ResultSet rs) throws SQLException {
        return new EvidenceRecord(rs.getLong("id"), rs.getString("sensor_id"), rs.getString("evidence_id"), rs.getString("report_id"),
                Sql.optString(rs, "alert_id"), rs.getString("alert_type"), rs.getInt("seq"), rs.getString("object_key"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getInt("frames"), Sql.optTime(rs, "first_frame"),
                Sql.optTime(rs, "last_frame"), Sql.optTime(rs, "trigger_at"), rs.getString("capture_interface"),
                preview(rs.getString("preview")), rs.getBoolean("stored"), Sql.time(rs, "received_at"));
    }
}
