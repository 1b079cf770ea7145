package io.sentinel.sensor.pipeline;

import io.sentinel.detect.Alert;
import io.sentinel.detect.AlertSink;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.evidence.EvidenceRecorder;
import io.sentinel.sensor.outbox.Outbox;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.sensor.radio.ChannelHopper;
import io.sentinel.sensor.telemetry.MacPseudonymizer;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.telemetry.TelemetryAggregator;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * decode -> detect -> aggregate for one capture stream, on one thread. Every record is
 * decoded once; the frame goes to the detection engine (real addresses and SSIDs) and then to
 * the telemetry aggregator (which applies the privacy options when it emits an interval).
 *
 * <p>A newly opened alert (the first report of an incident) leaves at once, together with every
 * snapshot waiting: the time to alert does not include a batching wait. At most
 * {@link #IMMEDIATE_PER_SECOND} batches a second leave that way; past that (a storm opening many
 * incidents at once) opened alerts are batched like the rest. Updates and closes (the latest
 * snapshot of an alert replaces an earlier one still waiting) leave in small batches: as soon as
 * {@link #ALERT_BATCH} are waiting, or {@link #ALERT_LATENCY_NANOS} of wall time after the first
 * one, or with the next opened alert, or at {@link #finish()}. Telemetry leaves once per interval
 * of capture time.
 */
public final class SensorPipeline {

    public static final int ALERT_BATCH = 200;
    public static final long ALERT_LATENCY_NANOS = 200_000_000L;
    /** Batches a second sent at once because an alert opened; past it, opened alerts wait like updates. */
    public static final int IMMEDIATE_PER_SECOND = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SensorPipeline.class);

    private final FrameDecoder decoder = new FrameDecoder();
    private final DetectionEngine engine;
    /** Settings to switch to at the next frame (set from another thread). */
    private volatile Reconfiguration next;

    /** What a running pipeline can switch without a restart. */
    public record Reconfiguration(DetectionConfig detection, PrivacyOptions privacy, EvidenceOptions evidence) {}
    private final TelemetryAggregator aggregator;
    private final Outbox outbox;
    private final SensorCounters counters;
    private final ChannelCoverage coverage;
    private final Optional<ChannelHopper> hopper;
    private final EvidenceRecorder evidence;
    private final Map<String, Alert> pendingAlerts = new LinkedHashMap<>();
    private long firstPendingNanos;
    private long immediateWindowStartNanos = System.nanoTime() - 1_000_000_000L;
    private int immediateInWindow;

    /**
     * @param intervalNanos telemetry interval in capture time
     * @param maxDevices    cap on devices per interval
     * @param pseudonymizer required when the privacy options pseudonymise clients
     * @param outbox        receives alerts, telemetry and (through {@code evidence}) evidence files
     * @param hopper        told about every frame (adaptive hopping)
     * @param evidence      keeps the pre-trigger ring and records a file when an alert opens
     *                      ({@link EvidenceRecorder#none()}: nothing), writing to the outbox
     */
    public SensorPipeline(DetectionConfig detection, long intervalNanos, int maxDevices, PrivacyOptions privacy,
            Optional<MacPseudonymizer> pseudonymizer, Outbox outbox, SensorCounters counters, ChannelCoverage coverage,
            Optional<ChannelHopper> hopper, EvidenceRecorder evidence) {
        this.evidence = evidence;
        this.outbox = outbox;
        this.counters = counters;
        this.coverage = coverage;
        this.hopper = hopper;
        this.engine = DetectionEngine.create(detection, this::onAlert);
        this.aggregator = new TelemetryAggregator(intervalNanos, maxDevices, privacy, pseudonymizer.orElse(null), this::onInterval);
    }

    /** Processes one raw record (valid only during the call). */
    public void accept(CaptureRecord record) {
        counters.captured.incrementAndGet();
        if (hopper.isPresent()) hopper.get().onFrame();
        Frame f = decoder.decode(record);
        evidence.observe(record, f); // before detection: the frame that opens an alert is in its evidence
        if (!f.supportedLinkType()) {
            counters.unsupportedLinkType.incrementAndGet();
            return;
        }
        if (f.hasDot11()) counters.decoded.incrementAndGet();
        if (f.isMalformed()) counters.malformed.incrementAndGet();
        coverage.addFrame(f.channel());
        if (next != null) switchSettings();
        engine.process(f);
        aggregator.observe(f);
        if (!pendingAlerts.isEmpty() && System.nanoTime() - firstPendingNanos >= ALERT_LATENCY_NANOS) flushAlerts();
    }

    /**
     * Runs detection with {@code detection} from the next frame on, without a restart (safe from
     * any thread). Detectors whose settings did not change keep their state and open alerts stay
     * open ({@link DetectionEngine#reconfigure}); telemetry and everything else carry on.
     */
    public void reconfigure(DetectionConfig detection) {
        reconfigure(new Reconfiguration(detection, aggregator.privacy(), evidence.options()));
    }

    /**
     * Switches detection, privacy and evidence settings at the next frame (safe from any thread):
     * detection keeps what it can ({@link DetectionEngine#reconfigure}); privacy applies from the
     * next telemetry interval emitted; evidence from the next alert ({@link EvidenceRecorder#reconfigure}).
     */
    public void reconfigure(Reconfiguration settings) {
        next = settings;
    }

    private void switchSettings() {
        Reconfiguration r = next;
        next = null;
        int kept = engine.reconfigure(r.detection());
        aggregator.privacy(r.privacy());
        if (!evidence.reconfigure(r.evidence())) {
            LOG.warn("evidence stays off: this sensor was started without evidence recording");
        }
        LOG.info("settings switched: {} of {} detectors kept their state", kept, engine.detectors().size());
    }

    /** Called when no frame came for a while (live capture): moves telemetry time and sends waiting alerts. */
    public void idle(long captureTimeNanos) {
        if (next != null) switchSettings();
        aggregator.advanceTo(captureTimeNanos);
        evidence.advance(captureTimeNanos);
        if (!pendingAlerts.isEmpty()) flushAlerts();
    }

    /** End of the stream: closes open alerts, emits the last interval, sends everything waiting. */
    public void finish() {
        engine.flush();
        aggregator.flush();
        evidence.finish();
        flushAlerts();
    }

    private void onAlert(Alert alert, AlertSink.Phase phase) {
        if (phase == AlertSink.Phase.OPENED) {
            counters.alertsOpened.incrementAndGet();
            evidence.alertOpened(alert);
        }
        if (pendingAlerts.isEmpty()) firstPendingNanos = System.nanoTime();
        pendingAlerts.remove(alert.id()); // keep arrival order of the latest snapshot
        pendingAlerts.put(alert.id(), alert);
        if (pendingAlerts.size() >= ALERT_BATCH || (phase == AlertSink.Phase.OPENED && immediateAllowed())) flushAlerts();
    }

    /** Whether an opened alert may leave at once: at most {@link #IMMEDIATE_PER_SECOND} such batches a second. */
    private boolean immediateAllowed() {
        long now = System.nanoTime();
        if (now - immediateWindowStartNanos >= 1_000_000_000L) {
            immediateWindowStartNanos = now;
            immediateInWindow = 0;
        }
        return immediateInWindow++ < IMMEDIATE_PER_SECOND;
    }

    private void flushAlerts() {
        if (pendingAlerts.isEmpty()) return;
        List<Alert> batch = new ArrayList<>(pendingAlerts.values());
        pendingAlerts.clear();
        try {
            outbox.alerts(batch);
            counters.alertSnapshots.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            counters.spoolErrors.incrementAndGet();
            LOG.error("cannot store " + batch.size() + " alerts: " + e.getMessage());
        }
    }

    private void onInterval(TelemetryInterval interval) {
        counters.telemetryOverflowFrames.addAndGet(interval.overflowFrames());
        try {
            outbox.telemetry(interval);
            counters.telemetryItems.addAndGet(interval.items().size());
        } catch (IOException | RuntimeException e) {
            counters.spoolErrors.incrementAndGet();
            LOG.error("cannot store telemetry of " + interval.items().size() + " devices: " + e.getMessage());
        }
    }

    public DetectionEngine.Stats detectionStats() { return engine.stats(); }

    public TelemetryAggregator aggregator() { return aggregator; }

    public EvidenceRecorder evidence() { return evidence; }
}
