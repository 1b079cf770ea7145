package io.sentinel.detect.flood;

import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.Detector;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Dragonblood timing probes (Vanhoef and Ronen 2020, the dragontime tool): to learn from the AP's
 * response time which password candidates take more iterations of hash-to-curve (MODP groups 22-24,
 * or ECP groups of implementations without constant-time code), the attacker sends one SAE commit
 * per spoofed client MAC, times the AP's commit (or anti-clogging token request, status 76) and
 * never continues with a confirm, again and again at a steady, moderate rate. Seen at the AP:
 * many distinct clients whose SAE exchange stops after the commits (no confirm from either side),
 * each with at most a few commits, at a rate below a commit flood ({@code sae_flood} covers those).
 * The AP's own commit replies count too, so probes the sensor did not hear (injected weakly) are
 * still seen through the answers. Real WPA3 clients continue with a confirm, even with a wrong
 * password.
 */
public final class SaeTimingProbeDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "sae_timing_probe", List.of("sae_timing_probe"), Set.of(Subtype.AUTH),
            List.of(Param.count("distinct_clients", 10, "clients whose SAE exchange with one AP stopped after the commit, in the window"),
                    Param.count("max_commits_per_client", 4, "commits (both directions, with anti-clogging retries) a probed client has at most"),
                    Param.ratio("max_clients_per_s", 10, "new probed clients per second at most (faster is a commit flood)"),
                    Param.seconds("window_s", 60, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 300, "forget an AP after this long without SAE frames"),
                    Param.count("max_tracked", 1024, "APs tracked at most")),
            "medium; high from 3x the threshold",
            Mitre.of(Mitre.PASSWORD_CRACKING),
            "SAE exchanges per AP that stop after the commit, from many distinct clients at a moderate, steady rate.")
            .limits(AlertPolicy.of("sae_timing_probe").by(AlertPolicy.Group.BSSID).hold(300));

    static final int MAX_CLIENTS = 4096;

    private final int threshold, maxCommits;
    private final double maxRate;
    private final long window, ttl;
    private final LongLruTable<Ap> aps;

    private static final class Peer {
        int commits;
        boolean confirmed;
    }

    private static final class Ap {
        long windowStart = Long.MIN_VALUE, lastCommit;
        final Map<Long, Peer> peers = new HashMap<>();
        int group = -1;
        long statusToken;
        final List<String> sample = new ArrayList<>();
        final AlertHandle alert = new AlertHandle();

        void reset(long now) {
            windowStart = now;
            peers.clear();
            statusToken = 0;
        }

        int probed(int maxCommits) {
            int n = 0;
            for (Peer p : peers.values()) if (!p.confirmed && p.commits <= maxCommits) n++;
            return n;
        }
    }

    public SaeTimingProbeDetector(Settings s) {
        threshold = Math.max(3, s.count("distinct_clients"));
        maxCommits = Math.max(1, s.count("max_commits_per_client"));
        maxRate = s.real("max_clients_per_s");
        window = s.nanos("window_s");
        ttl = s.nanos("state_ttl_s");
        aps = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.authAlgorithm() != 3) return;
        long bssid = f.bssid();
        if (bssid == MacAddress.NONE) return;
        boolean fromAp = f.source() == bssid;
        long client = fromAp ? f.destination() : f.source();
        if (client == MacAddress.NONE || MacAddress.isGroup(client)) return;
        int seq = f.authSequence();
        Ap ap = aps.touchOrCreate(bssid, now, k -> new Ap());
        if (ap.windowStart == Long.MIN_VALUE || now - ap.windowStart >= window) ap.reset(now);
        Peer p = ap.peers.get(client);
        if (p == null) {
            if (ap.peers.size() >= MAX_CLIENTS) return;
            p = new Peer();
            ap.peers.put(client, p);
            if (seq == 1 && ap.sample.size() < 5) ap.sample.add(MacAddress.format(client));
        }
        if (seq == 2) {
            p.confirmed = true;
            return;
        }
        if (seq != 1) return;
        p.commits++;
        ap.lastCommit = now;
        if (fromAp && f.statusCode() == 76) ap.statusToken++;
        int probed = ap.probed(maxCommits);
        if (ap.alert.grow(out, now, 1, 64)) return;
        if (!ap.alert.isOpen() && probed < threshold) return;
        double span = Math.max(1e-3, (now - ap.windowStart) / 1e9);
        double rate = probed / span;
        if (!ap.alert.isOpen() && rate > maxRate) return; // a commit flood: sae_flood's business
        boolean refresh = ap.alert.isOpen();
        ap.alert.report(out, Finding.of("sae_timing_probe", now).since(refresh ? now : ap.windowStart).frames(refresh ? 1 : probed)
                .bssid(bssid).target(bssid).channel(f.channel()).mitre(SPEC.mitre())
                .reason("SAE_COMMITS_WITHOUT_CONFIRM").reason("MANY_ONE_SHOT_CLIENTS")
                .severity(probed >= 3 * threshold ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Math.min(0.9, 0.5 + 0.02 * probed))
                .evidence("probed_clients", probed)
                .evidence("threshold", threshold)
                .evidence("clients_per_s", Math.round(rate * 100) / 100.0)
                .evidence("anti_clogging_requests", ap.statusToken)
                .evidence("window_s", window / 1e9)
                .evidence("sample_clients", List.copyOf(ap.sample))
                .summary(String.format(Locale.ROOT, "%d clients sent or got an SAE commit with %s and never confirmed, %.1f new clients per second: "
                        + "Dragonblood timing probes measuring the AP's response time to recover the password.", probed,
                        MacAddress.format(bssid), rate)));
    }

    @Override
    public void onTick(long now, Findings out) { aps.expire(now - ttl); }

    @Override
    public long stateSize() { return aps.size(); }
}
