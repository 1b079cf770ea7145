package io.sentinel.sensor.evidence;

import io.sentinel.detect.Alert;
import io.sentinel.protocol.evidence.EvidenceLabel;
import io.sentinel.protocol.evidence.EvidencePcapng;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureRecord;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pre-trigger window of raw frames ({@link CaptureRing}) and, when an alert opens,
 * records an evidence file: the ring's frames of the last {@link EvidenceOptions#preTrigger()}
 * and every frame of the next {@link EvidenceOptions#postTrigger()} (capture time), each with a
 * one-line decode as its comment, labelled with alert id and type, sensor id and capture
 * interface. The file is handed to the {@link EvidenceOutput} once the window closes (or at
 * {@link #finish()}).
 *
 * <p>Bounds: {@link EvidenceOptions#maxBytesPerAlert()} per file, at most
 * {@link EvidenceOptions#maxPerMinute()} files started per minute of capture time, at most
 * {@link EvidenceOptions#maxConcurrent()} recorded at once, one file per alert id; alerts
 * beyond these get no evidence and are counted. The evidence id is derived from sensor, alert
 * and trigger time, so the same capture analysed twice writes the same files.
 *
 * <p>Runs on the capture thread; the counters may be read from any thread.
 */
public final class EvidenceRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRecorder.class);
    private static final long MINUTE = 60_000_000_000L;
    private static final int REMEMBERED_ALERTS = 4096;

    /** What the recorder did, for heartbeats and the summary line. */
    public record Stats(long written, long suppressedRate, long suppressedConcurrent, long framesLeftOut, long outputErrors) {}

    private EvidenceOptions options;
    /** The sensor was started with evidence on: it has somewhere to write files. */
    private final boolean canRecord;
    private final String sensorId;
    private final String captureInterface;
    private final String application;
    private final EvidenceOutput output;
    private CaptureRing ring;
    private final List<Recording> active = new ArrayList<>();
    private final ArrayDeque<Long> recentStarts = new ArrayDeque<>();
    private final LinkedHashSet<String> recorded = new LinkedHashSet<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private long lastNanos = Long.MIN_VALUE;
    private final AtomicLong written = new AtomicLong(), suppressedRate = new AtomicLong(), suppressedConcurrent = new AtomicLong(),
            leftOut = new AtomicLong(), errors = new AtomicLong();

    private final class Recording {
        final EvidenceLabel label;
        final EvidencePcapng file;
        final long untilNanos;
        long framesLeftOut;

        Recording(EvidenceLabel label, long untilNanos) {
            this.label = label;
            this.file = new EvidencePcapng(label, application);
            this.untilNanos = untilNanos;
        }

        void add(int linkType, long ts, byte[] data, int off, int len, int orig, String comment) {
            long projected = file.size() + 32 + len + (comment == null ? 0 : comment.length() * 3L + 8);
            if (projected > options.maxBytesPerAlert()) {
                framesLeftOut++;
                return;
            }
            file.add(linkType, ts, data, off, len, orig, comment);
        }
    }

    /**
     * @param captureInterface the live interface or replayed file, written into the file
     * @param application      the pcapng {@code shb_userappl} (program and version)
     */
    public EvidenceRecorder(EvidenceOptions options, String sensorId, String captureInterface, String application,
            EvidenceOutput output) {
        this.options = options;
        this.sensorId = sensorId;
        this.captureInterface = captureInterface;
        this.application = application;
        this.output = output;
        this.ring = options.enabled() ? new CaptureRing(options.ringBytes(), options.preTrigger().toNanos()) : null;
        this.canRecord = options.enabled();
    }

    /**
     * Other evidence settings (fleet profile), on the pipeline's thread. Windows and limits apply to
     * the next alert; switching off writes the recordings in progress and frees the ring; a longer
     * pre-trigger window starts a new ring (it fills within that window). A sensor started with
     * evidence off has no evidence spool: it stays off, and this returns false.
     */
    public boolean reconfigure(EvidenceOptions next) {
        if (next.enabled() && !canRecord) return false;
        if (!next.enabled()) {
            finish();
            ring = null;
        } else if (ring == null || !next.preTrigger().equals(options.preTrigger()) || next.ringBytes() != options.ringBytes()) {
            ring = new CaptureRing(next.ringBytes(), next.preTrigger().toNanos());
        }
        options = next;
        return true;
    }

    public EvidenceOptions options() { return options; }

    /** A recorder that keeps nothing and writes nothing. */
    public static EvidenceRecorder none() {
        return new EvidenceRecorder(EvidenceOptions.disabled(), "none", "", "sentinel", c -> { });
    }

    public boolean enabled() { return options.enabled(); }

    /** Every captured record, after decoding ({@code frame} is the decode of {@code record}); both valid only during the call. */
    public void observe(CaptureRecord record, Frame frame) {
        if (!options.enabled()) return;
        long ts = record.timestampNanos();
        lastNanos = Math.max(lastNanos, ts);
        closeDue(ts);
        if (!active.isEmpty()) {
            int len = record.capturedLength();
            byte[] copy = new byte[len];
            MemorySegment.copy(record.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, record.dataOffset(), copy, 0, len);
            String comment = FrameSummary.of(frame);
            for (Recording r : active) r.add(record.linkType(), ts, copy, 0, len, record.originalLength(), comment);
        }
        ring.add(record);
    }

    /** An alert opened (at the capture time of the latest frame). */
    public void alertOpened(Alert alert) {
        if (!options.enabled() || lastNanos == Long.MIN_VALUE) return;
        if (!recorded.add(alert.id())) return;
        if (recorded.size() > REMEMBERED_ALERTS) {
            Iterator<String> it = recorded.iterator();
            it.next();
            it.remove();
        }
        long now = lastNanos;
        while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() >= MINUTE) recentStarts.pollFirst();
        if (recentStarts.size() >= options.maxPerMinute()) {
            suppressedRate.incrementAndGet();
            return;
        }
        if (active.size() >= options.maxConcurrent()) {
            suppressedConcurrent.incrementAndGet();
            return;
        }
        recentStarts.addLast(now);
        EvidenceLabel label = new EvidenceLabel(evidenceId(alert.id(), now), alert.id(), alert.type(), sensorId, captureInterface, now);
        Recording r = new Recording(label, now + options.postTrigger().toNanos());
        MutableCaptureRecord m = new MutableCaptureRecord();
        ring.forEachSince(now - options.preTrigger().toNanos(), (linkType, ts, data, off, len, orig) -> {
            m.set(0, ts, linkType, 0, MemorySegment.ofArray(data), off, len, orig, -1);
            r.add(linkType, ts, data, off, len, orig, FrameSummary.of(decoder.decode(m)));
        });
        active.add(r);
    }

    /** Capture time moved on without a frame (live capture idle). */
    public void advance(long captureNanos) {
        if (!options.enabled()) return;
        closeDue(captureNanos);
    }

    /** End of the capture: every recording still open is written with what it has. */
    public void finish() {
        for (Recording r : List.copyOf(active)) close(r);
        active.clear();
    }

    private void closeDue(long nowNanos) {
        if (active.isEmpty()) return;
        for (Iterator<Recording> it = active.iterator(); it.hasNext(); ) {
            Recording r = it.next();
            if (nowNanos > r.untilNanos) {
                it.remove();
                close(r);
            }
        }
    }

    private void close(Recording r) {
        leftOut.addAndGet(r.framesLeftOut);
        try {
            output.write(new EvidenceCapture(r.label, r.file.toByteArray(), r.file.frames(), r.framesLeftOut));
            written.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            LOG.error("cannot store evidence {} of alert {}: {}", r.label.evidenceId(), r.label.alertId(), e.getMessage());
        }
    }

    private String evidenceId(String alertId, long triggerNanos) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] h = d.digest((sensorId + "|" + alertId + "|" + triggerNanos).getBytes(StandardCharsets.UTF_8));
            return "ev-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Stats stats() {
        return new Stats(written.get(), suppressedRate.get(), suppressedConcurrent.get(), leftOut.get(), errors.get());
    }
}
