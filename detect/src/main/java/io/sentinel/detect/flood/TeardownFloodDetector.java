package io.sentinel.detect.flood;

import io.sentinel.detect.Detector;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.EventWindow;
import io.sentinel.detect.state.Keys;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shared logic of the deauthentication and disassociation flood detectors: counts unprotected
 * teardown frames per (BSSID, other party) pair, where the other party is the client (targeted)
 * or the broadcast address, so that both directions of an aireplay-ng targeted attack fall into
 * one alert. 802.11 retransmissions (retry bit with the sequence number already counted) and
 * frames protected by management frame protection are not counted.
 *
 * <p>Below the flood rate, context decides: a low-rate targeted attack (a dozen frames in ten
 * seconds at one client) sends frames claiming the AP's address that the AP did not send. The AP
 * numbers all its management frames from one sequence counter, so its beacons and its own
 * teardown frames are close in sequence number; a forger (aireplay-ng, scapy) uses its own counter
 * and usually its own radio, so the frame's sequence number is far from the AP's current one or its
 * signal far from the AP's. {@code spoofed_threshold} such frames to one client within
 * {@code spoofed_window_s} raise the alert with {@code SPOOFED_AP_SOURCE}.
 */
abstract class TeardownFloodDetector implements Detector {

    private final DetectorSpec spec;
    private final String type;
    private final String noun;
    private final int threshold;
    private final long window;
    private final long idle;
    private java.util.List<MonitoredNetwork> monitored;
    private final LongLruTable<Pair> pairs;
    private final LongLruTable<ApTrack> aps;
    private final int spoofedThreshold;
    private final long spoofedWindow;
    /** Sequence-number distance from the AP's latest own frame beyond which a frame is not the AP's. */
    static final int SEQ_GAP = 256;
    /** Signal difference (dB) from the AP's beacons beyond which a frame comes from another radio. */
    static final int SIGNAL_GAP_DB = 15;

    /** What the AP's own frames (beacons, probe responses) show: its sequence counter and signal. */
    private static final class ApTrack {
        int seq = -1;
        long seqAt;
        double signal = Double.NaN;
    }

    private static final class Pair {
        final EventWindow events;
        final long bssid, other;
        int lastSeq = -1;
        final AlertHandle alert = new AlertHandle();
        final TreeMap<Integer, Integer> reasons = new TreeMap<>();
        boolean apSourced, clientSourced;
        long lastFlood = Long.MIN_VALUE / 2;
        EventWindow spoofed;
        boolean spoofedAlert;

        Pair(int threshold, long bssid, long other) {
            this.events = new EventWindow(threshold);
            this.bssid = bssid;
            this.other = other;
        }

        void reason(int code) {
            if (reasons.size() < 16 || reasons.containsKey(code)) reasons.merge(code, 1, Integer::sum);
        }
    }

    /** The monitored networks only raise a severity: the counts of floods in progress stay. */
    @Override
    public boolean monitoredChanged(java.util.List<MonitoredNetwork> networks) {
        this.monitored = java.util.List.copyOf(networks);
        return true;
    }

    TeardownFloodDetector(DetectorSpec spec, Settings s, String noun) {
        this.spec = spec;
        this.type = spec.alertTypes().getFirst();
        this.noun = noun;
        this.threshold = Math.max(2, s.count("threshold"));
        this.window = s.nanos("window_s");
        this.idle = Math.max(window, s.nanos("state_ttl_s"));
        this.monitored = s.monitored();
        this.pairs = new LongLruTable<>(s.count("max_tracked"));
        this.aps = new LongLruTable<>(s.count("max_tracked"));
        this.spoofedThreshold = Math.max(3, s.count("spoofed_threshold"));
        this.spoofedWindow = s.nanos("spoofed_window_s");
    }

    /** Learns the AP's sequence counter and signal from its beacons and probe responses. */
    private void learnAp(Frame f, long now) {
        long bssid = f.bssid();
        if (bssid == MacAddress.NONE || f.source() != bssid || f.retry()) return;
        ApTrack t = aps.touchOrCreate(bssid, now, k -> new ApTrack());
        t.seq = f.sequence();
        t.seqAt = now;
        if (f.radio().hasSignal()) t.signal = Double.isNaN(t.signal) ? f.radio().signalDbm() : t.signal * 0.9 + f.radio().signalDbm() * 0.1;
    }

    /** A teardown frame claiming the AP as its source that the AP's own frames contradict. */
    private boolean spoofedFromAp(Frame f, long bssid, long now) {
        if (f.source() != bssid) return false;
        ApTrack t = aps.get(bssid);
        if (t == null || t.seq < 0 || now - t.seqAt > 2_000_000_000L) return false;
        int d = Math.floorMod(f.sequence() - t.seq, 4096);
        boolean seqFar = d > SEQ_GAP && d < 4096 - SEQ_GAP;
        boolean signalFar = f.radio().hasSignal() && !Double.isNaN(t.signal) && Math.abs(f.radio().signalDbm() - t.signal) > SIGNAL_GAP_DB;
        return seqFar || signalFar;
    }

