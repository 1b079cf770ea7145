package io.sentinel.detect.impersonation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detect.Alert;
import io.sentinel.detect.AlertSink;
import io.sentinel.detect.ApFingerprint;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.detect.Severity;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.MacPrefix;
import io.sentinel.wifi.Vendors;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** rogue_ap against the details a monitored network can state: BSSID ranges, AKMs/ciphers/PMF, vendors, fingerprints. */
class MonitoredNetworkDetailTest {

    static final long SEC = 1_000_000_000L, MS = 1_000_000L;
    static final long T0 = 1_768_467_600L * SEC;
    /** Two access points of one registered vendor block, and a device of another vendor. */
    static final long AP = MacAddress.parse("00:1a:1e:10:00:01");
    static final long AP_SAME_BLOCK = MacAddress.parse("00:1a:1e:10:00:77");
    static final long OTHER_VENDOR = MacAddress.parse("00:c0:ca:95:1e:77");

    private static byte[] beacon(long bssid, Rsn rsn, Function<FrameBuilder, FrameBuilder> extra) {
        FrameBuilder b = FrameBuilder.beacon().ap(bssid).ssid("CorpNet").rates().channel(6).rsn(rsn);
        return extra.apply(b).build();
    }

    private static byte[] beacon(long bssid, Rsn rsn) { return beacon(bssid, rsn, b -> b); }

