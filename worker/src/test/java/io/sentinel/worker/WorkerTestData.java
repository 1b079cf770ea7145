package io.sentinel.worker;

import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.queue.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Envelopes as the controller queues them, built from the wire records. */
final class WorkerTestData {
    private WorkerTestData() {}

    static Envelope telemetry(String sensor, String batchId, int items, Instant t) {
        List<TelemetryItem> list = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            list.add(new TelemetryItem("ap", String.format("06:00:00:00:%02x:%02x", (i / 256) % 256, i % 256), null,
                    "net-" + (i % 7), 1 + i % 11, 2412, "wpa2-psk", -80, -70.5, -60, t, t.plusSeconds(1),
                    Map.of("beacon", 10L), null));
        }
        return new Envelope(Envelope.Kind.TELEMETRY, sensor, batchId, Instant.now(),
                Wire.writeString(new TelemetryBatch(batchId, sensor, list)));
    }

    static Envelope alerts(String sensor, String batchId, AlertMessage... alerts) {
        return new Envelope(Envelope.Kind.ALERTS, sensor, batchId, Instant.now(),
                Wire.writeString(new AlertBatch(batchId, sensor, List.of(alerts))));
    }

    static AlertMessage deauth(String id, String bssid, double confidence, long count, Instant first, Instant last) {
        return new AlertMessage(id, "deauth_flood", "high", confidence, first, last, count, bssid, "Office",
                "de:ad:be:ef:00:01", "ff:ff:ff:ff:ff:ff", 6, List.of("RATE_ABOVE_THRESHOLD"), List.of("T1499.001"),
                Map.of("rate_per_s", 42), "Deauthentication flood against Office");
    }
}
