package io.sentinel.detect.keys;

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
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.Subtype;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Weak protection: WEP anywhere in range (low severity for networks that are not monitored), and
 * open, WPA (TKIP) or TKIP-only networks among the monitored ones.
 */
public final class WeakCryptoDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "weak_crypto", List.of("weak_crypto"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.count("confirm_frames", 2, "frames of the BSSID before alerting"),
                    Param.seconds("state_ttl_s", 3600, "forget a BSSID after this long unheard"),
                    Param.count("max_tracked", 8192, "BSSIDs tracked at most")),
            "high for open or WEP monitored networks, medium for TKIP, low for WEP networks that are not monitored",
            Mitre.of(Mitre.SNIFFING),
            "Security of beacons/probe responses: WEP everywhere, open/TKIP for monitored SSIDs.")
            .limits(AlertPolicy.of("weak_crypto").by(AlertPolicy.Group.FINDING));

    private final int confirm;
    private final long ttl;
    private byte[][] ssids;
    private final LongLruTable<Seen> table;

    private static final class Seen {
        int frames;
        final AlertHandle alert = new AlertHandle();
    }

    public WeakCryptoDetector(Settings s) {
        confirm = Math.max(1, s.count("confirm_frames"));
        ttl = s.nanos("state_ttl_s");
        ssids = ssids(s.monitored());
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    private static byte[][] ssids(List<MonitoredNetwork> networks) {
        byte[][] out = new byte[networks.size()][];
        for (int i = 0; i < out.length; i++) out[i] = networks.get(i).ssid().getBytes(StandardCharsets.UTF_8);
        return out;
    }

    /** The monitored SSIDs only set a severity: what was seen of each BSSID stays. */
    @Override
    public boolean monitoredChanged(List<MonitoredNetwork> networks) {
        ssids = ssids(networks);
        return true;
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        Security sec = f.security();
        if (!sec.known()) return;
        int strength = sec.strength();
        boolean monitored = false;
        for (byte[] s : ssids) if (f.elements().ssidEquals(s)) monitored = true;
        boolean tkipOnly = (sec.hasRsn() || sec.hasWpa()) && sec.pairwiseCiphers() == Security.CIPHER_TKIP;
        String weakness;
        Severity sev;
        if (strength == 1) {
            weakness = "WEP";
            sev = monitored ? Severity.HIGH : Severity.LOW;
        } else if (!monitored) {
            return;
        } else if (strength == 0) {
            weakness = "OPEN";
            sev = Severity.HIGH;
        } else if (strength == 2 || tkipOnly) {
            weakness = "TKIP";
            sev = Severity.MEDIUM;
        } else {
            return;
        }
        long bssid = f.bssid() != MacAddress.NONE ? f.bssid() : f.transmitter();
        Seen s = table.touchOrCreate(bssid, now, k -> new Seen());
        if (s.alert.grow(out, now, 1, 1024)) return;
        if (++s.frames < confirm && !s.alert.isOpen()) return;
        String label = sec.label() == null ? "unknown" : sec.label();
        s.alert.report(out, Finding.of("weak_crypto", now).frames(s.alert.isOpen() ? 1 : s.frames).bssid(bssid).ssid(f.ssid())
                .channel(f.elements().dsChannel() > 0 ? f.elements().dsChannel() : f.channel()).mitre(SPEC.mitre())
                .reason(weakness.equals("WEP") ? "WEP" : weakness.equals("OPEN") ? "OPEN_NETWORK" : "TKIP_ONLY")
                .reason(monitored ? "MONITORED_NETWORK" : "UNMONITORED_NETWORK")
                .severity(sev).confidence(0.95)
                .evidence("security", label)
                .evidence("pairwise_ciphers", sec.pairwiseCiphers())
                .evidence("monitored", monitored)
                .summary(String.format(Locale.ROOT, "%s \"%s\" is protected only by %s.", MacAddress.format(bssid), f.ssid(),
                        weakness.equals("OPEN") ? "nothing (open network)" : weakness)));
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
