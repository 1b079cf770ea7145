package io.sentinel.store.ingest;

import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Batch idempotency: each (sensor, batch id) is stored once, however often the queue
 * delivers it. The worker calls {@link #markStored} first inside the transaction that stores the
 * batch; a concurrent second delivery waits on the row lock and then sees it stored.
 */
public final class BatchRepository {
    private final Database db;

    public BatchRepository(Database db) {
        this.db = db;
    }

    /**
     * Records the batch as stored in the caller's transaction.
     *
     * @return true when this is the first time (store it), false when it was stored before (skip)
     */
    public boolean markStored(Connection c, String sensorId, String batchId, String kind, Instant receivedAt,
            int items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_batches (sensor_id, batch_id, kind, "
                + "received_at, items) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sensor_id, batch_id) DO NOTHING")) {
            ps.setString(1, sensorId);
            ps.setString(2, batchId);
            ps.setString(3, kind);
            Sql.setTime(ps, 4, receivedAt);
            ps.setInt(5, items);
            return ps.executeUpdate() == 1;
        }
    }

    /** True when the batch has been stored (a controller may answer "duplicate" from this). */
    public boolean isStored(String sensorId, String batchId) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM ingest_batches WHERE sensor_id = ? AND batch_id = ?")) {
            ps.setString(1, sensorId);
            ps.setString(2, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Forgets batches stored before {@code cutoff} (their ids can no longer be recognised). */
    public int purgeBefore(Instant cutoff) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM ingest_batches WHERE stored_at < ?")) {
            Sql.setTime(ps, 1, cutoff);
            return ps.executeUpdate();
        }
    }
}
