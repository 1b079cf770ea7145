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
import io.sentinel.detect.state.DistinctWindow;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Probe floods and scanners (mdk4 p, wardriving tools, SSID brute forcing): one transmitter that
 * probes for many different SSIDs, or sends probe requests far faster than a phone's scan.
 */
public final class ProbeFloodDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "probe_flood", List.of("probe_flood"), Set.of(Subtype.PROBE_REQ),
            List.of(Param.count("distinct_ssids", 20, "different SSIDs probed for by one transmitter in the window"),
                    Param.count("max_requests", 200, "probe requests from one transmitter in the window"),
                    Param.seconds("window_s", 30, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 120, "forget a transmitter after this long without probes"),
                    Param.count("max_tracked", 16384, "transmitters tracked at most")),
            "medium when both thresholds are crossed or at 3x one of them, low otherwise",
            Mitre.of(Mitre.ACTIVE_SCANNING),
            "Distinct probed SSIDs and probe rate per transmitter.")
            .limits(AlertPolicy.of("probe_flood").by(AlertPolicy.Group.SOURCE).hold(120));

    private final int distinctThreshold, rateThreshold;
    private final long window, ttl;
    private final LongLruTable<Prober> probers;

    private static final class Prober {
        final DistinctWindow ssids;
        long requests, windowStart = Long.MIN_VALUE, lastFlood = Long.MIN_VALUE / 2;
        final List<String> sample = new ArrayList<>();
        final AlertHandle alert = new AlertHandle();

        Prober(int cap) { ssids = new DistinctWindow(cap); }
    }

    public ProbeFloodDetector(Settings s) {
        distinctThreshold = Math.max(2, s.count("distinct_ssids"));
        rateThreshold = Math.max(2, s.count("max_requests"));
        window = s.nanos("window_s");
        ttl = Math.max(window * 2, s.nanos("state_ttl_s"));
        probers = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.retry()) return;
        long src = f.source();
        if (src == MacAddress.NONE) return;
        int cap = distinctThreshold * 2;
        Prober p = probers.touchOrCreate(src, now, k -> new Prober(cap));
        if (p.windowStart == Long.MIN_VALUE || now - p.windowStart >= window) {
            p.windowStart = now;
            p.requests = 0;
            p.sample.clear();
        }
        p.requests++;
        int distinct = p.ssids.distinct();
        if (!f.elements().ssidHidden()) {
            int before = distinct;
            distinct = p.ssids.add(f.elements().ssidHash(), now, window);
            if (distinct > before && p.sample.size() < 5) {
                String s = f.ssid();
                if (s != null) p.sample.add(s);
            }
        }
        boolean many = distinct >= distinctThreshold, fast = p.requests >= rateThreshold;
        long grow = (many || fast) && now - p.lastFlood > window ? p.requests : 1; // a resumed flood brings its window
        if (many || fast) p.lastFlood = now;
        if (now - p.lastFlood > window) return;
        if (p.alert.grow(out, now, grow, 256)) return;
        boolean refresh = p.alert.isOpen();
        if (!refresh && !many && !fast) return;
        double span = Math.max(1e-3, (now - p.windowStart) / 1e9);
        Finding x = Finding.of("probe_flood", now).since(refresh ? now : p.windowStart).frames(refresh ? 1 : p.requests)
                .source(src).channel(f.channel()).mitre(SPEC.mitre());
        if (many) x.reason("MANY_SSIDS");
        if (fast) x.reason("PROBE_RATE_ABOVE_THRESHOLD");
        boolean strong = (many && fast) || distinct >= 3 * distinctThreshold || p.requests >= 3 * rateThreshold;
        p.alert.report(out, x.severity(strong ? Severity.MEDIUM : Severity.LOW)
                .confidence(strong ? 0.85 : 0.7)
                .evidence("distinct_ssids", distinct)
                .evidence("requests_in_window", p.requests)
                .evidence("window_s", window / 1e9)
                .evidence("distinct_threshold", distinctThreshold)
                .evidence("request_threshold", rateThreshold)
                .evidence("sample_ssids", List.copyOf(p.sample))
                .summary(String.format(Locale.ROOT, "%s sent %d probe requests for %d different SSIDs in %.1f s.",
                        MacAddress.format(src), p.requests, distinct, span)));
    }

    @Override
    public void onTick(long now, Findings out) { probers.expire(now - ttl); }

    @Override
    public long stateSize() { return probers.size(); }
}
