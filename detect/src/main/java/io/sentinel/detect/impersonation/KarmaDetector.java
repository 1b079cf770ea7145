package io.sentinel.detect.impersonation;

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
 * Karma / MANA access points (airbase-ng -P, hostapd-mana, WiFi Pineapple): one BSSID answering
 * probe requests for many different SSIDs. A real AP answers for its own SSID only (virtual APs
 * use one BSSID per SSID).
 */
public final class KarmaDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "karma", List.of("karma"), Set.of(Subtype.PROBE_RESP, Subtype.BEACON),
            List.of(Param.count("distinct_ssids", 3, "different SSIDs in probe responses from one BSSID within the window"),
                    Param.seconds("window_s", 120, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 300, "forget a BSSID after this long without probe responses"),
                    Param.count("max_tracked", 8192, "BSSIDs tracked at most")),
            "high from 2x the threshold, medium otherwise",
            Mitre.of(Mitre.AITM),
            "Distinct SSIDs advertised by one BSSID in probe responses (and beacons).")
            .limits(AlertPolicy.of("karma").by(AlertPolicy.Group.SOURCE).hold(120));

    private final int threshold;
    private final long window, ttl;
    private final LongLruTable<Responder> responders;

    private static final class Responder {
        final DistinctWindow ssids;
        final List<String> sample = new ArrayList<>();
        long responses, since;
        final AlertHandle alert = new AlertHandle();

        Responder(int cap) { ssids = new DistinctWindow(cap); }
    }

    public KarmaDetector(Settings s) {
        threshold = Math.max(2, s.count("distinct_ssids"));
        window = s.nanos("window_s");
        ttl = Math.max(window, s.nanos("state_ttl_s"));
        responders = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.elements().ssidHidden()) return;
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        boolean probeResp = f.subtype() == Subtype.PROBE_RESP;
        Responder r = probeResp ? responders.touchOrCreate(bssid, now, k -> new Responder(threshold * 4))
                : responders.touch(bssid, now); // beacons only add SSIDs of a BSSID that already answers probes
        if (r == null) return;
        if (r.responses == 0) r.since = now;
        r.responses++;
        int before = r.ssids.distinct();
        int distinct = r.ssids.add(f.elements().ssidHash(), now, window);
        if (distinct > before && r.sample.size() < 8) {
            String s = f.ssid();
            if (s != null && !r.sample.contains(s)) r.sample.add(s);
        }
        if (r.alert.grow(out, now, 1, 64)) return;
        if (distinct < threshold && !r.alert.isOpen()) return;
        boolean refresh = r.alert.isOpen();
        r.alert.report(out, Finding.of("karma", now).since(refresh ? now : r.ssids.windowStart()).frames(refresh ? 1 : r.ssids.events())
                .bssid(bssid).source(bssid).channel(ApFrames.channel(f)).mitre(SPEC.mitre())
                .reason("ANSWERS_MANY_SSIDS")
                .severity(distinct >= 2 * threshold ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Math.min(0.95, 0.6 + 0.05 * distinct))
                .evidence("distinct_ssids", distinct)
                .evidence("threshold", threshold)
                .evidence("window_s", window / 1e9)
                .evidence("sample_ssids", List.copyOf(r.sample))
                .summary(String.format(Locale.ROOT, "%s answers probe requests for %d different SSIDs (karma/MANA behaviour).",
                        MacAddress.format(bssid), distinct)));
    }

    @Override
    public void onTick(long now, Findings out) { responders.expire(now - ttl); }

    @Override
    public long stateSize() { return responders.size(); }
}
