package io.sentinel.detect.scenario;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.testkit.BenignTraffic;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.Rsn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The labelled suite: benign captures that must stay silent and each attack inside benign background. */
public final class Scenarios {
    private Scenarios() {}

    static final long SEC = 1_000_000_000L;
    /** 2026-01-15T09:00:00Z, the capture start of every scenario. */
    public static final long START = Air.START;

    public static final long ATTACKER = Attacks.ATTACKER;
    public static final long VICTIM = Attacks.VICTIM;

    /** The monitored-network configuration used by the rogue AP, look-alike and weak crypto scenarios. */
    public static DetectionConfig monitoredOffice() {
        return DetectionConfig.defaults().withMonitored(List.of(
                new MonitoredNetwork("Office", Set.of(BenignTraffic.OFFICE_1, BenignTraffic.OFFICE_2, BenignTraffic.OFFICE_3),
                        Set.of(1, 6, 11), "wpa2-psk"),
                new MonitoredNetwork("Lab", Set.of(MacAddress.parse("00:1a:1e:10:00:09")), Set.of(6), "wpa2-psk")));
    }

    private static AccessPoint office(int i) { return BenignTraffic.officeAps(START).get(i); }

    private static Scenario attack(String name, String description, Set<String> expected, Scenario.Writer attack) {
        return attack(name, description, expected, DetectionConfig.defaults(), attack);
    }

    private static Scenario attack(String name, String description, Set<String> expected, DetectionConfig cfg, Scenario.Writer attack) {
        return new Scenario(name, description, expected, cfg, (air, start, r) -> {
            BenignTraffic.office(air, start, 60 * SEC, 6, r);
            attack.write(air, start, r);
        });
    }

