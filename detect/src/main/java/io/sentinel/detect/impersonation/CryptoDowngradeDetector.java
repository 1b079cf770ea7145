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
import io.sentinel.wifi.Security;
import io.sentinel.wifi.Subtype;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Security downgrades: a BSSID that advertised some security later advertises weaker security
 * (or drops management frame protection), and an SSID whose access points all offered WPA3
 * (alone or in transition mode) advertised by anyone with WPA2 or less (Dragonblood-style
 * transition-mode downgrade).
 */
public final class CryptoDowngradeDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "crypto_downgrade", List.of("crypto_downgrade"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.count("learn_frames", 3, "frames of a BSSID/SSID before its security is considered known"),
                    Param.count("confirm_frames", 2, "weaker frames needed before alerting"),
                    Param.seconds("state_ttl_s", 3600, "forget a BSSID/SSID after this long unheard"),
                    Param.count("max_tracked", 16384, "BSSIDs and SSIDs tracked at most")),
            "high for WPA3/transition to WPA2-or-less or for anything to open/WEP, medium otherwise",
            Mitre.of(Mitre.DOWNGRADE, Mitre.AITM),
            "Compares each beacon's security with the strongest security known for its BSSID and SSID.")
            .limits(AlertPolicy.of("crypto_downgrade").by(AlertPolicy.Group.BSSID).hold(300));

    private final int learnFrames, confirm;
    private final long ttl;
    private final LongLruTable<Known> table;

    private static final class Known {
        int frames, bestStrength = -1, weaker;
        String bestLabel;
        boolean pmfRequired, ssidEntry;
        final AlertHandle alert = new AlertHandle();
    }

    public CryptoDowngradeDetector(Settings s) {
        learnFrames = Math.max(1, s.count("learn_frames"));
        confirm = Math.max(1, s.count("confirm_frames"));
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        Security sec = f.security();
        if (!sec.known() || sec.strength() < 0) return;
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        Known k = table.touchOrCreate(bssid, now, x -> new Known());
        check(f, now, out, k, bssid, false);
        if (!f.elements().ssidHidden() && f.elements().ssidLength() <= 32) {
            Known s = table.touchOrCreate(Keys.ssid(f.elements().ssidHash()), now, x -> {
                Known n = new Known();
                n.ssidEntry = true;
                return n;
            });
            check(f, now, out, s, bssid, true);
        }
    }

    private void check(Frame f, long now, Findings out, Known k, long bssid, boolean ssidLevel) {
        Security sec = f.security();
        int strength = sec.strength();
        boolean pmfReq = sec.pmfRequired();
        if (k.frames < learnFrames) {
            k.frames++;
            if (strength > k.bestStrength) {
                k.bestStrength = strength;
                k.bestLabel = ApFrames.security(f);
                k.pmfRequired = pmfReq;
            }
            return;
        }
        k.frames++;
        // at SSID level only WPA3-capable networks count: mixed WPA2/WPA3 ESSes are a transition setup
        if (ssidLevel && k.bestStrength < 4) return;
        boolean weaker = ssidLevel ? strength <= 3
                : strength < k.bestStrength || (strength == k.bestStrength && k.pmfRequired && !pmfReq);
        if (!weaker) {
            if (k.alert.isOpen()) k.weaker = 0;
            return;
        }
        if (k.alert.grow(out, now, 1, 64)) return;
        if (++k.weaker < confirm && !k.alert.isOpen()) return;
        boolean transition = k.bestStrength >= 4 && strength <= 3;
        boolean toNothing = strength <= 1;
        Finding x = Finding.of("crypto_downgrade", now).frames(k.alert.isOpen() ? 1 : k.weaker).bssid(bssid).source(bssid)
                .ssid(f.ssid()).channel(ApFrames.channel(f)).mitre(SPEC.mitre())
                .reason(strength < k.bestStrength ? "SECURITY_DOWNGRADE" : "PMF_DISABLED")
                .severity(transition || toNothing ? Severity.HIGH : Severity.MEDIUM)
                .confidence(ssidLevel ? 0.75 : 0.85)
                .key((ssidLevel ? "ssid:" : "bssid:") + MacAddress.format(bssid) + "|" + f.ssid())
                .evidence("known_security", k.bestLabel)
                .evidence("advertised_security", ApFrames.security(f))
                .evidence("known_frames", k.frames)
                .evidence("weaker_frames", k.weaker)
                .summary(String.format(Locale.ROOT, "%s \"%s\" now advertises %s security where %s was known%s.",
                        MacAddress.format(bssid), f.ssid(), ApFrames.security(f), k.bestLabel,
                        ssidLevel ? " for this network name" : ""));
        if (transition) x.reason("WPA3_TRANSITION_DOWNGRADE");
        if (ssidLevel) x.reason("SSID_LEVEL");
        k.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
