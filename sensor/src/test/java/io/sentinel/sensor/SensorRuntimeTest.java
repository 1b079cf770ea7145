package io.sentinel.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.uplink.StandInController;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorRuntimeTest {

    @TempDir Path dir;

    static final long T0 = 1_700_000_000_000_000_000L;
    static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 0x5a);
    }

    private Path capture(int frames, int rate) throws Exception {
        Path f = dir.resolve("mixed.pcap");
        Files.write(f, SyntheticTraffic.mixedCapture(frames, T0, rate, 12, 40, 42));
        return f;
    }

    private static List<AlertMessage> alerts(StandInController c) {
        List<AlertMessage> out = new ArrayList<>();
        for (byte[] b : c.rawBodies) {
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.contains("\"alerts\"")) out.addAll(Wire.readAlertBatch(b).alerts());
        }
        return out;
    }

    private static List<TelemetryItem> items(StandInController c) {
        List<TelemetryItem> out = new ArrayList<>();
        for (byte[] b : c.rawBodies) {
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.contains("\"items\"")) out.addAll(Wire.readTelemetryBatch(b).items());
        }
        return out;
    }

    @Test
    void replayIntoAControllerDeliversValidSignedAlertsAndTelemetry() throws Exception {
        Path pcap = capture(6000, 200); // 30 s of capture with a deauth burst in the middle
        try (var controller = new StandInController("lab-1", KEY, 0)) {
            ReplaySummary s = SensorRuntime.replay(pcap, controller.uri(), "lab-1", KEY, ReplayOptions.asFastAsPossible());
            assertThat(s.frames()).isEqualTo(6000);
            assertThat(s.pending()).isZero();
            assertThat(controller.badSignatures).hasValue(0);
            // every body passes the protocol module's strict validation
            List<AlertMessage> alerts = alerts(controller);
            assertThat(alerts).extracting(AlertMessage::type).contains("deauth_flood");
            assertThat(s.alertsOpened()).isPositive();
            List<TelemetryItem> items = items(controller);
            assertThat(items).hasSize((int) s.telemetryItems());
            assertThat(items).anySatisfy(i -> {
                assertThat(i.kind()).isEqualTo("ap");
                assertThat(i.ssid()).startsWith("net-");
            });
            assertThat(items).anySatisfy(i -> assertThat(i.kind()).isEqualTo("client"));
            // three 10 s intervals of capture time: each AP appears once per interval
            assertThat(items.stream().filter(i -> i.mac().equals("00:12:34:00:00:01")).count()).isEqualTo(3);
            assertThat(controller.heartbeats.get()).isPositive();
        }
    }

    @Test
    void replayIsPacedByCaptureTimestamps() throws Exception {
        Path pcap = capture(200, 400); // half a second of capture
        long start = System.nanoTime();
        var out = new ByteArrayOutputStream();
        SensorSettings s = SensorSettings.of("lab-1", null, null, dir.resolve("state"));
        try (SensorRuntime rt = SensorRuntime.open(s, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            rt.replay(pcap, ReplayOptions.atSpeed(1.0), () -> false);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isGreaterThanOrEqualTo(450);
        start = System.nanoTime();
        try (SensorRuntime rt = SensorRuntime.open(s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            rt.replay(pcap, ReplayOptions.atSpeed(10.0), () -> false);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(ms - 150);
    }

    @Test
    void withoutAControllerAlertsAreWrittenAsJsonLinesAndLoopsShiftTime() throws Exception {
        Path pcap = capture(4000, 1000);
        var out = new ByteArrayOutputStream();
        SensorSettings s = SensorSettings.of("lab-1", null, null, dir.resolve("state"));
        ReplaySummary r;
        try (SensorRuntime rt = SensorRuntime.open(s, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            r = rt.replay(pcap, ReplayOptions.asFastAsPossible().withLoops(2), () -> false);
        }
        assertThat(r.frames()).isEqualTo(8000);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
        // the second pass plays later in capture time (4 s of capture + 1 s gap): its flood extends the alert there
        double lastSeen = Arrays.stream(lines).filter(l -> l.contains("\"deauth_flood\""))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*\"last_seen\":([0-9.]+).*", "$1"))).max().orElseThrow();
        assertThat(lastSeen).isGreaterThan(T0 / 1e9 + 5);
    }

    @Test
    void heartbeatBodyIsAValidHeartbeat() throws Exception {
        try (var controller = new StandInController("lab-1", KEY, 0)) {
            SensorSettings s = SensorSettings.of("lab-1", controller.uri(), KEY, dir.resolve("state"));
            try (SensorRuntime rt = SensorRuntime.open(s)) {
                rt.replay(capture(500, 100), ReplayOptions.asFastAsPossible(), () -> false);
                var hb = Wire.readHeartbeat(rt.heartbeatBody());
                assertThat(hb.framesCaptured()).isEqualTo(500);
                assertThat(hb.framesDecoded()).isEqualTo(500);
                assertThat(hb.channels()).extracting(c -> c.channel()).contains(1, 6, 11, 36, 44);
                assertThat(rt.awaitDelivered(Duration.ofSeconds(10))).isTrue();
                // coverage is per heartbeat (since the previous one): the uplink may have sent some of
                // the 500 frames in its own heartbeats meanwhile, so every frame is counted exactly once
                // over all heartbeats, the ones sent (perhaps still on the way) and the one taken here
                long here = hb.channels().stream().mapToLong(c -> c.frames()).sum();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                long sent;
                do {
                    sent = controller.heartbeatBodies.stream().map(Wire::readHeartbeat)
                            .flatMap(h -> h.channels().stream()).mapToLong(c -> c.frames()).sum();
                    if (here + sent >= 500) break;
                    Thread.sleep(20);
                } while (System.nanoTime() < deadline);
                assertThat(here + sent).isEqualTo(500);
            }
        }
    }
}
