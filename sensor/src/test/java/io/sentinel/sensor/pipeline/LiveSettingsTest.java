package io.sentinel.sensor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.sensor.evidence.EvidenceCapture;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.evidence.EvidenceRecorder;
import io.sentinel.sensor.outbox.RecordingOutbox;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.telemetry.MacPseudonymizer;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import io.sentinel.wifi.capture.CaptureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Privacy and evidence settings of a fleet profile switch on a running pipeline, without a restart. */
class LiveSettingsTest {

    static final long T0 = 1_700_000_000_000_000_000L, SECOND = 1_000_000_000L;

    @TempDir Path dir;
    private final RecordingOutbox outbox = new RecordingOutbox();

    /** 30 s of mixed traffic (deauth flood from the middle on); {@code switchAt} frames in, the pipeline is told {@code next}. */
    private void run(EvidenceOptions local, int switchAt, SensorPipeline.Reconfiguration next) throws Exception {
        Path pcap = dir.resolve("mixed.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(6000, T0, 200, 12, 40, 42));
        EvidenceRecorder recorder = new EvidenceRecorder(local, "lab-1", "mixed.pcap", "sentinel test", outbox::evidence);
        SensorPipeline p = new SensorPipeline(DetectionConfig.defaults(), 2 * SECOND, 10_000, PrivacyOptions.NONE,
                Optional.of(new MacPseudonymizer(new byte[32])), outbox, new SensorCounters(), new ChannelCoverage(), Optional.empty(),
                recorder);
        int n = 0;
        try (CaptureReader r = CaptureReader.open(pcap)) {
            while (r.next()) {
                if (n++ == switchAt) p.reconfigure(next);
                p.accept(r.record());
            }
        }
        p.finish();
    }

    private static Set<String> clientMacs(List<TelemetryInterval> intervals) {
        return intervals.stream().flatMap(i -> i.items().stream()).filter(t -> t.kind().equals(TelemetryItem.KIND_CLIENT))
                .map(TelemetryItem::mac).collect(Collectors.toSet());
    }

    @Test
    void pseudonymsAndHiddenProbesStartAtTheNextIntervalWhileDetectionRunsOn() throws Exception {
        run(EvidenceOptions.defaults(), 1000, new SensorPipeline.Reconfiguration(DetectionConfig.defaults(),
                new PrivacyOptions(true, false, true), EvidenceOptions.defaults()));
        List<TelemetryInterval> before = outbox.intervals.stream().filter(i -> i.end().toEpochMilli() * 1_000_000L <= T0 + 5 * SECOND).toList();
        List<TelemetryInterval> after = outbox.intervals.stream().filter(i -> i.start().toEpochMilli() * 1_000_000L >= T0 + 6 * SECOND).toList();
        assertThat(before).isNotEmpty();
        assertThat(after).isNotEmpty();
        Set<String> real = clientMacs(before);
        assertThat(real).isNotEmpty();
        assertThat(clientMacs(after)).isNotEmpty().doesNotContainAnyElementsOf(real);
        assertThat(before.stream().flatMap(i -> i.items().stream()).anyMatch(t -> t.kind().equals(TelemetryItem.KIND_CLIENT) && t.ssid() != null))
                .as("clients' probed SSIDs are sent before the change").isTrue();
        assertThat(after.stream().flatMap(i -> i.items().stream()).filter(t -> t.kind().equals(TelemetryItem.KIND_CLIENT)))
                .allSatisfy(t -> assertThat(t.ssid()).isNull());
        assertThat(after.stream().flatMap(i -> i.items().stream()).anyMatch(t -> t.kind().equals(TelemetryItem.KIND_AP) && t.ssid() != null))
                .as("access points keep their SSIDs").isTrue();
        assertThat(outbox.alerts).anySatisfy(a -> assertThat(a.type()).isEqualTo("deauth_flood"));
    }

    @Test
    void evidenceWindowsChangeAndEvidenceSwitchesOffLive() throws Exception {
        run(EvidenceOptions.defaults(), 100, new SensorPipeline.Reconfiguration(DetectionConfig.defaults(), PrivacyOptions.NONE,
                EvidenceOptions.defaults().withWindows(Duration.ofSeconds(1), Duration.ofSeconds(1))));
        EvidenceCapture deauth = outbox.evidence.stream().filter(c -> c.label().alertType().equals("deauth_flood")).findFirst().orElseThrow();
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        Path f = dir.resolve(deauth.fileName());
        Files.write(f, deauth.pcapng());
        try (CaptureReader r = CaptureReader.open(f)) {
            while (r.next()) {
                min = Math.min(min, r.record().timestampNanos());
                max = Math.max(max, r.record().timestampNanos());
            }
        }
        assertThat(max - min).as("the profile's 1 s + 1 s, not the sensor's 10 s + 10 s").isLessThanOrEqualTo(2 * SECOND);

        outbox.evidence.clear();
        outbox.alerts.clear();
        run(EvidenceOptions.defaults(), 100, new SensorPipeline.Reconfiguration(DetectionConfig.defaults(), PrivacyOptions.NONE,
                EvidenceOptions.disabled()));
        assertThat(outbox.alerts).isNotEmpty();
        assertThat(outbox.evidence).isEmpty();
    }

    @Test
    void aSensorStartedWithoutEvidenceStaysWithout() throws Exception {
        run(EvidenceOptions.disabled(), 100, new SensorPipeline.Reconfiguration(DetectionConfig.defaults(), PrivacyOptions.NONE,
                EvidenceOptions.defaults()));
        assertThat(outbox.alerts).isNotEmpty();
        assertThat(outbox.evidence).isEmpty();
    }
}
