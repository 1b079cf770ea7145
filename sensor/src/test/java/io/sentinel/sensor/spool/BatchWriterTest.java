package io.sentinel.sensor.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchWriterTest {
    @TempDir Path dir;

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static TelemetryItem item(int i, Instant last) {
        return TelemetryItem.of("ap", String.format("02:00:00:00:00:%02x", i), null, Optional.of(Ssid.ofHex("00ff0" + i % 10)),
                6, 2437, "open", -60, -55.0, -50, T, last, Map.of("beacon", 1L), null);
    }

    @Test
    void anItemTheControllerWouldRefuseIsLeftOutAndTheRestOfItsBatchIsSent() throws Exception {
        try (TelemetrySpool spool = TelemetrySpool.open(dir, new SpoolOptions(1 << 20, 1 << 24, FsyncPolicy.NEVER, Duration.ZERO))) {
            BatchWriter w = new BatchWriter(spool, "s1");
            List<TelemetryItem> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) items.add(item(i, T.plusSeconds(5)));
            items.set(3, item(3, Instant.parse("+10000-01-01T00:00:00Z")));
            assertThat(w.appendTelemetry(items)).isEqualTo(1);
            assertThat(w.invalidRecords()).isEqualTo(1);
            SpoolEntry e = spool.peek().orElseThrow();
            TelemetryBatch b = Wire.readTelemetryBatch(new GZIPInputStream(new ByteArrayInputStream(e.body())).readAllBytes());
            assertThat(b.items()).hasSize(9).extracting(TelemetryItem::mac).doesNotContain("02:00:00:00:00:03");
            assertThat(b.items().get(0).ssidHex()).isEqualTo("00ff00");
            assertThat(b.batchId()).isEqualTo(e.batchId());

            AlertMessage bad = new AlertMessage("x", "evil_twin", "high", 0.5, T, T, 1, "not a mac", null, null, null, null,
                    List.of(), List.of(), Map.of(), "");
            assertThat(w.appendAlerts(List.of(bad))).isEmpty();
            assertThat(w.invalidRecords()).isEqualTo(2);
        }
    }
}
