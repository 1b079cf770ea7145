package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzz target (Jazzer) over the request parsing and validation that the
 * controller runs on every sensor body (and the worker on every queued one). For any bytes, each
 * request type is either refused with an {@link InvalidMessageException} that has a reason and a
 * message, or read into a record that
 * <ul>
 *   <li>validates,</li>
 *   <li>survives the canonical re-encoding unchanged (what the worker reads is what the
 *       controller accepted),</li>
 *   <li>holds only values PostgreSQL can store: no U+0000 or unpaired surrogate in any text,
 *       counts and times within range (checked again here, independently of the validation).</li>
 * </ul>
 * Any other exception is a finding. Under plain {@code mvn test} the seed corpus in
 * {@code src/test/resources/io/sentinel/protocol/wire/WireFuzzTestInputs/} is replayed; the build
 * also fuzzes for {@code sentinel.fuzz.seconds} with {@code JAZZER_FUZZ=1}.
 */
class WireFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void everyBodyIsRefusedWithAReasonOrReadIntoAStorableRecordThatReEncodesUnchanged(byte[] body) {
        for (Class<? extends SensorRequest> type : List.of(TelemetryBatch.class, AlertBatch.class, Heartbeat.class, ConfigReport.class)) {
            SensorRequest r;
            try {
                r = Wire.readRequest(body, type);
            } catch (InvalidMessageException refused) {
                assertThat(refused.reason()).isNotNull();
                assertThat(refused.getMessage()).isNotBlank();
                continue;
            }
            String canonical = Wire.canonical(r);
            SensorRequest back = Wire.readRequest(canonical.getBytes(StandardCharsets.UTF_8), type);
            assertThat(back).isEqualTo(r);
            assertThat(Wire.canonical(back)).isEqualTo(canonical);
            switch (r) {
                case TelemetryBatch b -> b.items().forEach(WireFuzzTest::storable);
                case AlertBatch b -> b.alerts().forEach(WireFuzzTest::storable);
                case Heartbeat h -> text(h.version());
                case ConfigReport c -> text(c.error());
            }
        }
    }

    private static void storable(TelemetryItem it) {
        text(it.vendor());
        it.ssidValue().ifPresent(s -> {
            assertThat(s.length()).isLessThanOrEqualTo(Ssid.MAX_BYTES);
            text(s.display());
        });
        assertThat(it.frames().values()).allSatisfy(v -> assertThat(v).isBetween(0L, Ranges.MAX_COUNT));
        assertThat(it.lastSeen()).isBetween(Ranges.EARLIEST, Ranges.LATEST);
        assertThat(it.firstSeen()).isBetween(Ranges.EARLIEST, it.lastSeen());
        assertThat(Identifiers.isMac(it.mac())).isTrue();
    }

    private static void storable(AlertMessage a) {
        text(a.summary());
        a.ssidValue().ifPresent(s -> text(s.display()));
        assertThat(a.count()).isBetween(0L, Ranges.MAX_COUNT);
        for (String mac : new String[] {a.bssid(), a.source(), a.target()}) {
            assertThat(mac == null || Identifiers.isMac(mac)).isTrue();
        }
        text(Wire.writeString(a.evidence()));
    }

    private static void text(String s) {
        if (s != null) {
            assertThat(s.indexOf('\0')).isNegative();
            assertThat(WireText.isValidUnicode(s)).isTrue();
        }
    }
}
