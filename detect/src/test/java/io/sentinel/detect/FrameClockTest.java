package io.sentinel.detect;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.CaptureReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameClockTest {

    @Test
    void oneCorruptTimestampAheadDoesNotMoveTheClock() {
        FrameClock c = new FrameClock();
        assertThat(c.advance(T0)).isEqualTo(T0);
        assertThat(c.advance(T0 + SEC)).isEqualTo(T0 + SEC);
        assertThat(c.advance(T0 + 4370 * SEC)).isEqualTo(T0 + SEC); // corrupt record
        assertThat(c.advance(T0 + 2 * SEC)).isEqualTo(T0 + 2 * SEC);
        // a record of the year 55983 (as a pcapng writer with a wrong resolution stamps it) neither
        assertThat(c.advance(Long.MAX_VALUE - 5)).isEqualTo(T0 + 2 * SEC);
        assertThat(c.advance(T0 + 3 * SEC)).isEqualTo(T0 + 3 * SEC);
        assertThat(c.held()).isEqualTo(2);
    }

    @Test
    void aRealPauseIsTakenOnceConfirmedAndTheClockNeverRunsBack() {
        FrameClock c = new FrameClock();
        c.advance(T0);
        assertThat(c.advance(T0 + 225 * SEC)).isEqualTo(T0);
        assertThat(c.advance(T0 + 225 * SEC + MS)).isEqualTo(T0);
        assertThat(c.advance(T0 + 225 * SEC + 2 * MS)).isEqualTo(T0 + 225 * SEC + 2 * MS);
        assertThat(c.advance(T0)).isEqualTo(T0 + 225 * SEC + 2 * MS);
        assertThat(c.advance(-1)).isEqualTo(T0 + 225 * SEC + 2 * MS);
    }

    @Test
    void aCaptureStampedEntirelyInAnAbsurdYearKeepsItsRelativeTiming() {
        long base = 1_766_000_000_000L * 1_000_000_000L % Long.MAX_VALUE; // any large value
        FrameClock c = new FrameClock();
        assertThat(c.advance(base)).isEqualTo(base);
        assertThat(c.advance(base + SEC) - base).isEqualTo(SEC);
    }

    @Test
    void aDeauthFloodAfterACorruptRecordIsReportedAtItsOwnTime() throws Exception {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        // a CTS stamped 4,370 s ahead, as in a real capture with two corrupt records
        air.add(T0 + 4370 * SEC, 6, -50, FrameBuilder.cts().addr1(CLIENT).build());
        Attacks.aireplayDeauth(air, T0 + 10 * SEC, ap, MacAddress.BROADCAST, 3, -35);
        List<Alert> alerts = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), (a, p) -> {
            if (p == AlertSink.Phase.CLOSED) alerts.add(a);
        });
        // records in file order (the corrupt one where the writer put it: before the flood)
        List<Air.Transmission> byTime = air.sorted();
        Air.Transmission bad = byTime.getLast();
        List<Air.Transmission> inFile = new ArrayList<>(byTime.subList(0, byTime.size() - 1));
        inFile.add(inFile.size() / 4, bad);
        try (CaptureReader r = CaptureReader.of(pcapInOrder(inFile))) {
            FrameDecoder d = new FrameDecoder();
            while (r.next()) engine.process(d.decode(r.record()));
        }
        engine.flush();
        Alert deauth = single(alerts, "deauth_flood");
        assertThat(deauth.firstSeenNanos()).isBetween(T0 + 10 * SEC, T0 + 11 * SEC);
        assertThat(deauth.lastSeenNanos()).isLessThan(T0 + 14 * SEC);
    }

    static byte[] pcapInOrder(List<Air.Transmission> ts) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (io.sentinel.wifi.capture.PcapWriter w = io.sentinel.wifi.capture.PcapWriter.create(out, 127)) {
            for (Air.Transmission t : ts) w.write(t.timeNanos(), Air.radiotapRecord(t));
        }
        return out.toByteArray();
    }
}