    @Override
    public DetectorSpec spec() { return spec; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.subtype() == io.sentinel.wifi.Subtype.BEACON || f.subtype() == io.sentinel.wifi.Subtype.PROBE_RESP) {
            learnAp(f, now);
            return;
        }
        if (f.protectedFrame()) return; // PMF-protected teardown cannot be forged without the key
        long bssid = f.bssid();
        long src = f.source(), dst = f.destination();
        if (bssid == MacAddress.NONE) bssid = src;
        if (bssid == MacAddress.NONE) return;
        long other = src == bssid ? dst : src;
        if (other == MacAddress.NONE) other = dst;
        final long b = bssid, o = other;
        Pair p = pairs.touchOrCreate(Keys.pair(bssid, other), now, k -> new Pair(threshold, b, o));
        int seq = f.sequence();
        if (f.retry() && seq == p.lastSeq) return; // an ordinary retransmission of a frame already counted
        p.lastSeq = seq;
        p.reason(f.reasonCode());
        if (src == bssid) p.apSourced = true; else p.clientSourced = true;
        boolean flood = p.events.add(now, window);
        if (!flood && !MacAddress.isBroadcast(o) && spoofedFromAp(f, b, now)) {
            if (p.spoofed == null) p.spoofed = new EventWindow(spoofedThreshold);
            // a fast flood reaches the rate threshold within window_s first: the context rule is for what stays below it
            if (p.spoofed.add(now, spoofedWindow) && !p.alert.isOpen() && now - p.spoofed.oldest() >= window) {
                p.spoofedAlert = true;
                p.alert.report(out, finding(f, p, now, p.spoofed.oldest(), spoofedThreshold)
                        .reason("SPOOFED_AP_SOURCE").reason("LOW_RATE_TARGETED")
                        .evidence("spoofed_frames", p.spoofed.size())
                        .evidence("spoofed_window_s", spoofedWindow / 1e9));
                return;
            }
            if (p.spoofedAlert && p.alert.grow(out, now, 1, 64)) return;
        }
        // only frames of the flood itself (or its tail within one window) grow the alert, not a later single deauth;
        // when a flood resumes, the frames of its first window count too
        long grow = flood && now - p.lastFlood > window ? threshold : 1;
        if (flood) p.lastFlood = now;
        if (now - p.lastFlood > window) return;
        if (p.alert.grow(out, now, grow, 64)) return;
        if (p.alert.isOpen()) {
            p.alert.report(out, finding(f, p, now, now, 1));
        } else if (flood) {
            p.alert.report(out, finding(f, p, now, p.events.oldest(), threshold));
        }
    }

    private Finding finding(Frame f, Pair p, long now, long since, long frames) {
        boolean broadcast = MacAddress.isBroadcast(p.other);
        double span = Math.max(1e-3, (now - p.events.oldest()) / 1e9);
        double rate = p.events.size() / span;
        Finding x = Finding.of(type, now).since(since).frames(frames)
                .bssid(p.bssid).target(p.other).channel(f.channel())
                .source(p.apSourced && !p.clientSourced ? p.bssid : p.clientSourced && !p.apSourced ? p.other : MacAddress.NONE)
                .mitre(spec.mitre())
                .reason(broadcast ? "BROADCAST_TARGET" : "TARGETED_CLIENT");
        if (now - p.lastFlood <= window) x.reason("RATE_ABOVE_THRESHOLD");
        if (p.apSourced && p.clientSourced) x.reason("BOTH_DIRECTIONS");
        if (p.reasons.containsKey(7)) x.reason("REASON_7_CLASS3_FROM_NONASSOC");
        boolean monitoredBssid = false;
        for (MonitoredNetwork n : monitored) if (n.bssids().contains(p.bssid)) monitoredBssid = true;
        if (monitoredBssid) x.reason("MONITORED_NETWORK");
        Severity sev = broadcast || rate >= 3.0 * threshold / (window / 1e9) ? Severity.HIGH : Severity.MEDIUM;
        if (monitoredBssid) sev = sev.raise();
        Map<String, Object> reasonCodes = new LinkedHashMap<>();
        p.reasons.forEach((k, v) -> reasonCodes.put(Integer.toString(k), v));
        x.severity(sev)
                .confidence(Math.min(0.95, 0.6 + 0.05 * p.events.total() / threshold))
                .evidence("threshold", threshold)
                .evidence("window_s", window / 1e9)
                .evidence("rate_per_s", rate)
                .evidence("reason_codes", reasonCodes)
                .summary((broadcast ? "Broadcast " : "Targeted ") + noun + " flood against "
                        + (broadcast ? "every client of " : MacAddress.format(p.other) + " on ")
                        + MacAddress.format(p.bssid) + String.format(java.util.Locale.ROOT, " (%.0f frames/s).", rate));
        return x;
    }

    @Override
    public void onTick(long now, Findings out) {
        pairs.expire(now - idle);
        aps.expire(now - idle);
    }

    @Override
    public long stateSize() { return pairs.size() + aps.size(); }
}
