package io.sentinel.detect.impersonation;

import io.sentinel.detect.Detector;
import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.ApFingerprint;
import io.sentinel.wifi.SuiteNames;
import io.sentinel.wifi.Vendors;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rogue access points against the configured monitored networks: a monitored SSID advertised by
 * a BSSID that is not authorised (neither listed nor in a range; raised as {@code evil_twin}, since
 * the configuration says the BSSID is not the network's), or by an authorised BSSID on a
 * channel, with a security (label, AKMs, ciphers, PMF), from a vendor or with a beacon
 * fingerprint that the configuration does not allow. Silent when no network is monitored.
 */
public final class RogueApDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "rogue_ap", List.of("rogue_ap", "evil_twin"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.count("confirm_frames", 2, "frames from the offending BSSID before alerting"),
                    Param.seconds("state_ttl_s", 3600, "forget an offending BSSID after this long unheard"),
                    Param.count("max_tracked", 4096, "offending BSSIDs tracked at most")),
            "critical for an unauthorised BSSID with weaker or different security, high for an unauthorised BSSID or an authorised one with a foreign beacon fingerprint (a clone), medium for a channel, security or vendor deviation of an authorised one",
            Mitre.of(Mitre.AITM),
            "Checks beacons and probe responses of monitored SSIDs against the authorised BSSIDs and ranges, channels, security (label, AKMs, ciphers, PMF), vendors and beacon fingerprints.")
            .limits(AlertPolicy.of("rogue_ap").by(AlertPolicy.Group.BSSID).hold(300), EvilTwinDetector.SPEC.policy("evil_twin"));

    private final int confirm;
    private final long ttl;
    private final List<MonitoredNetwork> networks;
    private final byte[][] ssidBytes;
    private final LongLruTable<Offender> offenders;

    private static final class Offender {
        int frames;
        final AlertHandle alert = new AlertHandle();
    }

    public RogueApDetector(Settings s) {
        confirm = Math.max(1, s.count("confirm_frames"));
        ttl = s.nanos("state_ttl_s");
        networks = s.monitored();
        ssidBytes = new byte[networks.size()][];
        for (int i = 0; i < networks.size(); i++) ssidBytes[i] = networks.get(i).ssid().getBytes(StandardCharsets.UTF_8);
        offenders = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (networks.isEmpty() || f.elements().ssidHidden()) return;
        for (int i = 0; i < ssidBytes.length; i++) {
            if (f.elements().ssidEquals(ssidBytes[i])) check(f, now, out, networks.get(i));
        }
    }

    private void check(Frame f, long now, Findings out, MonitoredNetwork net) {
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        int channel = ApFrames.channel(f);
        String security = ApFrames.security(f);
        List<String> reasons = new ArrayList<>(3);
        boolean unauthorised = !net.authorizes(bssid);
        if (unauthorised) reasons.add("UNAUTHORIZED_BSSID");
        if (!net.allowsChannel(channel)) reasons.add("UNEXPECTED_CHANNEL");
        List<String> deviations = net.expected().deviations(f.security());
        if (!net.allowsSecurity(security) || !deviations.isEmpty()) reasons.add("SECURITY_MISMATCH");
        if (!net.allowsVendorOf(bssid)) reasons.add("UNEXPECTED_VENDOR");
        // hashed only when it is checked, or reported with an alert
        String fingerprint = net.fingerprints().isEmpty() ? null : ApFingerprint.of(f);
        if (!net.allowsFingerprint(fingerprint)) reasons.add("UNEXPECTED_FINGERPRINT");
        if (reasons.isEmpty()) return;
        if (fingerprint == null) fingerprint = ApFingerprint.of(f);
        Offender o = offenders.touchOrCreate(bssid, now, k -> new Offender());
        if (o.alert.grow(out, now, 1, 256)) return;
        if (++o.frames < confirm && !o.alert.isOpen()) return;
        // an authorised BSSID whose beacons are not its own make (fingerprint) is likely a clone of it
        boolean cloneSign = reasons.contains("UNEXPECTED_FINGERPRINT");
        Severity sev = unauthorised ? (reasons.contains("SECURITY_MISMATCH") ? Severity.CRITICAL : Severity.HIGH)
                : cloneSign ? Severity.HIGH : Severity.MEDIUM;
        // an unauthorised BSSID serving a monitored SSID is a twin by the operator's word, learnt or not:
        // it is reported as evil_twin, with evil_twin's policy (one incident per SSID, merged with
        // what the learning evil-twin detector finds of the same twin); deviations of authorised BSSIDs are rogue_ap
        Finding x = Finding.of(unauthorised ? "evil_twin" : "rogue_ap", now).frames(o.alert.isOpen() ? 1 : o.frames).bssid(bssid).source(bssid).ssid(net.ssid())
                .channel(channel).mitre(SPEC.mitre()).severity(sev).confidence(unauthorised ? 0.9 : 0.7)
                .evidence("advertised_security", security)
                .evidence("expected_security", net.security())
                .evidence("security_deviations", deviations)
                .evidence("advertised_akms", SuiteNames.akms(f.security().akms()))
                .evidence("advertised_pairwise_ciphers", SuiteNames.ciphers(f.security().pairwiseCiphers()))
                .evidence("advertised_vendor", Vendors.describe(bssid))
                .evidence("authorized_bssids", net.bssids().stream().map(MacAddress::format).sorted().toList())
                .evidence("allowed_channels", net.channels().stream().sorted().toList())
                .summary(String.format(Locale.ROOT, "%s advertises the monitored network \"%s\" on channel %d (%s).",
                        MacAddress.format(bssid), net.ssid(), channel, String.join(", ", reasons)));
        if (f.security().known()) {
            x.evidence("advertised_pmf", MonitoredNetwork.Expected.pmfOf(f.security()).name().toLowerCase(Locale.ROOT));
        }
        if (fingerprint != null) x.evidence("advertised_fingerprint", fingerprint);
        for (String r : reasons) x.reason(r);
        o.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { offenders.expire(now - ttl); }

    @Override
    public long stateSize() { return offenders.size(); }
}
