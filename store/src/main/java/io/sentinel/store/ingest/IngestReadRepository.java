package io.sentinel.store.ingest;

import io.sentinel.store.Database;
import io.sentinel.store.SeriesPoint;
import io.sentinel.store.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The dashboard's reads of what was ingested: items stored (by the worker's clock) in a period and per minute. */
public final class IngestReadRepository {

    private final Database db;

    public IngestReadRepository(Database db) {
        this.db = db;
    }

    /** Items (telemetry items, alerts, heartbeats) of the batches stored at or after {@code since}. */
    public long itemsStoredSince(Instant since) throws SQLException {
        return Sql.count(db, "SELECT coalesce(sum(items), 0) FROM ingest_batches WHERE stored_at >= ?", since);
    }

    /** Items stored per minute since {@code since}, one series per kind ({@code telemetry}, {@code alerts}, {@code heartbeat}). */
    public List<SeriesPoint> itemsPerMinute(Instant since) throws SQLException {
        return Sql.list(db, "SELECT date_bin('1 minute', stored_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, kind, "
                + "sum(items) AS n FROM ingest_batches WHERE stored_at >= ? GROUP BY 1, 2",
                rs -> new SeriesPoint(Sql.time(rs, "bucket"), rs.getString("kind"), rs.getLong("n")), since);
    }
}
