package io.sentinel.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.TelemetryItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkWriteFilterTest {
    static TelemetryItem ap(String ssid, Instant first, Instant last) {
        return new TelemetryItem("ap", "02:00:00:00:00:01", null, ssid, 6, 2437, "wpa2-psk", -60, -55.0, -50, first,
                last, Map.of(), null);
    }

    @Test
    void skipsOnlyRewritesThatWouldMoveTheTimeByLessThanTheStaleness() {
        NetworkWriteFilter f = new NetworkWriteFilter(Duration.ofSeconds(5), 100);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, List<TelemetryItem>> first = f.select(Map.of("s1", List.of(ap("A", t, t))));
        assertThat(first.get("s1")).hasSize(1);
        f.committed(first);
        assertThat(f.select(Map.of("s1", List.of(ap("A", t, t.plusSeconds(4)))))).as("4 s newer: skipped").isEmpty();
        assertThat(f.select(Map.of("s1", List.of(ap("A", t, t.plusSeconds(5)))))).as("5 s newer: written").isNotEmpty();
        assertThat(f.select(Map.of("s1", List.of(ap("B", t, t.plusSeconds(1)))))).as("renamed: written").isNotEmpty();
        assertThat(f.select(Map.of("s1", List.of(ap("A", t.minusSeconds(9), t))))).as("earlier first").isNotEmpty();
        assertThat(f.select(Map.of("s2", List.of(ap("A", t, t))))).as("another sensor").isNotEmpty();
        Map<String, List<TelemetryItem>> notCommitted = f.select(Map.of("s3", List.of(ap("A", t, t))));
        assertThat(f.select(Map.of("s3", List.of(ap("A", t, t))))).as("a rolled-back write is not remembered")
                .isEqualTo(notCommitted);
    }
}
