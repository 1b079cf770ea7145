package io.sentinel.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.pipeline.SensorPipeline;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.wifi.capture.CaptureReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to alert inside the sensor: a newly opened alert leaves the pipeline with the frame that
 * opened it, not after the batching wait ({@link SensorPipeline#ALERT_LATENCY_NANOS}) and not
 * only at the end of the stream; its updates are still batched, and so is a storm of openings.
 */
class OpenedAlertLeavesAtOnceTest {

    @TempDir Path dir;

    private static SensorPipeline pipeline(DetectionConfig config, List<List<Alert>> batches, int[] frame,
            List<Integer> publishedAtFrame) {
        return new SensorPipeline(config, 2_000_000_000L, 10_000, PrivacyOptions.NONE, java.util.Optional.empty(),
                io.sentinel.sensor.outbox.Outbox.of(alerts -> {
                    publishedAtFrame.add(frame[0]);
                    batches.add(List.copyOf(alerts));
                }, interval -> { }), new SensorCounters(), new ChannelCoverage(), java.util.Optional.empty(),
                io.sentinel.sensor.evidence.EvidenceRecorder.none());
    }

    @Test
    void aStormOfOpenedAlertsIsStillBatched() throws Exception {
        Path pcap = dir.resolve("storm.pcap");
        int attacks = 300; // 300 BSSIDs, each its own incident, fed as fast as possible: a storm in wall time
        AttackCapture.write(pcap, 1_700_000_000_000_000_000L, 0, attacks, 600_000_000L);
        List<List<Alert>> batches = new ArrayList<>();
        // the engine's storm control (a few new deauth incidents at once, then a rate) is lifted:
        // the pipeline's own bound is what is tested
        DetectionConfig noStormControl = DetectionConfig.defaults().with("alerts.deauth_flood.burst", 1_000_000)
                .with("alerts.deauth_flood.rate_per_min", 1e9);
        SensorPipeline p = pipeline(noStormControl, batches, new int[1], new ArrayList<>());
        long t0 = System.nanoTime();
        try (CaptureReader r = CaptureReader.open(pcap)) {
            while (r.next()) p.accept(r.record());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        p.finish();
        assertThat(batches.stream().flatMap(List::stream).map(Alert::id).distinct().count()).isEqualTo(attacks);
        // at most IMMEDIATE_PER_SECOND at once a second, plus one per batching wait, plus the last
        int bound = (int) Math.ceil(seconds + 1) * SensorPipeline.IMMEDIATE_PER_SECOND
                + (int) Math.ceil(seconds / (SensorPipeline.ALERT_LATENCY_NANOS / 1e9)) + 2;
        assertThat(batches.size()).as("batches for %d opened alerts in %.2f s", attacks, seconds)
                .isLessThanOrEqualTo(bound).isLessThan(attacks);
    }

    @Test
    void theFirstReportOfAnIncidentLeavesWithTheFrameThatOpenedIt() throws Exception {
        Path pcap = dir.resolve("attacks.pcap");
        AttackCapture.write(pcap, 1_700_000_000_000_000_000L, 0, 2, 2_000_000_000L);
        List<Integer> publishedAtFrame = new ArrayList<>();
        List<List<Alert>> batches = new ArrayList<>();
        int[] frame = {0};
        SensorPipeline p = pipeline(DetectionConfig.defaults(), batches, frame, publishedAtFrame);
        long t0 = System.nanoTime();
        try (CaptureReader r = CaptureReader.open(pcap)) {
            while (r.next()) {
                frame[0]++;
                p.accept(r.record());
            }
        }
        long fedMs = (System.nanoTime() - t0) / 1_000_000;
        int beforeFinish = batches.size();
        p.finish();

        assertThat(beforeFinish).as("alert batches published before the end of the stream (fed in %d ms)", fedMs).isPositive();
        // the deauth detector needs 10 frames: the alert leaves with the frame that opened it
        assertThat(publishedAtFrame.getFirst()).isBetween(10, 20);
        assertThat(batches.getFirst()).extracting(Alert::bssid).containsExactly(AttackCapture.bssid(0));
        // the second attack opens its own alert, which also leaves at once
        assertThat(publishedAtFrame).anySatisfy(f -> assertThat(f).isBetween(AttackCapture.FRAMES_PER_ATTACK + 10,
                AttackCapture.FRAMES_PER_ATTACK + 20));
        // updates of an open alert (63 more frames) are not one batch per frame
        assertThat(batches.size()).isLessThan(10);
    }
}
