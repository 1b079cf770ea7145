package io.sentinel.worker;

import io.sentinel.store.Database;
import io.sentinel.store.ingest.BatchRepository;
import io.sentinel.store.telemetry.TelemetryRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Telemetry retention ({@code TELEMETRY_RETENTION_DAYS}, default 30): creates the daily
 * partitions of the next week, drops partitions (TimescaleDB: chunks) older than the retention,
 * and forgets batch ids older than the retention. Safe to run from several workers at once (an
 * advisory lock lets one of them do it).
 */
public final class RetentionJob {
    /** Days of partitions created ahead of today. */
    public static final int DAYS_AHEAD = 7;

    private final Database db;
    private final int retentionDays;
    private final Clock clock;

    public RetentionJob(Database db, int retentionDays, Clock clock) {
        this.db = db;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    public RetentionJob(Database db, int retentionDays) {
        this(db, retentionDays, Clock.systemUTC());
    }

    /** Runs once; returns one line per action taken. */
    public List<String> run() throws SQLException {
        List<String> actions = new ArrayList<>(new TelemetryRepository(db).maintain(DAYS_AHEAD, retentionDays));
        int purged = new BatchRepository(db).purgeBefore(clock.instant().minus(Duration.ofDays(retentionDays)));
        if (purged > 0) {
            actions.add("forgot " + purged + " batch ids");
        }
        return actions;
    }

    /** {@code TELEMETRY_RETENTION_DAYS} from the environment, 30 when unset. */
    public static int retentionDaysFromEnvironment() {
        String v = System.getenv("TELEMETRY_RETENTION_DAYS");
        if (v == null || v.isBlank()) {
            return 30;
        }
        try {
            int d = Integer.parseInt(v.strip());
            if (d < 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TELEMETRY_RETENTION_DAYS must be a whole number of days >= 1");
        }
    }
}
