package io.sentinel.sensor.spool;

import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts and telemetry into request bodies of the wire schema, written by the protocol's
 * codec, and appends them to the spool gzip-compressed, each with a fresh batch id ({@code a-}
 * or {@code t-} and a random UUID) that is stored with the record and therefore the same on
 * every retry.
 *
 * <p>Every alert and item is checked with the codec's own validation before it is spooled: one
 * the controller would refuse is left out (logged and counted in {@link #invalidRecords()})
 * instead of taking the rest of its batch down with it.
 */
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    /** Items per telemetry request; an interval with more devices is split. */
    public static final int ITEMS_PER_BATCH = 2_000;

    private final TelemetrySpool spool;
    private final String sensorId;
    private final AtomicLong invalid = new AtomicLong();

    public BatchWriter(TelemetrySpool spool, String sensorId) {
        this.spool = spool;
        this.sensorId = sensorId;
    }

    /** Appends one alert batch; returns its batch id (empty when no alert was valid). */
    public String appendAlerts(List<AlertMessage> alerts) throws IOException {
        List<AlertMessage> valid = valid(alerts, a -> a.validate("alert " + a.id()));
        if (valid.isEmpty()) {
            return "";
        }
        String id = "a-" + UUID.randomUUID();
        spool.append(SpoolEntry.KIND_ALERTS, id, gzip(Wire.write(new AlertBatch(id, sensorId, valid))));
        return id;
    }

    /** Appends the items of one interval, split into batches of {@link #ITEMS_PER_BATCH}. Returns the batch count. */
    public int appendTelemetry(List<TelemetryItem> items) throws IOException {
        List<TelemetryItem> valid = valid(items, it -> it.validate("item " + it.mac()));
        int batches = 0;
        for (int from = 0; from < valid.size(); from += ITEMS_PER_BATCH) {
            String id = "t-" + UUID.randomUUID();
            TelemetryBatch b = new TelemetryBatch(id, sensorId, valid.subList(from, Math.min(valid.size(), from + ITEMS_PER_BATCH)));
            spool.append(SpoolEntry.KIND_TELEMETRY, id, gzip(Wire.write(b)));
            batches++;
        }
        return batches;
    }

    /** Alerts and items left out because the wire schema would refuse them. */
    public long invalidRecords() {
        return invalid.get();
    }

    public TelemetrySpool spool() { return spool; }

    /** The records that pass the codec's validation; the others are logged and counted. */
    private <T> List<T> valid(List<T> records, Consumer<T> validation) {
        List<T> valid = new ArrayList<>(records.size());
        for (T r : records) {
            try {
                validation.accept(r);
                valid.add(r);
            } catch (InvalidMessageException e) {
                invalid.incrementAndGet();
                LOG.warn("not sent (the controller would refuse it): " + e.getMessage());
            }
        }
        return valid;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream g = new GZIPOutputStream(out, 8192)) {
            g.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
