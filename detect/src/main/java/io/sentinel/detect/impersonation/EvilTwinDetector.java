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
import io.sentinel.detect.state.Keys;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evil twins (airbase-ng, hostapd-mana, wifiphisher, eaphammer): a BSSID that starts serving an
 * SSID after the SSID's own BSSIDs were learnt, and differs from them in security, vendor,
 * capabilities or a much stronger signal. Scored, and confirmed over several frames, so that a
 * new AP of the same ESS (same vendor, same security, another channel) stays silent.
 *
 * <p>A second rule catches the clone of the AP itself (the "fake channel" evil twin: the real
 * BSSID and SSID beaconed by the attacker with the DS Parameter Set of the attacker's channel, to
 * pull clients there): beacons of one BSSID whose advertised channel keeps alternating between two
 * values. An AP that moves (DFS, a channel switch announcement, a restart) changes its advertised
 * channel once; only two transmitters interleave. The advertised channel is in the frame, so a
 * channel-hopping sensor hearing the AP on a neighbour channel sees the same value.
 */
public final class EvilTwinDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "evil_twin", List.of("evil_twin"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.seconds("learn_s", 10, "BSSIDs first heard within this time of their SSID form its baseline"),
                    Param.count("confirm_frames", 3, "frames from the newcomer before deciding"),
                    Param.ratio("min_score", 2.0, "score to alert: security 2, vendor 1, capabilities 1, stronger signal 1, channel 0.5"),
                    Param.decibels("signal_margin_db", 15, "how much stronger than the strongest baseline BSSID counts as suspicious"),
                    Param.seconds("state_ttl_s", 3600, "forget an SSID after this long unheard"),
                    Param.count("max_ssids", 8192, "SSIDs tracked at most"),
                    Param.count("max_bssids_per_ssid", 32, "BSSIDs remembered per SSID"),
                    Param.count("channel_alternations", 6, "changes of one BSSID's advertised channel (back and forth) in clone_window_s"),
                    Param.seconds("clone_window_s", 60, "window of the alternating-channel (cloned BSSID) rule")),
            "high with a security mismatch, medium otherwise; confidence grows with the score",
            Mitre.of(Mitre.AITM),
            "Per SSID, compares BSSIDs that appear after the learning period with the learnt ones.")
            .limits(AlertPolicy.of("evil_twin").by(AlertPolicy.Group.SSID).hold(300));

    private final long learn, ttl;
    private final int confirm, signalMargin, maxBssids, alternations;
    private final long cloneWindow;
    private final double minScore;
    private final LongLruTable<Ssid> ssids;

    private static final class Bss {
        final long bssid;
        final boolean baseline;
        String security;
        int channel, phy, frames, interval;
        double signal = Double.NaN;
        boolean decided;
        int dsChannel = -1, alternations;
        long alternationsSince;
        final java.util.TreeSet<Integer> dsChannels = new java.util.TreeSet<>();
        final AlertHandle alert = new AlertHandle(), clone = new AlertHandle();

        Bss(long bssid, boolean baseline) {
            this.bssid = bssid;
            this.baseline = baseline;
        }
    }

    private static final class Ssid {
        final String name;
        final long firstSeen;
        final List<Bss> bsses = new ArrayList<>(4);

        Ssid(String name, long firstSeen) {
            this.name = name;
            this.firstSeen = firstSeen;
        }

        Bss find(long bssid) {
            for (Bss b : bsses) if (b.bssid == bssid) return b;
            return null;
        }
    }

    public EvilTwinDetector(Settings s) {
        learn = s.nanos("learn_s");
        ttl = s.nanos("state_ttl_s");
        confirm = Math.max(1, s.count("confirm_frames"));
        minScore = s.real("min_score");
        signalMargin = s.count("signal_margin_db");
        maxBssids = Math.max(2, s.count("max_bssids_per_ssid"));
        ssids = new LongLruTable<>(s.count("max_ssids"));
        alternations = Math.max(2, s.count("channel_alternations"));
        cloneWindow = s.nanos("clone_window_s");
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.elements().ssidHidden() || f.elements().ssidLength() > 32) return;
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        long key = Keys.ssid(f.elements().ssidHash());
        Ssid s = ssids.touch(key, now);
        if (s == null) {
            String name = f.ssid();
            if (name == null) return;
            s = new Ssid(name, now);
            ssids.put(key, s, now);
        }
        Bss b = s.find(bssid);
        if (b == null) {
            if (s.bsses.size() >= maxBssids) return; // a flood of BSSIDs for one SSID is the beacon flood detector's business
            b = new Bss(bssid, now - s.firstSeen <= learn);
            s.bsses.add(b);
        }
        b.frames++;
        clonedChannel(f, s, b, now, out);
        b.security = ApFrames.security(f);
        b.channel = ApFrames.channel(f);
        b.phy = ApFrames.phy(f);
        if (f.beaconInterval() > 0) b.interval = f.beaconInterval();
        int sig = ApFrames.signal(f);
        if (sig != Integer.MIN_VALUE) b.signal = Double.isNaN(b.signal) ? sig : b.signal * 0.8 + sig * 0.2;
        if (b.baseline) return;
        if (b.alert.grow(out, now, 1, 256)) return;
        if (b.decided && !b.alert.isOpen()) return;
        if (b.frames < confirm) return;
        b.decided = true;
        evaluate(f, s, b, now, out);
    }

    /** The same BSSID and SSID advertised on two channels in alternation: a clone with a forged DS Parameter Set. */
    private void clonedChannel(Frame f, Ssid s, Bss b, long now, Findings out) {
        int ds = f.elements().dsChannel();
        if (ds <= 0) return;
        if (b.dsChannel > 0 && ds != b.dsChannel) {
            if (b.alternations == 0 || now - b.alternationsSince > cloneWindow) {
                b.alternations = 0;
                b.alternationsSince = now;
                b.dsChannels.clear();
                b.dsChannels.add(b.dsChannel);
            }
            b.alternations++;
            if (b.dsChannels.size() < 8) b.dsChannels.add(ds);
        }
        b.dsChannel = ds;
        if (b.clone.grow(out, now, 1, 256)) return;
        if (!b.clone.isOpen() && (b.alternations < alternations || now - b.alternationsSince > cloneWindow)) return;
        int rx = f.channel();
        Finding x = Finding.of("evil_twin", now).since(b.clone.isOpen() ? now : b.alternationsSince).frames(b.clone.isOpen() ? 1 : b.alternations)
                .bssid(b.bssid).source(b.bssid).ssid(s.name).channel(ds).mitre(SPEC.mitre())
                .reason("CLONED_BSSID").reason("FORGED_CHANNEL")
                .severity(Severity.HIGH).confidence(Math.min(0.95, 0.6 + 0.03 * b.alternations))
                .evidence("advertised_channels", List.copyOf(b.dsChannels))
                .evidence("alternations", b.alternations)
                .evidence("threshold", alternations)
                .evidence("received_channel", rx > 0 ? rx : null)
                .summary(String.format(Locale.ROOT, "Beacons of %s \"%s\" alternate between channels %s: a second transmitter clones the AP "
                        + "and advertises another channel to lure its clients there (evil twin).", MacAddress.format(b.bssid), s.name,
                        b.dsChannels));
        b.clone.report(out, x);
    }

    /** IEEE registry names of the baseline BSSIDs' vendors (the VENDOR_MISMATCH comparison, readable). */
    private static List<String> baselineVendors(Ssid s) {
        Set<String> v = new TreeSet<>();
        for (Bss o : s.bsses) if (o.baseline && v.size() < 5) v.add(io.sentinel.wifi.Vendors.describe(o.bssid));
        return List.copyOf(v);
    }

    private void evaluate(Frame f, Ssid s, Bss b, long now, Findings out) {
        Set<String> securities = new TreeSet<>();
        Set<Integer> ouis = new TreeSet<>(), channels = new TreeSet<>(), phys = new TreeSet<>();
        List<String> legit = new ArrayList<>();
        double strongest = Double.NaN;
        for (Bss o : s.bsses) {
            if (!o.baseline) continue;
            securities.add(o.security);
            ouis.add(MacAddress.oui(o.bssid));
            channels.add(o.channel);
            phys.add(o.phy);
            if (legit.size() < 5) legit.add(MacAddress.format(o.bssid));
            if (!Double.isNaN(o.signal)) strongest = Double.isNaN(strongest) ? o.signal : Math.max(strongest, o.signal);
        }
        if (securities.isEmpty()) return; // nothing learnt for this SSID (all BSSIDs are newcomers)
        double score = 0;
        List<String> reasons = new ArrayList<>();
        if (!securities.contains(b.security)) { score += 2; reasons.add("SECURITY_MISMATCH"); }
        if (!ouis.contains(MacAddress.oui(b.bssid))) { score += 1; reasons.add("VENDOR_MISMATCH"); }
        if (MacAddress.isLocallyAdministered(b.bssid) && !reasons.contains("VENDOR_MISMATCH")) reasons.add("LOCALLY_ADMINISTERED_BSSID");
        if (!phys.contains(b.phy)) { score += 1; reasons.add("CAPABILITY_MISMATCH"); }
        if (!Double.isNaN(b.signal) && !Double.isNaN(strongest) && b.signal >= strongest + signalMargin) {
            score += 1;
            reasons.add("STRONGER_SIGNAL");
        }
        if (!channels.contains(b.channel)) { score += 0.5; reasons.add("CHANNEL_MISMATCH"); }
        if (score < minScore) return;
        Finding x = Finding.of("evil_twin", now).frames(b.frames).bssid(b.bssid).source(b.bssid).ssid(s.name)
                .channel(b.channel).mitre(SPEC.mitre())
                .severity(reasons.contains("SECURITY_MISMATCH") ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Math.min(0.95, 0.5 + 0.1 * score))
                .evidence("score", score)
                .evidence("min_score", minScore)
                .evidence("security", b.security)
                .evidence("vendor", io.sentinel.wifi.Vendors.describe(b.bssid))
                .evidence("baseline_vendors", baselineVendors(s))
                .evidence("baseline_security", List.copyOf(securities))
                .evidence("baseline_bssids", legit)
                .evidence("baseline_channels", List.copyOf(channels))
                .evidence("signal_dbm", Double.isNaN(b.signal) ? null : Math.round(b.signal))
                .evidence("baseline_signal_dbm", Double.isNaN(strongest) ? null : Math.round(strongest))
                .summary(String.format(Locale.ROOT, "%s started serving \"%s\" on channel %d with %s security, unlike its known access points (%s).",
                        MacAddress.format(b.bssid), s.name, b.channel, b.security, String.join(", ", reasons)));
        for (String r : reasons) x.reason(r);
        b.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { ssids.expire(now - ttl); }

    @Override
    public long stateSize() { return ssids.size(); }
}