    public static List<Scenario> all() {
        return List.of(
                new Scenario("benign-office", "office ESS, guest and neighbour networks, clients joining, roaming, retrying and leaving",
                        Set.of(), DetectionConfig.defaults(), (air, s, r) -> BenignTraffic.office(air, s, 60 * SEC, 8, r)),
                new Scenario("benign-office-monitored", "the office with its networks configured as monitored",
                        Set.of(), monitoredOffice(), (air, s, r) -> BenignTraffic.office(air, s, 60 * SEC, 8, r)),
                new Scenario("benign-cafe", "busy café: open network, many phones with randomised MACs coming and going",
                        Set.of(), DetectionConfig.defaults(), (air, s, r) -> BenignTraffic.cafe(air, s, 60 * SEC, 40, r)),
                attack("deauth-broadcast", "aireplay-ng -0 5 -a AP (broadcast)", Set.of("deauth_flood"),
                        (air, s, r) -> Attacks.aireplayDeauth(air, s + 20 * SEC, office(0), MacAddress.BROADCAST, 5, -35)),
                attack("deauth-targeted", "aireplay-ng -0 3 -a AP -c client", Set.of("deauth_flood"),
                        (air, s, r) -> Attacks.aireplayDeauth(air, s + 20 * SEC, office(1), VICTIM, 3, -35)),
                attack("disassoc-flood", "mdk4 d-style disassociation flood", Set.of("disassoc_flood"),
                        (air, s, r) -> Attacks.disassocFlood(air, s + 20 * SEC, 5 * SEC, office(0), VICTIM, -35)),
                attack("auth-flood", "mdk4 a: authentication flood from random MACs", Set.of("auth_flood"),
                        (air, s, r) -> Attacks.mdk4AuthFlood(air, s + 20 * SEC, 10 * SEC, office(0), 100, r)),
                attack("assoc-flood", "association requests from random MACs", Set.of("assoc_flood"),
                        (air, s, r) -> Attacks.assocFlood(air, s + 20 * SEC, 10 * SEC, office(2), 50, r)),
                attack("beacon-flood", "mdk4 b: random SSIDs from random BSSIDs, 50/s", Set.of("beacon_flood"),
                        (air, s, r) -> Attacks.mdk4BeaconFlood(air, s + 35 * SEC, 10 * SEC, 6, 50, r)),
                attack("probe-scanner", "one transmitter probing a word list of SSIDs", Set.of("probe_flood"),
                        (air, s, r) -> Attacks.probeScanner(air, s + 20 * SEC, ATTACKER, 6, 60, r)),
                attack("sae-flood", "dragondrain-style SAE commit flood against a WPA3 AP", Set.of("sae_flood"),
                        (air, s, r) -> {
                            AccessPoint wpa3 = AccessPoint.wpa2(MacAddress.parse("00:1a:1e:10:00:30"), "Office-WPA3", 36, -58)
                                    .withSecurity(Rsn.wpa3Sae()).bootedAt(s - 3600 * SEC);
                            wpa3.beaconFor(air, s, s + 60 * SEC);
                            Attacks.saeCommitFlood(air, s + 20 * SEC, 10 * SEC, wpa3, 40, r);
                        }),
                attack("evil-twin", "open twin of the WPA2 office network on another channel, much stronger", Set.of("evil_twin"),
                        (air, s, r) -> Attacks.evilTwin(air, s + 20 * SEC, 30 * SEC, office(0), ATTACKER, 3)),
                attack("karma", "airbase-ng -P answering every probe", Set.of("karma"),
                        (air, s, r) -> Attacks.airbaseKarma(air, s + 20 * SEC, ATTACKER, 6,
                                List.of("HomeNet", "Starbucks WiFi", "Airport_Free", "eduroam", "Hotel-Guest", "iPhone von Anna"), r)),
                attack("crypto-downgrade", "a WPA3 BSSID later advertising WPA2 only", Set.of("crypto_downgrade"),
                        (air, s, r) -> {
                            AccessPoint wpa3 = AccessPoint.wpa2(MacAddress.parse("00:1a:1e:10:00:30"), "Office-WPA3", 36, -58)
                                    .withSecurity(Rsn.wpa3Sae()).bootedAt(s - 3600 * SEC);
                            wpa3.beaconFor(air, s, s + 30 * SEC);
                            Attacks.downgrade(air, s + 30 * SEC, 30 * SEC, wpa3);
                        }),
                attack("rogue-ap", "an unauthorised BSSID advertising the monitored SSID", Set.of("evil_twin"), monitoredOffice(),
                        (air, s, r) -> new AccessPoint(MacAddress.parse("b8:27:eb:11:22:33"), "Office", 6, -60, Rsn.wpa2Psk(), false, s)
                                .beaconFor(air, s + 20 * SEC, s + 50 * SEC)),
                attack("ssid-lookalike", "\"0ffice\" with a zero, next to the monitored \"Office\"", Set.of("ssid_lookalike"), monitoredOffice(),
                        (air, s, r) -> new AccessPoint(MacAddress.parse("b8:27:eb:11:22:34"), "0ffice", 6, -60, null, false, s)
                                .beaconFor(air, s + 20 * SEC, s + 50 * SEC)),
                attack("beacon-spoof", "spoofed beacons of a known BSSID with its own TSF and interval", Set.of("beacon_anomaly"),
                        (air, s, r) -> Attacks.spoofedBeacons(air, s + 20 * SEC, 10 * SEC, office(1))),
                attack("csa-spoof", "channel switch announcements from a spoofed office AP", Set.of("csa_abuse"),
                        (air, s, r) -> Attacks.csaSpoof(air, s + 20 * SEC, 5 * SEC, office(0), 13)),
                attack("pmkid-many-aps", "hcxdumptool: one MAC collecting PMKIDs from many APs", Set.of("pmkid_harvest"),
                        (air, s, r) -> Attacks.hcxdumptoolManyAps(air, s + 20 * SEC, ATTACKER, BenignTraffic.officeAps(s).subList(0, 3))),
                attack("pmkid-fresh-clients", "hcxdumptool: fresh random MACs collecting PMKIDs from one AP", Set.of("pmkid_harvest"),
                        (air, s, r) -> Attacks.pmkidFreshClients(air, s + 20 * SEC, office(0), 8, r)),
                attack("krack-replay", "message 3 forwarded again with a used replay counter", Set.of("eapol_replay"),
                        (air, s, r) -> Attacks.krackReplay(air, s + 20 * SEC, office(1), VICTIM, 3)),
                attack("wep-arp-replay", "aireplay-ng -3 on a WEP network", Set.of("wep_iv_reuse", "weak_crypto"),
                        (air, s, r) -> {
                            AccessPoint wep = new AccessPoint(MacAddress.parse("00:0f:66:44:55:66"), "OldLab", 11, -60, null, true, s - 3600 * SEC);
                            wep.beaconFor(air, s, s + 60 * SEC);
                            Attacks.wepArpReplay(air, s + 20 * SEC, 10 * SEC, wep, VICTIM, r);
                        }),
                attack("weak-crypto-monitored", "the monitored \"Lab\" network advertised open by its own AP", Set.of("weak_crypto", "rogue_ap"), monitoredOffice(),
                        (air, s, r) -> new AccessPoint(MacAddress.parse("00:1a:1e:10:00:09"), "Lab", 6, -60, null, false, s)
                                .beaconFor(air, s, s + 60 * SEC)),
                attack("pwnagotchi", "a pwnagotchi advertising itself", Set.of("attack_tool"),
                        (air, s, r) -> Attacks.pwnagotchi(air, s + 20 * SEC, 20 * SEC, 6)),
                attack("overlong-ssid", "beacons with a 64-byte SSID", Set.of("malformed_frame"),
                        (air, s, r) -> Attacks.overlongSsid(air, s + 20 * SEC, ATTACKER, 6, 5)),
                attack("jamming", "a jammer corrupting most frames on channel 6 for 6 s", Set.of("jamming"),
                        (air, s, r) -> Attacks.jam(air, s + 30 * SEC, 6 * SEC, office(1), VICTIM, r)));
    }

    /** Scenario by name. */
    public static Scenario named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }

    /** Parameters in a map form usable by YAML-style configuration of the monitored networks (for docs/tests). */
    public static Map<String, Object> monitoredOfficeYaml() {
        return Map.of("monitored_networks", List.of(
                Map.of("ssid", "Office", "bssids", List.of("00:1a:1e:10:00:01", "00:1a:1e:10:00:02", "00:1a:1e:10:00:03"),
                        "channels", List.of(1, 6, 11), "security", "wpa2-psk")));
    }
}
