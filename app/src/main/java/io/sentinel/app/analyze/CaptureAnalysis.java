package io.sentinel.app.analyze;

import io.sentinel.app.cli.ProgressBar;
import io.sentinel.app.frames.FramesExport;
import io.sentinel.detect.Alert;
import io.sentinel.detect.AlertSink;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.sentinel.sensor.evidence.EvidenceRecorder;

/**
 * Decode + detect over capture files, in the order given, as one stream in capture time: the
 * final state of every alert, sorted by first_seen, type and id.
 */
public final class CaptureAnalysis {
    private CaptureAnalysis() {}

    public record Result(List<Alert> alerts, long frames, long firstNanos, long lastNanos, List<String> warnings) {}

    public static final Comparator<Alert> ORDER = Comparator.comparingLong(Alert::firstSeenNanos)
            .thenComparing(Alert::type).thenComparing(Alert::id);

    /** Opens every file first, so an unreadable one fails before any output. */
    public static List<CaptureReader> openAll(List<Path> files) throws FramesExport.BadInputException {
        List<CaptureReader> readers = new ArrayList<>();
        try {
            for (Path f : files) readers.add(FramesExport.open(f));
        } catch (FramesExport.BadInputException e) {
            for (CaptureReader r : readers) r.close();
            throw e;
        }
        return readers;
    }

    public static Result run(List<Path> files, List<CaptureReader> readers, DetectionConfig config, ProgressBar progress) {
        return run(files, readers, config, progress, EvidenceRecorder.none());
    }

    /** As above, with the sensor's evidence recorder (same ring, same files) fed every frame and every opened alert. */
    public static Result run(List<Path> files, List<CaptureReader> readers, DetectionConfig config, ProgressBar progress,
            EvidenceRecorder evidence) {
        List<Alert> alerts = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.create(config, (a, phase) -> {
            if (phase == AlertSink.Phase.OPENED) evidence.alertOpened(a);
            if (phase == AlertSink.Phase.CLOSED) alerts.add(a);
        });
        FrameDecoder decoder = new FrameDecoder();
        long total = 0, doneBefore = 0, frames = 0, first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (CaptureReader r : readers) total += r.size();
        progress.start(total);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            CaptureReader r = readers.get(i);
            while (r.next()) {
                var f = decoder.decode(r.record());
                long ts = f.timestampNanos();
                if (ts < first) first = ts;
                if (ts > last) last = ts;
                evidence.observe(r.record(), f);
                engine.process(f);
                frames++;
                progress.update(doneBefore + r.position(), frames);
            }
            if (r.endProblem() != null) warnings.add(files.get(i) + ": " + r.endProblem());
            doneBefore += r.size();
        }
        engine.flush();
        evidence.finish();
        progress.close();
        alerts.sort(ORDER);
        return new Result(alerts, frames, frames == 0 ? 0 : first, frames == 0 ? 0 : last, warnings);
    }
}
