package io.sentinel.detect.flood;

import io.sentinel.detect.Detector;
import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.EventWindow;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Beacon floods (mdk4 b, esp8266 beacon spam): many BSSIDs never seen before appear within a few
 * seconds. Known BSSIDs are remembered for {@code known_ttl_s}, so the slow arrival of networks
 * over a day never adds up to a flood; during the first {@code warmup_s} of a capture (when every
 * network is new) the threshold is multiplied by {@code warmup_factor}.
 */
public final class BeaconFloodDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "beacon_flood", List.of("beacon_flood"), Set.of(Subtype.BEACON),
            List.of(Param.count("threshold", 30, "BSSIDs never seen before, beaconing on one channel within the window"),
                    Param.seconds("window_s", 10, "the new BSSIDs must appear within this window"),
                    Param.count("global_threshold", 60, "BSSIDs never seen before, beaconing on any channel within the window (a flood spread over channels)"),
                    Param.seconds("warmup_s", 30, "start of the capture during which every network is new"),
                    Param.count("warmup_factor", 4, "threshold multiplier during the warm-up"),
                    Param.seconds("known_ttl_s", 600, "a BSSID not heard for this long is forgotten"),
                    Param.count("max_known", 65536, "BSSIDs remembered at most (least recent evicted)")),
            "high when the new-BSSID rate is 3x the threshold, medium otherwise",
            Mitre.of(Mitre.NETWORK_DOS),
            "Arrival rate of never-seen BSSIDs per channel, and over all channels together.")
            .limits(AlertPolicy.of("beacon_flood").by(AlertPolicy.Group.TYPE).hold(120));

    private final int threshold, warmupFactor, globalThreshold;
    private static final int ALL_CHANNELS = Integer.MIN_VALUE;
    private Channel global;
    private final long window, warmup, knownTtl;
    private final LongLruTable<Object> known;
    private final LongLruTable<Channel> channels = new LongLruTable<>(256);
    private long start = Long.MIN_VALUE;
    private static final Object SEEN = new Object();

    private static final class Channel {
        final EventWindow normal, warm;
        long newBssids, randomBssids, lastFlood = Long.MIN_VALUE / 2;
        final List<String> sampleSsids = new ArrayList<>();
        final AlertHandle alert = new AlertHandle();

        Channel(int threshold, int warmThreshold) {
            normal = new EventWindow(threshold);
            warm = new EventWindow(warmThreshold);
        }
    }

    public BeaconFloodDetector(Settings s) {
        threshold = Math.max(2, s.count("threshold"));
        globalThreshold = Math.max(threshold, s.count("global_threshold"));
        warmupFactor = Math.max(1, s.count("warmup_factor"));
        window = s.nanos("window_s");
        warmup = s.nanos("warmup_s");
        knownTtl = s.nanos("known_ttl_s");
        known = new LongLruTable<>(s.count("max_known"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (start == Long.MIN_VALUE) start = now;
        long bssid = f.bssid() != MacAddress.NONE ? f.bssid() : f.transmitter();
        if (bssid == MacAddress.NONE) return;
        if (known.touch(bssid, now) != null) return;
        known.put(bssid, SEEN, now);
        int ch = f.channel();
        Channel c = channels.touchOrCreate(ch, now, k -> new Channel(threshold, threshold * warmupFactor));
        arm(f, bssid, ch, c, threshold, now, out);
        if (global == null) global = new Channel(globalThreshold, globalThreshold * warmupFactor);
        arm(f, bssid, ALL_CHANNELS, global, globalThreshold, now, out);
    }

    /**
     * One arm of the detector: new BSSIDs on one channel, or ({@code ch == ALL_CHANNELS}) on every
     * channel together, which catches a flood spread thinly over many channels (mdk4 hopping, or
     * one flooder per channel) that no single channel's count reaches.
     */
    private void arm(Frame f, long bssid, int ch, Channel c, int threshold, long now, Findings out) {
        c.newBssids++;
        if (MacAddress.isLocallyAdministered(bssid)) c.randomBssids++;
        if (c.sampleSsids.size() < 5) {
            String ssid = f.ssid();
            if (ssid != null && !ssid.isEmpty()) c.sampleSsids.add(ssid);
        }
        boolean normal = c.normal.add(now, window);
        boolean warm = c.warm.add(now, window);
        boolean inWarmup = now - start < warmup;
        boolean flood = inWarmup ? warm : normal;
        long grow = flood && now - c.lastFlood > window ? (inWarmup ? c.warm : c.normal).size() : 1; // a resumed flood brings its window
        if (flood) c.lastFlood = now;
        if (now - c.lastFlood > window) return; // a network appearing later is not part of the flood
        if (c.alert.grow(out, now, grow, 256)) return;
        if (!flood && !c.alert.isOpen()) return;
        EventWindow w = inWarmup ? c.warm : c.normal;
        boolean refresh = c.alert.isOpen();
        double span = Math.max(1e-3, (now - w.oldest()) / 1e9);
        double rate = w.size() / span;
        Finding x = Finding.of("beacon_flood", now).since(refresh ? now : w.oldest()).frames(refresh ? 1 : w.size())
                .channel(ch == ALL_CHANNELS ? -1 : ch).key(ch == ALL_CHANNELS ? "all channels" : "channel " + ch).mitre(SPEC.mitre())
                .reason(ch == ALL_CHANNELS ? "MANY_NEW_BSSIDS_ACROSS_CHANNELS" : "MANY_NEW_BSSIDS");
        if (c.randomBssids * 2 > c.newBssids) x.reason("RANDOMISED_BSSIDS");
        if (inWarmup) x.reason("DURING_WARMUP");
        x.severity(rate >= 3.0 * threshold / (window / 1e9) ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Math.min(0.95, 0.6 + 0.05 * rate / (threshold / (window / 1e9))))
                .evidence("new_bssids_in_window", w.size())
                .evidence("window_s", window / 1e9)
                .evidence("threshold", inWarmup ? threshold * warmupFactor : threshold)
                .evidence("new_bssids_per_s", rate)
                .evidence("locally_administered_share", (double) c.randomBssids / Math.max(1, c.newBssids))
                .evidence("sample_ssids", List.copyOf(c.sampleSsids))
                .evidence("known_bssids", known.size())
                .summary(ch == ALL_CHANNELS
                        ? String.format(Locale.ROOT, "Beacon flood across channels: %.0f new BSSIDs per second on all channels together.", rate)
                        : String.format(Locale.ROOT, "Beacon flood on channel %d: %.0f new BSSIDs per second.", ch, rate));
        c.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) {
        known.expire(now - knownTtl);
        channels.expire(now - knownTtl);
    }

    @Override
    public long stateSize() { return known.size() + channels.size(); }
}
