package io.sentinel.detect.keys;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.detect.Severity;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.testkit.Station;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyDetectorsTest {

    static List<AccessPoint> aps(int n) {
        List<AccessPoint> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(AccessPoint.wpa2(0x00_1a_1e_20_00_00L + i, "Net" + i, 1 + (i % 3) * 5, -60).bootedAt(T0));
        return l;
    }

    @Test
    void oneMacCollectingPmkidsFromManyApsRaisesPmkidHarvest() {
        Air air = new Air();
        List<AccessPoint> aps = aps(4);
        for (AccessPoint ap : aps) ap.beaconFor(air, T0, T0 + 20 * SEC);
        Attacks.hcxdumptoolManyAps(air, T0 + 2 * SEC, ATTACKER, aps);
        Alert a = single(run(air), "pmkid_harvest");
        assertThat(a.source()).isEqualTo(mac(ATTACKER));
        assertThat(a.reasons()).containsExactly("ONE_CLIENT_MANY_APS");
        assertThat(a.mitre()).containsExactly("T1110.002");
        assertThat(a.firstSeenNanos()).isGreaterThanOrEqualTo(T0 + 2 * SEC).isLessThan(T0 + 3 * SEC);
    }

    @Test
    void freshClientMacsCollectingPmkidsFromOneApRaisePmkidHarvest() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        Attacks.pmkidFreshClients(air, T0 + 2 * SEC, ap, 6, new Random(1));
        Alert a = single(run(air), "pmkid_harvest");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.target()).isEqualTo(mac(AP));
        assertThat(a.reasons()).containsExactly("MANY_FRESH_CLIENTS");
    }

    @Test
    void clientsCompletingHandshakesAfterPmkidInMessage1StaySilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        Random r = new Random(2);
        for (int i = 0; i < 20; i++) Station.join(air, T0 + SEC + i * 500 * MS, ap, Station.randomMac(r, true), -50, false, true, 1);
        none(run(air), "pmkid_harvest");
    }

    @Test
    void message3ReplayedWithUsedCounterAfterMessage4RaisesEapolReplay() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        Attacks.krackReplay(air, T0 + 2 * SEC, ap, CLIENT, 2);
        Alert a = single(run(air), "eapol_replay");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.target()).isEqualTo(mac(CLIENT));
        assertThat(a.reasons()).contains("MESSAGE_3_REPLAYED", "AFTER_MESSAGE_4");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.count()).isEqualTo(2);
    }

    @Test
    void hostapdRetransmittingMessage3WithNewCounterAndMacRetriesStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        Station.handshake(air, T0 + 2 * SEC, ap, CLIENT, -50, true, 1, true);
        none(run(air), "eapol_replay");
    }

    @Test
    void reassociationRestartingReplayCountersStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        Station.join(air, T0 + 2 * SEC, ap, CLIENT, -50, false, true, 1);
        Station.join(air, T0 + 8 * SEC, ap, CLIENT, -50, true, true, 1);
        Station.join(air, T0 + 14 * SEC, ap, CLIENT, -50, true, true, 1);
        none(run(air), "eapol_replay");
    }

    @Test
    void arpReplayOnWepNetworkRaisesWepIvReuse() {
        AccessPoint wep = new AccessPoint(AP, "OldLab", 11, -60, null, true, T0);
        Air air = new Air();
        wep.beaconFor(air, T0, T0 + 20 * SEC);
        Attacks.wepArpReplay(air, T0 + 2 * SEC, 2 * SEC, wep, CLIENT, new Random(3));
        List<Alert> alerts = run(air);
        Alert a = single(alerts, "wep_iv_reuse");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(((Number) a.evidence().get("repeated_ivs")).longValue()).isGreaterThanOrEqualTo(20);
        Alert weak = single(alerts, "weak_crypto");
        assertThat(weak.reasons()).contains("WEP", "UNMONITORED_NETWORK");
        assertThat(weak.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void wepTrafficWithFreshIvsAndMacRetriesStaysSilentForIvReuse() {
        AccessPoint wep = new AccessPoint(AP, "OldLab", 11, -60, null, true, T0);
        Air air = new Air();
        Random r = new Random(4);
        for (int i = 0; i < 2000; i++) {
            FrameBuilder b = FrameBuilder.data().toDs().bssid(AP).source(CLIENT).destination(0x005056C00001L)
                    .seq(i & 0xFFF).wep(r.nextInt(1 << 24), 0);
            air.add(T0 + i * 10 * MS, 11, -50, b.build());
            if (i % 5 == 0) air.add(T0 + i * 10 * MS + MS, 11, -50, b.retry().build());
        }
        none(run(air), "wep_iv_reuse");
    }

    @Test
    void monitoredNetworkAdvertisedOpenRaisesWeakCryptoButUnmonitoredOpenCafeStaysSilent() {
        Air air = new Air();
        new AccessPoint(AP, "Office", 6, -55, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        new AccessPoint(AP2, "CafeFree", 6, -55, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        AccessPoint.wpa2(AP2 + 1, "Legacy", 6, -55).withSecurity(Rsn.wpaPsk()).bootedAt(T0).beaconFor(air, T0, T0 + 5 * SEC);
        DetectionConfig cfg = DetectionConfig.defaults().withMonitored(List.of(
                new MonitoredNetwork("Office", Set.of(AP), Set.of(), null),
                new MonitoredNetwork("Legacy", Set.of(), Set.of(), null)));
        List<Alert> alerts = ofType(run(air, cfg), "weak_crypto");
        assertThat(alerts).extracting(Alert::ssid).containsExactlyInAnyOrder("Office", "Legacy");
        assertThat(alerts).filteredOn(a -> a.ssid().equals("Office")).singleElement()
                .satisfies(a -> assertThat(a.reasons()).contains("OPEN_NETWORK"));
        assertThat(alerts).filteredOn(a -> a.ssid().equals("Legacy")).singleElement()
                .satisfies(a -> assertThat(a.reasons()).contains("TKIP_ONLY"));
    }

    @Test
    void groupKeyMessage1ReplayedAfterTheClientConfirmedItRaisesEapolReplay() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = Station.handshake(air, T0 + SEC, ap, CLIENT, -50, false, 1, false);
        for (int i = 0; i < 2; i++) {
            air.add(t + i * 200 * MS, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, io.sentinel.wifi.build.EapolKeyBuilder.groupMessage(1)
                    .replayCounter(3)).seq(air.nextSeq(AP)).build());
            air.add(t + i * 200 * MS + 3 * MS, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, io.sentinel.wifi.build.EapolKeyBuilder.groupMessage(2)
                    .replayCounter(3)).seq(air.nextSeq(CLIENT)).build());
        }
        Alert a = single(run(air), "eapol_replay");
        assertThat(a.reasons()).contains("GROUP_MESSAGE_1_REPLAYED", "AFTER_GROUP_MESSAGE_2");
        assertThat(a.target()).isEqualTo(mac(CLIENT));
    }

    @Test
    void periodicGroupRekeyWithGrowingCountersStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        long t = Station.handshake(air, T0 + SEC, ap, CLIENT, -50, false, 1, false);
        for (int i = 0; i < 5; i++) {
            air.add(t + i * 5 * SEC, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, io.sentinel.wifi.build.EapolKeyBuilder.groupMessage(1)
                    .replayCounter(3 + i)).seq(air.nextSeq(AP)).build());
            air.add(t + i * 5 * SEC + 3 * MS, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, io.sentinel.wifi.build.EapolKeyBuilder.groupMessage(2)
                    .replayCounter(3 + i)).seq(air.nextSeq(CLIENT)).build());
        }
        none(run(air), "eapol_replay");
    }
}
