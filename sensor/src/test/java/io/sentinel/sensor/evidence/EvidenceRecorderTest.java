package io.sentinel.sensor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.evidence.EvidenceFile;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.pipeline.SensorPipeline;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.wifi.capture.CaptureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.sentinel.sensor.outbox.RecordingOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceRecorderTest {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    @TempDir Path dir;

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<EvidenceCapture> written = outbox.evidence;

    /** 30 s of mixed traffic at 200 frames/s with a deauth burst in the middle, through a pipeline with a recorder. */
    private EvidenceRecorder run(EvidenceOptions options) throws Exception {
        Path pcap = dir.resolve("mixed.pcap");
        Files.write(pcap, SyntheticTraffic.mixedCapture(6000, T0, 200, 12, 40, 42));
        EvidenceRecorder recorder = new EvidenceRecorder(options, "lab-1", "mixed.pcap", "sentinel test", outbox::evidence);
        SensorPipeline p = new SensorPipeline(DetectionConfig.defaults(), 10 * SECOND, 10_000, PrivacyOptions.NONE, Optional.empty(),
                outbox, new SensorCounters(), new ChannelCoverage(), Optional.empty(), recorder);
        try (CaptureReader r = CaptureReader.open(pcap)) {
            while (r.next()) p.accept(r.record());
        }
        p.finish();
        return recorder;
    }

    @Test
    void deauthBurstProducesOneLabelledFileWithPreAndPostTriggerFrames() throws Exception {
        EvidenceRecorder rec = run(EvidenceOptions.defaults().withWindows(Duration.ofSeconds(2), Duration.ofSeconds(3)));
        EvidenceCapture deauth = written.stream().filter(c -> c.label().alertType().equals("deauth_flood")).findFirst().orElseThrow();
        var label = deauth.label();
        assertThat(label.sensorId()).isEqualTo("lab-1");
        assertThat(label.captureInterface()).isEqualTo("mixed.pcap");
        assertThat(label.evidenceId()).startsWith("ev-");
        // the wifi module's reader takes the file; every frame lies in [trigger - 2 s, trigger + 3 s]
        Path f = dir.resolve(deauth.fileName());
        Files.write(f, deauth.pcapng());
        long n = 0, before = 0, min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        try (CaptureReader r = CaptureReader.open(f)) {
            while (r.next()) {
                long ts = r.record().timestampNanos();
                min = Math.min(min, ts);
                max = Math.max(max, ts);
                if (ts < label.triggerNanos()) before++;
                assertThat(r.record().linkType()).isEqualTo(127);
                n++;
            }
        }
        assertThat(n).isEqualTo(deauth.frames()).isGreaterThan(400); // 200 frames/s over about 5 s
        assertThat(before).isGreaterThan(100);
        assertThat(min).isGreaterThanOrEqualTo(label.triggerNanos() - 2 * SECOND);
        assertThat(max).isLessThanOrEqualTo(label.triggerNanos() + 3 * SECOND);
        EvidenceFile.Summary s = EvidenceFile.inspect(deauth.pcapng(), 500);
        assertThat(s.label()).contains(label);
        assertThat(s.preview()).anySatisfy(p -> assertThat(p.comment()).startsWith("deauth "));
        assertThat(rec.stats().written()).isEqualTo(written.size());
        assertThat(outbox.alerts).extracting(a -> a.id()).contains(label.alertId()); // the file's alert went out too
    }

    @Test
    void perAlertSizeBoundCutsTheFileAndCountsWhatWasLeftOut() throws Exception {
        EvidenceRecorder rec = run(EvidenceOptions.defaults().withLimits(16 * 1024, 6, 4, 1 << 20));
        assertThat(written).isNotEmpty().allSatisfy(c -> assertThat(c.pcapng().length).isLessThanOrEqualTo(16 * 1024));
        assertThat(rec.stats().framesLeftOut()).isPositive();
    }

    @Test
    void perMinuteBoundSuppressesFurtherFiles() throws Exception {
        EvidenceRecorder rec = run(EvidenceOptions.defaults().withLimits(1 << 20, 1, 4, 4 << 20));
        assertThat(written).hasSize(1);
        long alerts = rec.stats().written() + rec.stats().suppressedRate();
        assertThat(alerts).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sameCaptureGivesSameEvidenceIds() throws Exception {
        run(EvidenceOptions.defaults());
        List<String> first = written.stream().map(c -> c.label().evidenceId()).toList();
        written.clear();
        run(EvidenceOptions.defaults());
        assertThat(written.stream().map(c -> c.label().evidenceId()).toList()).isEqualTo(first);
    }

    @Test
    void ringKeepsOnlyItsAgeAndByteBounds() throws Exception {
        CaptureRing ring = new CaptureRing(64 * 1024, 1 * SECOND);
        byte[] frame = new byte[1000];
        var rec = new io.sentinel.wifi.capture.MutableCaptureRecord();
        for (int i = 0; i < 200; i++) {
            rec.set(i, T0 + i * 1_000_000L, 127, 0, java.lang.foreign.MemorySegment.ofArray(frame), 0, 1000, 1000, -1);
            ring.add(rec);
        }
        assertThat(ring.bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(ring.records()).isEqualTo(65);
        rec.set(999, T0 + 5 * SECOND, 127, 0, java.lang.foreign.MemorySegment.ofArray(frame), 0, 10, 10, -1);
        ring.add(rec);
        assertThat(ring.records()).isEqualTo(1); // everything older than a second went
        List<Long> seen = new ArrayList<>();
        ring.forEachSince(0, (lt, ts, d, o, l, ol) -> seen.add(ts));
        assertThat(seen).containsExactly(T0 + 5 * SECOND);
    }
}
