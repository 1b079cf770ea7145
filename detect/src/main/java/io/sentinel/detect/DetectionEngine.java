package io.sentinel.detect;

import io.sentinel.wifi.Frame;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every enabled detector over decoded frames in capture time and turns their findings into
 * alerts for an {@link AlertSink}. The same class serves the sensor, {@code sentinel analyze} and
 * the tests:
 *
 * <pre>
 * DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), (alert, phase) -> ...);
 * for (each decoded frame) engine.process(frame);
 * engine.flush();   // closes the open alerts: each gets its final CLOSED snapshot
 * </pre>
 *
 * <p>Time is taken only from {@link Frame#timestampNanos()} and never runs backwards (a frame
 * older than one already seen counts at the newest time), so the same capture gives the same
 * alerts at any replay speed and in any batching. Not thread-safe: one engine per capture stream.
 */
public final class DetectionEngine {
    private static final long TICK_NANOS = 1_000_000_000L;
    private static final Detector[] NONE = new Detector[0];

    private final Detector[] all;
    private final Detector[] everyRecord;
    private final Detector[][] bySubtype = new Detector[Subtype.values().length][];
    private final AlertTracker tracker;
    private long now = Long.MIN_VALUE;
    private long nextTick = Long.MIN_VALUE;
    private long frames, detectorErrors;

    private DetectionEngine(List<Detector> detectors, AlertTracker tracker) {
        this.all = detectors.toArray(NONE);
        this.tracker = tracker;
        List<Detector> every = new ArrayList<>();
        for (Detector d : all) if (d.spec().wantsEveryRecord()) every.add(d);
        this.everyRecord = every.toArray(NONE);
        for (Subtype s : Subtype.values()) {
            List<Detector> l = new ArrayList<>();
            for (Detector d : all) if (d.spec().subtypes().contains(s)) l.add(d);
            bySubtype[s.ordinal()] = l.toArray(NONE);
        }
    }

    /** An engine with every detector of the catalogue that the configuration leaves enabled. */
    public static DetectionEngine create(DetectionConfig config, AlertSink sink) {
        List<Detector> ds = new ArrayList<>();
        for (Detectors.Entry e : Detectors.catalogue()) {
            if (config.enabled(e.spec().name())) ds.add(e.create().apply(config.settings(e.spec())));
        }
        return new DetectionEngine(ds, new AlertTracker(sink, config.quietGapNanos(), config.updateIntervalNanos(),
                config.maxOpenAlerts()));
    }

    /** An engine over the given detectors only (tests of one detector). */
    public static DetectionEngine of(DetectionConfig config, AlertSink sink, List<Detector> detectors) {
        return new DetectionEngine(detectors, new AlertTracker(sink, config.quietGapNanos(),
                config.updateIntervalNanos(), config.maxOpenAlerts()));
    }

    /** Feeds one frame (a flyweight: nothing of it is kept after the call). */
    public void process(Frame f) {
        long ts = f.timestampNanos();
        if (ts > now) now = ts;
        if (nextTick == Long.MIN_VALUE) nextTick = now + TICK_NANOS;
        else if (now >= nextTick) tick();
        frames++;
        for (Detector d : everyRecord) run(d, f);
        if (f.hasDot11() && f.subtype() != null) {
            for (Detector d : bySubtype[f.subtype().ordinal()]) run(d, f);
        }
    }

    private void run(Detector d, Frame f) {
        try {
            d.onFrame(f, now, tracker);
        } catch (RuntimeException e) {
            // a detector bug must not stop the sensor; the frame is data and the count is visible in stats
            detectorErrors++;
        }
    }

    private void tick() {
        for (Detector d : all) {
            try {
                d.onTick(now, tracker);
            } catch (RuntimeException e) {
                detectorErrors++;
            }
        }
        tracker.closeQuiet(now);
        nextTick = now + TICK_NANOS;
    }

    /** Ends the stream: pending decisions are taken at the current capture time and every open alert is closed. */
    public void flush() {
        if (nextTick != Long.MIN_VALUE) tick();
        tracker.closeAll();
    }

    /** The capture time the engine has reached, or Long.MIN_VALUE before the first frame. */
    public long now() { return now; }

    public List<DetectorSpec> detectors() {
        List<DetectorSpec> l = new ArrayList<>();
        for (Detector d : all) l.add(d.spec());
        return l;
    }

    public Stats stats() {
        long state = 0;
        for (Detector d : all) state += d.stateSize();
        return new Stats(frames, tracker.openedCount(), tracker.openCount(), state, detectorErrors);
    }

    /** Counters for health reporting: frames seen, alerts opened and open now, detector table entries, detector faults. */
    public record Stats(long frames, long alertsOpened, int alertsOpen, long stateEntries, long detectorErrors) {}
}
