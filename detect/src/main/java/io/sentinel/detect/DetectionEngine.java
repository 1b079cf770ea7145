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
 * <p>Time is taken only from {@link Frame#timestampNanos()} through a {@link FrameClock}: it never
 * runs backwards (a frame older than one already seen counts at the newest time) and one corrupt
 * timestamp far ahead does not move it (a jump counts once several frames confirm it), so the same capture gives the same
 * alerts at any replay speed and in any batching. Not thread-safe: one engine per capture stream.
 */
public final class DetectionEngine {
    private static final long TICK_NANOS = 1_000_000_000L;
    private static final Detector[] NONE = new Detector[0];

    private Detector[] all;
    /** The settings each detector was built with (null: given by a test, never kept on a change). */
    private Settings[] built;
    private int[] everyRecord;
    private final int[][] bySubtype = new int[Subtype.values().length][];
    private final AlertTracker tracker;
    private final FrameClock clock = new FrameClock();
    private long now = Long.MIN_VALUE;
    private long nextTick = Long.MIN_VALUE;
    private long frames, detectorErrors;

    private Findings[] declared;
    private long undeclared;

    private DetectionEngine(List<Detector> detectors, List<Settings> settings, AlertTracker tracker) {
        this.tracker = tracker;
        install(detectors, settings);
    }

    private void install(List<Detector> detectors, List<Settings> settings) {
        Findings[] previous = declared;
        Detector[] before = all;
        this.all = detectors.toArray(NONE);
        this.built = settings.toArray(new Settings[0]);
        this.declared = new Findings[all.length];
        for (int i = 0; i < all.length; i++) {
            Findings kept = null;
            if (before != null) for (int j = 0; j < before.length; j++) if (before[j] == all[i]) kept = previous[j];
            declared[i] = kept != null ? kept : new Declared(all[i].spec(), tracker);
        }
        List<Integer> every = new ArrayList<>();
        for (int i = 0; i < all.length; i++) if (all[i].spec().wantsEveryRecord()) every.add(i);
        this.everyRecord = every.stream().mapToInt(Integer::intValue).toArray();
        for (Subtype s : Subtype.values()) {
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < all.length; i++) if (all[i].spec().subtypes().contains(s)) l.add(i);
            bySubtype[s.ordinal()] = l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** An engine with every detector of the catalogue that the configuration leaves enabled. */
    public static DetectionEngine create(DetectionConfig config, AlertSink sink) {
        List<Detector> ds = new ArrayList<>();
        List<Settings> ss = new ArrayList<>();
        for (Detectors.Entry e : Detectors.catalogue()) {
            if (!config.enabled(e.spec().name())) continue;
            Settings s = config.settings(e.spec());
            ds.add(e.create().apply(s));
            ss.add(s);
        }
        return new DetectionEngine(ds, ss, tracker(config, sink, ds));
    }

    private static AlertTracker tracker(DetectionConfig config, AlertSink sink, List<Detector> ds) {
        return new AlertTracker(sink, config.quietGapNanos(), config.updateIntervalNanos(), config.maxOpenAlerts(),
                policies(config, ds));
    }

    private static java.util.Map<String, AlertPolicy> policies(DetectionConfig config, List<Detector> ds) {
        java.util.Map<String, AlertPolicy> policies = new java.util.HashMap<>();
        for (Detector d : ds) for (AlertPolicy p : d.spec().policies()) policies.put(p.type(), config.policy(p));
        return policies;
    }

    /**
     * Switches to another configuration without losing what the engine knows. A detector whose
     * settings are unchanged ({@link Settings#sameAs}: same parameters, and the same monitored
     * networks if it reads them) is kept with its state, e.g. the deauth counts of a flood in
     * progress or the baselines the evil-twin detector has learnt; a detector whose settings
     * changed is built anew; a detector switched off is dropped and its open alerts close now;
     * one switched on starts empty. Open incidents of kept types stay open and keep their ids,
     * so a change in the middle of an attack does not split it into two alerts. The capture
     * clock and the counters carry on. A detector that reads the monitored networks is kept when
     * it can take a new list in place ({@link Detector#monitoredChanged}: the deauth/disassoc
     * floods, weak_crypto), else rebuilt. Returns how many detectors kept their state.
     */
    public int reconfigure(DetectionConfig config) {
        List<Detector> ds = new ArrayList<>();
        List<Settings> ss = new ArrayList<>();
        int kept = 0;
        java.util.Set<String> dropped = new java.util.HashSet<>();
        for (Detector d : all) dropped.addAll(d.spec().alertTypes());
        for (Detectors.Entry e : Detectors.catalogue()) {
            if (!config.enabled(e.spec().name())) continue;
            Settings s = config.settings(e.spec());
            Detector d = null;
            for (int i = 0; i < all.length && d == null; i++) {
                if (built[i] == null || !all[i].spec().name().equals(e.spec().name()) || !built[i].sameParameters(s)) continue;
                if (!built[i].monitoredDiffer(s)) {
                    d = all[i];
                    s = built[i];
                } else if (all[i].monitoredChanged(s.monitored())) {
                    d = all[i];
                }
                if (d != null) kept++;
            }
            if (d == null) d = e.create().apply(s);
            ds.add(d);
            ss.add(s);
            dropped.removeAll(e.spec().alertTypes());
        }
        tracker.closeTypes(dropped);
        tracker.reconfigure(config.quietGapNanos(), config.updateIntervalNanos(), config.maxOpenAlerts(), policies(config, ds));
        install(ds, ss);
        return kept;
    }

    /**
     * A detector's view of the tracker: a finding of a type its spec does not declare is refused
     * (counted in {@link Stats#undeclaredFindings()}), so every alert type is one its detector
     * declares, with the declared policy.
     */
    private final class Declared implements Findings {
        private final java.util.Set<String> types;
        private final String name;

        Declared(DetectorSpec spec, Findings target) {
            this.types = java.util.Set.copyOf(spec.alertTypes());
            this.name = spec.name();
        }

        @Override
        public String report(Finding f) {
            if (!types.contains(f.type())) {
                undeclared++;
                throw new IllegalStateException("detector " + name + " raised undeclared alert type " + f.type());
            }
            return tracker.report(f);
        }

        @Override
        public boolean extend(String alertKey, long nowNanos, long frames) { return tracker.extend(alertKey, nowNanos, frames); }
    }

    /** An engine over the given detectors only (tests of one detector). */
    public static DetectionEngine of(DetectionConfig config, AlertSink sink, List<Detector> detectors) {
        List<Settings> none = new ArrayList<>();
        for (int i = 0; i < detectors.size(); i++) none.add(null);
        return new DetectionEngine(detectors, none, tracker(config, sink, detectors));
    }

    /** Feeds one frame (a flyweight: nothing of it is kept after the call). */
    public void process(Frame f) {
        now = clock.advance(f.timestampNanos());
        if (nextTick == Long.MIN_VALUE) nextTick = now + TICK_NANOS;
        else if (now >= nextTick) tick();
        frames++;
        for (int i : everyRecord) run(i, f);
        if (f.hasDot11() && f.subtype() != null) {
            for (int i : bySubtype[f.subtype().ordinal()]) run(i, f);
        }
    }

    private void run(int i, Frame f) {
        try {
            all[i].onFrame(f, now, declared[i]);
        } catch (RuntimeException e) {
            // a detector bug must not stop the sensor; the frame is data and the count is visible in stats
            detectorErrors++;
        }
    }

    private void tick() {
        for (int i = 0; i < all.length; i++) {
            Detector d = all[i];
            try {
                d.onTick(now, declared[i]);
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
        return new Stats(frames, tracker.openedCount(), tracker.openCount(), state, detectorErrors, undeclared,
                tracker.rateLimitedCount());
    }

    /** The policy the engine applies to an alert type (declared, with configured overrides). */
    public AlertPolicy policy(String type) { return tracker.policy(type); }

    /**
     * Counters for health reporting: frames seen, alerts opened and open now, detector table
     * entries, detector faults, findings refused for an undeclared type, findings merged into an
     * existing incident because their type's rate/burst limit was reached.
     */
    public record Stats(long frames, long alertsOpened, int alertsOpen, long stateEntries, long detectorErrors,
                        long undeclaredFindings, long rateLimitedFindings) {}
}
