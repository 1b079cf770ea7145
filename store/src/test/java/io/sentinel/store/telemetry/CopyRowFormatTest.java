package io.sentinel.store.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The COPY rows' fast paths (times computed directly, plain-ASCII SSIDs, counters written
 * without the codec) write exactly what the general paths write.
 */
class CopyRowFormatTest {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    @Test
    void timesAreWrittenAsTheFormatterWritesThemAcrossTheWholeWireRange() {
        Random r = new Random(7);
        long last = Instant.parse("9999-12-31T23:59:59.999999Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = i < 100_000 ? Math.floorMod(r.nextLong(), last + 1)
                    : 1_700_000_000L + r.nextInt(400_000_000); // dense around today
            Instant t = Instant.ofEpochSecond(second, r.nextInt(1_000_000_000) / 1_000 * 1_000L);
            assertThat(TelemetryRepository.time(new StringBuilder(), t).toString())
                    .isEqualTo(TS.format(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)));
        }
        for (String edge : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999999Z", "2024-02-29T12:00:00Z",
                "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"}) {
            Instant t = Instant.parse(edge);
            assertThat(TelemetryRepository.time(new StringBuilder(), t).toString())
                    .isEqualTo(TS.format(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)));
        }
    }

    @Test
    void aPlainSsidIsWrittenAsTheSameBytesGivenAsHexAreWritten() {
        for (String name : new String[] {"CorpNet", "a b~c!", "x", "Café", "tab\there", "back\\slash", "\u0000\u0000"}) {
            String viaText = row(item(name, null, Map.of("beacon", 100L, "probe_resp", 3L)));
            String viaHex = row(item(null, Ssid.ofText(name).hex(), Map.of("beacon", 100L, "probe_resp", 3L)));
            assertThat(viaText).as(name).isEqualTo(viaHex);
        }
    }

    @Test
    void countersAreTheCodecsJsonAndOddNamesStillGoThroughTheCodec() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("beacon", 100L);
        counters.put("probe_resp", 3L);
        counters.put("data", 9_007_199_254_740_991L);
        String row = row(item("CorpNet", null, counters));
        assertThat(row.split("\t")[14]).isEqualTo(Wire.writeString(counters));
        // a name the wire would refuse (built in code): escaped by the codec, then for COPY
        Map<String, Long> odd = Map.of("we\"ird\\", 1L);
        assertThat(row(item("CorpNet", null, odd)).split("\t")[14]).isEqualTo("{\"we\\\\\"ird\\\\\\\\\":1}");
        assertThat(row(item("CorpNet", null, Map.of())).split("\t")[14]).isEqualTo("{}");
    }

    private static TelemetryItem item(String ssid, String hex, Map<String, Long> frames) {
        Instant t = Instant.parse("2026-12-02T15:00:00.670487Z");
        return new TelemetryItem("ap", "02:00:00:00:00:e4", null, ssid, hex, 6, 2437, "wpa2-psk", -92, -88.5, -86,
                t.minusSeconds(10), t, frames, null);
    }

    private static String row(TelemetryItem it) {
        StringBuilder sb = new StringBuilder();
        TelemetryRepository.appendRow(sb, "s1", "b1", it);
        assertThat(Optional.of(sb.charAt(sb.length() - 1))).contains('\n');
        return sb.substring(0, sb.length() - 1);
    }
}