    private static List<Alert> run(MonitoredNetwork net, byte[]... beacons) {
        List<Alert> out = new ArrayList<>();
        DetectionEngine e = DetectionEngine.create(DetectionConfig.defaults().withMonitored(List.of(net)), (a, p) -> {
            if (p == AlertSink.Phase.CLOSED && (a.type().equals("rogue_ap") || a.type().equals("evil_twin"))) out.add(a);
        });
        FrameDecoder decoder = new FrameDecoder();
        MutableCaptureRecord r = new MutableCaptureRecord();
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < 10; i++) {
                for (int k = 0; k < beacons.length; k++) {
                    byte[] f = beacons[k];
                    MemorySegment seg = arena.allocate(f.length);
                    MemorySegment.copy(f, 0, seg, ValueLayout.JAVA_BYTE, 0, f.length);
                    e.process(decoder.decode(r.set(i, T0 + i * 102 * MS + k, FrameDecoder.LINKTYPE_IEEE802_11, 0, seg, 0,
                            f.length, f.length, 0)));
                }
            }
        }
        e.flush();
        return out;
    }

    private static MonitoredNetwork net(List<MacPrefix> ranges, MonitoredNetwork.Expected expected, Set<String> vendors,
                                        Set<String> fingerprints) {
        return new MonitoredNetwork("CorpNet", Set.of(), ranges, Set.of(6), null, expected, vendors, fingerprints);
    }

    private static String fingerprint(byte[] beacon) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(beacon.length);
            MemorySegment.copy(beacon, 0, seg, ValueLayout.JAVA_BYTE, 0, beacon.length);
            return ApFingerprint.of(new FrameDecoder().decode(new MutableCaptureRecord().set(0, T0, FrameDecoder.LINKTYPE_IEEE802_11, 0,
                    seg, 0, beacon.length, beacon.length, 0)));
        }
    }

    @Test
    void aBssidInsideTheOuiRangeIsAuthorisedOneOutsideIsNot() {
        MonitoredNetwork n = net(List.of(MacPrefix.parse("00:1a:1e:10:00:00/40")), null, Set.of(), Set.of());
        assertThat(run(n, beacon(AP, Rsn.wpa2Psk()), beacon(AP_SAME_BLOCK, Rsn.wpa2Psk()))).isEmpty();
        List<Alert> alerts = run(n, beacon(AP, Rsn.wpa2Psk()), beacon(OTHER_VENDOR, Rsn.wpa2Psk()));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().bssid()).isEqualTo(MacAddress.format(OTHER_VENDOR));
        assertThat(alerts.getFirst().type()).as("not the network's BSSID: a twin").isEqualTo("evil_twin");
        assertThat(alerts.getFirst().reasons()).containsExactly("UNAUTHORIZED_BSSID");
    }

    @Test
    void prefixesParseInBothNotations() {
        assertThat(MacPrefix.parse("00:1A:1E")).isEqualTo(new MacPrefix(MacAddress.parse("00:1a:1e:00:00:00"), 24));
        assertThat(MacPrefix.parse("00:1a:1e:10:00:00/28").contains(MacAddress.parse("00:1a:1e:1f:ff:ff"))).isTrue();
        assertThat(MacPrefix.parse("00:1a:1e:10:00:00/28").contains(MacAddress.parse("00:1a:1e:20:00:00"))).isFalse();
        assertThatThrownBy(() -> MacPrefix.parse("00:1a:1")).hasMessageContaining("not a MAC prefix");
        assertThatThrownBy(() -> MacPrefix.parse("00:1a:1e:10:00:00/49")).hasMessageContaining("1-48");
    }

    @Test
    void anAuthorisedApOfferingPskWhereOnlySaeIsExpectedIsASecurityMismatch() {
        var expected = MonitoredNetwork.expected(List.of("sae"), List.of("ccmp"), "ccmp", "required");
        MonitoredNetwork n = net(List.of(MacPrefix.parse("00:1a:1e")), expected, Set.of(), Set.of());
        assertThat(run(n, beacon(AP, Rsn.wpa3Sae()))).as("exactly what is expected").isEmpty();

        List<Alert> transition = run(n, beacon(AP, Rsn.transition()));   // PSK + SAE, PMF capable only: a downgrade path
        assertThat(transition).hasSize(1);
        Alert a = transition.getFirst();
        assertThat(a.type()).isEqualTo("rogue_ap");
        assertThat(a.reasons()).containsExactly("SECURITY_MISMATCH");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.evidence().get("security_deviations")).isEqualTo(List.of("akms", "pmf"));
        assertThat(a.evidence()).containsEntry("advertised_akms", List.of("psk", "sae")).containsEntry("advertised_pmf", "capable");
        assertThatThrownBy(() -> MonitoredNetwork.expected(List.of("wpa9"), List.of(), null, null)).hasMessageContaining("unknown AKM 'wpa9'");
        assertThatThrownBy(() -> MonitoredNetwork.expected(List.of(), List.of(), null, "sometimes")).hasMessageContaining("pmf");
    }

    @Test
    void aBssidOfAnotherVendorIsFlaggedWhenVendorsAreExpected() {
        String vendor = Vendors.name(AP);
        assertThat(vendor).as("the test's AP block is registered").isNotNull();
        assertThat(Vendors.name(OTHER_VENDOR)).isNotNull().isNotEqualTo(vendor);
        MonitoredNetwork n = net(List.of(), null, Set.of(vendor.toUpperCase()), Set.of());
        assertThat(run(n, beacon(AP, Rsn.wpa2Psk()))).isEmpty();
        List<Alert> alerts = run(n, beacon(AP, Rsn.wpa2Psk()), beacon(OTHER_VENDOR, Rsn.wpa2Psk()));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().reasons()).containsExactly("UNEXPECTED_VENDOR");
        assertThat(alerts.getFirst().evidence()).containsEntry("advertised_vendor", Vendors.name(OTHER_VENDOR));
        assertThat(run(n, beacon(MacAddress.parse("02:00:00:00:00:09"), Rsn.wpa2Psk())))
                .as("a locally administered BSSID has no vendor to judge").isEmpty();
        assertThatThrownBy(() -> MonitoredNetwork.requireVendor("No Such Vendor Ltd")).hasMessageContaining("IEEE registry");
    }

    @Test
    void aCloneOfAnAuthorisedBssidBuiltOnOtherHardwareIsCaughtByItsFingerprint() {
        byte[] legit = beacon(AP, Rsn.wpa2Psk(), b -> b.htCapabilities().vhtCapabilities().country("DE"));
        byte[] clone = beacon(AP, Rsn.wpa2Psk(), b -> b.htCapabilities());   // same BSSID, SSID, channel, security
        String fp = fingerprint(legit);
        assertThat(fp).matches("[0-9a-f]{16}");
        assertThat(fingerprint(FrameBuilder.beacon().ap(AP).ssid("CorpNet").rates().channel(6).rsn(Rsn.wpa2Psk())
                .htCapabilities().vhtCapabilities().country("DE").tim(1, 3).build()))
                .as("the TIM of the next beacon does not change it").isEqualTo(fp);
        assertThat(fingerprint(clone)).isNotEqualTo(fp);

        MonitoredNetwork n = new MonitoredNetwork("CorpNet", Set.of(AP), List.of(), Set.of(6), "wpa2-psk", null, Set.of(), Set.of(fp));
        assertThat(run(n, legit)).isEmpty();
        List<Alert> alerts = run(n, clone);
        assertThat(alerts).hasSize(1);
        Alert a = alerts.getFirst();
        assertThat(a.reasons()).containsExactly("UNEXPECTED_FINGERPRINT");
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.evidence()).containsEntry("advertised_fingerprint", fingerprint(clone));
        assertThatThrownBy(() -> ApFingerprint.require("xyz")).hasMessageContaining("16 hex digits");
    }

    @Test
    void theDetectionFileStatesEveryDetail() {
        var c = DetectionConfig.fromMap(Map.of("monitored_networks", List.of(Map.of(
                "ssid", "CorpNet", "bssid_ranges", List.of("00:1a:1e"), "akms", List.of("sae"), "pairwise_ciphers", List.of("ccmp"),
                "group_cipher", "ccmp", "pmf", "required", "vendors", List.of(Vendors.name(AP)),
                "fingerprints", List.of("0123456789abcdef")))));
        MonitoredNetwork n = c.monitored().getFirst();
        assertThat(n.authorizes(AP)).isTrue();
        assertThat(n.authorizes(OTHER_VENDOR)).isFalse();
        assertThat(n.expected().pmf()).isEqualTo(MonitoredNetwork.Pmf.REQUIRED);
        assertThat(n.fingerprints()).containsExactly("0123456789abcdef");
        assertThatThrownBy(() -> DetectionConfig.fromMap(Map.of("monitored_networks", List.of(Map.of("ssid", "X", "akm", List.of("sae"))))))
                .hasMessageContaining("unknown key 'akm'");
    }
}
