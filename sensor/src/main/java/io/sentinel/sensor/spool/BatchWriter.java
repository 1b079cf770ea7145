package io.sentinel.sensor.spool;

import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Turns alerts and telemetry into request bodies of the wire schema and appends them to the
 * spool, gzip-compressed, each with a fresh batch id ({@code a-} or {@code t-} and a random
 * UUID) that is stored with the record and therefore the same on every retry.
 */
public final class BatchWriter {

    /** Items per telemetry request; an interval with more devices is split. */
    public static final int ITEMS_PER_BATCH = 2_000;

    private final TelemetrySpool spool;
    private final String sensorId;

    public BatchWriter(TelemetrySpool spool, String sensorId) {
        this.spool = spool;
        this.sensorId = sensorId;
    }

    /**
     * Appends one alert batch. {@code alertJson} are complete JSON objects as {@code sentinel
     * analyze} writes them (the detection engine's {@code Alert.toJson()}).
     */
    public String appendAlerts(List<String> alertJson) throws IOException {
        String id = "a-" + UUID.randomUUID();
        StringBuilder sb = new StringBuilder(256 * alertJson.size() + 100);
        sb.append("{\"batch_id\":\"").append(id).append("\",\"sensor_id\":");
        sb.append(Wire.writeString(sensorId)).append(",\"alerts\":[");
        for (int i = 0; i < alertJson.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(alertJson.get(i));
        }
        sb.append("]}");
        spool.append(SpoolEntry.KIND_ALERTS, id, gzip(sb.toString().getBytes(StandardCharsets.UTF_8)));
        return id;
    }

    /** Appends the items of one interval, split into batches of {@link #ITEMS_PER_BATCH}. Returns the batch count. */
    public int appendTelemetry(List<TelemetryItem> items) throws IOException {
        int batches = 0;
        for (int from = 0; from < items.size(); from += ITEMS_PER_BATCH) {
            String id = "t-" + UUID.randomUUID();
            TelemetryBatch b = new TelemetryBatch(id, sensorId, items.subList(from, Math.min(items.size(), from + ITEMS_PER_BATCH)));
            spool.append(SpoolEntry.KIND_TELEMETRY, id, gzip(Wire.write(b)));
            batches++;
        }
        return batches;
    }

    public TelemetrySpool spool() { return spool; }

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
