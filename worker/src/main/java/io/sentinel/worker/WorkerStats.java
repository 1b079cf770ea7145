package io.sentinel.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one worker, readable while it runs (for logs and metrics). */
public final class WorkerStats {
    final AtomicLong entries = new AtomicLong();
    final AtomicLong telemetryRows = new AtomicLong();
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong transactions = new AtomicLong();
    final AtomicLong databaseRetries = new AtomicLong();

    /** Queue entries stored (or recognised as already stored) and acknowledged. */
    public long entries() {
        return entries.get();
    }

    public long telemetryRows() {
        return telemetryRows.get();
    }

    public long alerts() {
        return alerts.get();
    }

    public long heartbeats() {
        return heartbeats.get();
    }

    /** Entries whose batch had been stored before (redeliveries). */
    public long duplicates() {
        return duplicates.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public long transactions() {
        return transactions.get();
    }

    /** Times the worker waited for PostgreSQL to come back. */
    public long databaseRetries() {
        return databaseRetries.get();
    }

    @Override
    public String toString() {
        return "entries=" + entries + " telemetry_rows=" + telemetryRows + " alerts=" + alerts + " heartbeats="
                + heartbeats + " duplicates=" + duplicates + " dead_lettered=" + deadLettered + " transactions="
                + transactions + " db_retries=" + databaseRetries;
    }
}
