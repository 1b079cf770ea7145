package io.sentinel.sensor.spool;

/**
 * One record read back from the spool.
 *
 * @param position       where it is stored (what {@link TelemetrySpool#ack} takes)
 * @param kind           what the body is ({@link #KIND_ALERTS}, {@link #KIND_TELEMETRY}, ...)
 * @param createdAtMillis wall time the record was appended
 * @param batchId        the id the uplink sends with it, fixed when the record was written so
 *                       that every retry, also after a restart, carries the same id
 * @param body           the request body exactly as it is sent (gzip-compressed JSON; a pcapng for evidence)
 */
public record SpoolEntry(SpoolPosition position, int kind, long createdAtMillis, String batchId, byte[] body) {
    public static final int KIND_ALERTS = 1;
    public static final int KIND_TELEMETRY = 2;
    /** An evidence pcapng, sent as it is to {@code /api/v1/evidence}; the batch id is the evidence id. */
    public static final int KIND_EVIDENCE = 3;
}
