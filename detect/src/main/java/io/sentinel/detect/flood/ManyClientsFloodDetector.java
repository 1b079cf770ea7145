package io.sentinel.detect.flood;

import io.sentinel.detect.Detector;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.DistinctWindow;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared logic of floods of requests from many client addresses against one AP (authentication,
 * association, SAE commit): per BSSID, the distinct transmitters of qualifying requests in a
 * tumbling window, and the raw request count. Retransmissions (retry bit) are not counted.
 */
abstract class ManyClientsFloodDetector implements Detector {

    private final DetectorSpec spec;
    private final String type, noun;
    final int distinctThreshold, rateThreshold;
    final long window;
    private final long ttl;
    private final LongLruTable<Ap> aps;

    static final class Ap {
        final long bssid;
        final DistinctWindow clients;
        long requests, windowStart = Long.MIN_VALUE, firstInWindow;
        int randomMacs;
        long lastFlood = Long.MIN_VALUE / 2;
        final long[] sample = new long[5];
        int sampled;
        final AlertHandle alert = new AlertHandle();

        Ap(long bssid, int cap) {
            this.bssid = bssid;
            this.clients = new DistinctWindow(cap);
        }
    }

    ManyClientsFloodDetector(DetectorSpec spec, Settings s, String noun) {
        this.spec = spec;
        this.type = spec.alertTypes().getFirst();
        this.noun = noun;
        this.distinctThreshold = Math.max(2, s.count("distinct_clients"));
        this.rateThreshold = Math.max(2, s.count("max_requests"));
        this.window = s.nanos("window_s");
        this.ttl = Math.max(window * 2, s.nanos("state_ttl_s"));
        this.aps = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return spec; }

    /** Whether this frame is a request this detector counts. */
    abstract boolean qualifies(Frame f);

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.retry() || !qualifies(f)) return;
        long bssid = f.bssid() != MacAddress.NONE ? f.bssid() : f.destination();
        long client = f.source();
        if (bssid == MacAddress.NONE || client == MacAddress.NONE || client == bssid) return;
        int cap = distinctThreshold * 4;
        Ap ap = aps.touchOrCreate(bssid, now, k -> new Ap(k, cap));
        if (ap.windowStart == Long.MIN_VALUE || now - ap.windowStart >= window) {
            ap.windowStart = now;
            ap.requests = 0;
            ap.randomMacs = 0;
            ap.sampled = 0;
        }
        int before = ap.clients.distinct();
        int distinct = ap.clients.add(client, now, window);
        ap.requests++;
        if (distinct > before || distinct == 0) {
            if (MacAddress.isLocallyAdministered(client)) ap.randomMacs++;
            if (ap.sampled < ap.sample.length) ap.sample[ap.sampled++] = client;
        }
        boolean many = distinct >= distinctThreshold;
        boolean fast = ap.requests >= rateThreshold;
        long grow = (many || fast) && now - ap.lastFlood > window ? ap.requests : 1; // a resumed flood brings its window
        if (many || fast) ap.lastFlood = now;
        if (now - ap.lastFlood > window) return; // a lone request after the flood does not grow it
        if (ap.alert.grow(out, now, grow, 256)) return;
        boolean refresh = ap.alert.isOpen();
        if (!refresh && !many && !fast) return;
        ap.alert.report(out, finding(f, ap, now, refresh, many, fast, distinct));
    }

    private Finding finding(Frame f, Ap ap, long now, boolean refresh, boolean many, boolean fast, int distinct) {
        double span = Math.max(1e-3, (now - ap.windowStart) / 1e9);
        double rate = ap.requests / span;
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < ap.sampled; i++) sample.add(MacAddress.format(ap.sample[i]));
        double randomShare = distinct == 0 ? 0 : Math.min(1.0, (double) ap.randomMacs / Math.max(1, Math.min(distinct, ap.requests)));
        Finding x = Finding.of(type, now).since(refresh ? now : ap.windowStart).frames(refresh ? 1 : ap.requests)
                .bssid(ap.bssid).target(ap.bssid).channel(f.channel()).mitre(spec.mitre());
        if (distinct == 1) x.source(ap.sample[0]);
        if (many) x.reason("MANY_CLIENT_ADDRESSES");
        if (fast) x.reason("REQUEST_RATE_ABOVE_THRESHOLD");
        if (randomShare >= 0.8 && distinct >= 5) x.reason("RANDOMISED_SOURCE_MACS");
        Severity sev = distinct >= distinctThreshold * 3 || ap.requests >= rateThreshold * 3 ? Severity.HIGH : Severity.MEDIUM;
        return x.severity(sev)
                .confidence(Math.min(0.95, 0.55 + 0.1 * Math.max((double) distinct / distinctThreshold, (double) ap.requests / rateThreshold)))
                .evidence("distinct_clients", distinct)
                .evidence("requests_in_window", ap.requests)
                .evidence("window_s", window / 1e9)
                .evidence("distinct_threshold", distinctThreshold)
                .evidence("request_threshold", rateThreshold)
                .evidence("rate_per_s", rate)
                .evidence("locally_administered_share", randomShare)
                .evidence("sample_clients", sample)
                .summary(String.format(Locale.ROOT, "%s flood against %s: %d requests from %d client addresses in %.1f s.",
                        noun, MacAddress.format(ap.bssid), ap.requests, distinct, span));
    }

    @Override
    public void onTick(long now, Findings out) { aps.expire(now - ttl); }

    @Override
    public long stateSize() { return aps.size(); }
}
