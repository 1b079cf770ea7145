package io.sentinel.sensor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.evidence.EvidenceFile;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.uplink.StandInController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceDeliveryTest {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 0x5a);
    }

    @TempDir Path dir;

    private Path capture() throws Exception {
        Path f = dir.resolve("mixed.pcap");
        Files.write(f, SyntheticTraffic.mixedCapture(6000, T0, 200, 12, 40, 42));
        return f;
    }

    @Test
    void evidenceIsSentAsSignedPcapngOnceEachAndSurvivesAnOutageAndARestart() throws Exception {
        Path pcap = capture();
        Path state = dir.resolve("state");
        try (var controller = new StandInController("lab-1", KEY, 0)) {
            controller.mode.set(StandInController.Mode.UNAVAILABLE_503); // the controller's object store is down
            SensorSettings s = SensorSettings.of("lab-1", controller.uri(), KEY, state);
            long spooled;
            try (SensorRuntime rt = SensorRuntime.open(s)) {
                rt.drainOnClose(Duration.ofMillis(300));
                rt.replay(pcap, ReplayOptions.asFastAsPossible(), () -> false);
                spooled = rt.evidenceStats().written();
                assertThat(spooled).isPositive();
                assertThat(rt.evidenceSpool().orElseThrow().pendingRecords()).isEqualTo(spooled);
            } // closed during the outage: the evidence stays in the spool on disk
            assertThat(controller.evidence).isEmpty();
            controller.mode.set(StandInController.Mode.ACCEPT);
            try (SensorRuntime rt = SensorRuntime.open(s)) {
                assertThat(rt.awaitDelivered(Duration.ofSeconds(20))).isTrue();
            }
            assertThat(controller.evidence).hasSize((int) spooled);
            assertThat(controller.badSignatures).hasValue(0);
            assertThat(controller.evidenceContentTypes).allSatisfy(t -> assertThat(t).isEqualTo("application/x-pcapng"));
            for (byte[] f : controller.evidence.values()) {
                EvidenceFile.Summary sum = EvidenceFile.inspect(f, 1);
                assertThat(sum.label().orElseThrow().sensorId()).isEqualTo("lab-1");
                assertThat(sum.frames()).isPositive();
            }
            // sent once: a third start finds nothing left to send
            try (SensorRuntime rt = SensorRuntime.open(s)) {
                assertThat(rt.evidenceSpool().orElseThrow().pendingRecords()).isZero();
            }
        }
    }

    @Test
    void withoutAControllerEvidenceGoesToTheDirectory() throws Exception {
        Path out = dir.resolve("evidence");
        SensorSettings s = SensorSettings.of("lab-1", null, null, dir.resolve("state")).withEvidenceDirectory(out);
        try (SensorRuntime rt = SensorRuntime.open(s, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            rt.replay(capture(), ReplayOptions.asFastAsPossible(), () -> false);
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .anySatisfy(n -> assertThat(n).startsWith("deauth_flood-ev-").endsWith(".pcapng"));
        }
    }
}
