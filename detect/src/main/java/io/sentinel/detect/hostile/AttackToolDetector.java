package io.sentinel.detect.hostile;

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
import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fingerprints of attack tools in the frames they send: the pwnagotchi's pwngrid advertisement
 * beacons (transmitter de:ad:be:ef:de:ad, JSON payload in information element 222) and the
 * Hak5 WiFi Pineapple's 00:13:37 OUI as a BSSID.
 */
public final class AttackToolDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "attack_tool", List.of("attack_tool"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP, Subtype.PROBE_REQ),
            List.of(Param.seconds("state_ttl_s", 3600, "forget a fingerprinted transmitter after this long unheard"),
                    Param.count("max_tracked", 4096, "fingerprinted transmitters tracked at most")),
            "high: the device exists to attack Wi-Fi",
            Mitre.of(Mitre.PASSWORD_CRACKING, Mitre.AITM),
            "Transmitter addresses and information elements of known attack tools.")
            .limits(AlertPolicy.of("attack_tool").by(AlertPolicy.Group.SOURCE).hold(120));

    /** pwngrid's fixed advertisement address. */
    public static final long PWNAGOTCHI_ADDRESS = 0xDEADBEEFDEADL;
    /** pwngrid's information element carrying the JSON advertisement (chunks of up to 255 bytes). */
    public static final int PWNGRID_PAYLOAD_ELEMENT = 222;
    /** The WiFi Pineapple's OUI (00:13:37). */
    public static final int PINEAPPLE_OUI = 0x001337;

    private final long ttl;
    private final LongLruTable<Sighting> table;

    private static final class Sighting {
        final AlertHandle alert = new AlertHandle();
    }

    public AttackToolDetector(Settings s) {
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        long tx = f.transmitter();
        if (tx == MacAddress.NONE) return;
        Elements e = f.elements();
        int pw = e.find(PWNGRID_PAYLOAD_ELEMENT);
        boolean pwnJson = pw >= 0 && e.length(pw) > 0 && e.segment().get(ValueLayout.JAVA_BYTE, e.offset(pw)) == '{';
        if (tx == PWNAGOTCHI_ADDRESS || pwnJson) {
            report(f, now, out, tx, "pwnagotchi", pwnJson ? "PWNGRID_ELEMENT" : "PWNAGOTCHI_ADDRESS",
                    tx == PWNAGOTCHI_ADDRESS && pwnJson, Mitre.of(Mitre.PASSWORD_CRACKING),
                    "a pwnagotchi (automated handshake and PMKID harvester) is advertising itself nearby");
            return;
        }
        long bssid = f.bssid() != MacAddress.NONE ? f.bssid() : tx;
        if (f.subtype() != Subtype.PROBE_REQ && MacAddress.oui(bssid) == PINEAPPLE_OUI) {
            report(f, now, out, bssid, "wifi_pineapple", "PINEAPPLE_OUI", false, Mitre.of(Mitre.AITM),
                    "a Hak5 WiFi Pineapple (rogue access point kit) is operating nearby");
        }
    }

    private void report(Frame f, long now, Findings out, long who, String tool, String reason, boolean both,
                        List<String> mitre, String what) {
        Sighting s = table.touchOrCreate(Keys.pair(who, tool.hashCode()), now, k -> new Sighting());
        if (s.alert.grow(out, now, 1, 1024)) return;
        String ssid = f.elements().ssidHidden() ? null : f.ssid();
        Finding x = Finding.of("attack_tool", now).source(who).bssid(f.bssid()).ssid(ssid).channel(f.channel())
                .key(tool + "|" + MacAddress.format(who)).mitre(mitre).reason(reason)
                .severity(Severity.HIGH).confidence(both ? 0.99 : 0.9)
                .evidence("tool", tool)
                .evidence("vendor", io.sentinel.wifi.Vendors.describe(who))
                .summary(String.format(Locale.ROOT, "Attack tool fingerprint from %s: %s.", MacAddress.format(who), what));
        if (both) x.reason("PWNAGOTCHI_ADDRESS");
        s.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
