package io.sentinel.detect.flood;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.Severity;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.testkit.Station;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FloodDetectorsTest {

    private static Air withAp(AccessPoint ap, long seconds) {
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + seconds * SEC);
        return air;
    }

    @Test
    void broadcastDeauthBurstFromSpoofedApRaisesDeauthFlood() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.aireplayDeauth(air, T0 + 5 * SEC, ap, MacAddress.BROADCAST, 2, -35);
        Alert a = single(run(air), "deauth_flood");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.target()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(a.source()).isEqualTo(mac(AP));
        assertThat(a.count()).isEqualTo(128);
        assertThat(a.firstSeenNanos()).isEqualTo(T0 + 5 * SEC);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.reasons()).contains("BROADCAST_TARGET", "REASON_7_CLASS3_FROM_NONASSOC");
        assertThat(a.mitre()).containsExactly("T1498");
        assertThat(a.channel()).isEqualTo(6);
    }

    @Test
    void targetedAireplayDeauthMergesBothDirectionsIntoOneAlert() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.aireplayDeauth(air, T0 + 5 * SEC, ap, CLIENT, 3, -35);
        Alert a = single(run(air), "deauth_flood");
        assertThat(a.target()).isEqualTo(mac(CLIENT));
        assertThat(a.count()).isEqualTo(3 * 128);
        assertThat(a.reasons()).contains("TARGETED_CLIENT", "BOTH_DIRECTIONS");
    }

    @Test
    void clientLeavingWithOneDeauthAndItsRetryStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        for (int i = 0; i < 8; i++) Station.leave(air, T0 + (2 + i) * SEC, ap, CLIENT + i, -50);
        none(run(air), "deauth_flood");
    }

    @Test
    void retransmittedDeauthWithSameSequenceNumberCountsOnce() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 10);
        FrameBuilder b = FrameBuilder.deauth().ap(AP).destination(CLIENT).reason(2).seq(77);
        air.add(T0 + SEC, 6, -50, b.build());
        for (int i = 0; i < 15; i++) air.add(T0 + SEC + (i + 1) * MS, 6, -50, b.retry().build());
        none(run(air), "deauth_flood");
    }

    @Test
    void managementFrameProtectedDeauthsAreNotCounted() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 10);
        for (int i = 0; i < 40; i++) {
            air.add(T0 + SEC + i * 10 * MS, 6, -50, FrameBuilder.deauth().ap(AP).destination(CLIENT).seq(i).ccmp(i + 1, 0).build());
        }
        none(run(air), "deauth_flood");
    }

    @Test
    void deauthThresholdIsConfigurableByName() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.aireplayDeauth(air, T0 + 5 * SEC, ap, MacAddress.BROADCAST, 1, -35);
        none(run(air, DetectionConfig.defaults().with("deauth_flood.threshold", 100)), "deauth_flood");
        single(run(air, DetectionConfig.defaults().with("deauth_flood.threshold", 50)), "deauth_flood");
    }

    @Test
    void disassociationFloodAgainstOneClientRaisesDisassocFlood() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.disassocFlood(air, T0 + 5 * SEC, 3 * SEC, ap, CLIENT, -35);
        Alert a = single(run(air), "disassoc_flood");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.target()).isEqualTo(mac(CLIENT));
        assertThat(a.count()).isEqualTo(150);
        none(run(air), "deauth_flood");
    }

    @Test
    void mdk4AuthFloodFromRandomMacsRaisesAuthFlood() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.mdk4AuthFlood(air, T0 + 5 * SEC, 4 * SEC, ap, 100, new Random(1));
        Alert a = single(run(air), "auth_flood");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.target()).isEqualTo(mac(AP));
        assertThat(a.source()).isNull();
        assertThat(a.reasons()).contains("MANY_CLIENT_ADDRESSES");
        assertThat(a.count()).isEqualTo(400);
        assertThat(a.mitre()).containsExactly("T1499");
        assertThat((List<?>) a.evidence().get("sample_clients")).hasSize(5);
    }

    @Test
    void tenClientsJoiningWithinSecondsStaySilent() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Random r = new Random(2);
        for (int i = 0; i < 10; i++) Station.join(air, T0 + 2 * SEC + i * 300 * MS, ap, Station.randomMac(r, true), -50, false, true, 1);
        List<Alert> alerts = run(air);
        none(alerts, "auth_flood");
        none(alerts, "assoc_flood");
    }

    @Test
    void associationRequestsFromRandomMacsRaiseAssocFlood() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 20);
        Attacks.assocFlood(air, T0 + 5 * SEC, 3 * SEC, ap, 50, new Random(3));
        Alert a = single(run(air), "assoc_flood");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        none(run(air), "auth_flood");
    }

    @Test
    void mdk4BeaconFloodOfRandomBssidsRaisesOneBeaconFloodPerChannel() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 120);
        Attacks.mdk4BeaconFlood(air, T0 + 60 * SEC, 10 * SEC, 6, 50, new Random(4));
        Alert a = single(run(air), "beacon_flood");
        assertThat(a.channel()).isEqualTo(6);
        assertThat(a.count()).isGreaterThanOrEqualTo(400);
        assertThat((List<?>) a.evidence().get("sample_ssids")).isNotEmpty();
    }

    @Test
    void networksAppearingOneAMinuteOverTwoHoursStaySilent() {
        Air air = new Air();
        for (int i = 0; i < 120; i++) {
            AccessPoint ap = AccessPoint.wpa2(0x00_24_A5_00_10_00L + i, "Net" + i, 6, -70).bootedAt(T0);
            ap.beaconFor(air, T0 + i * 60 * SEC, T0 + i * 60 * SEC + 3 * SEC);
        }
        none(run(air), "beacon_flood");
    }

    @Test
    void manyNetworksSeenAtCaptureStartStaySilentDuringWarmup() {
        Air air = new Air();
        for (int i = 0; i < 60; i++) {
            AccessPoint.wpa2(0x00_24_A5_00_20_00L + i, "Block" + i, 6, -70).bootedAt(T0 - i * MS).beaconFor(air, T0, T0 + 20 * SEC);
        }
        none(run(air), "beacon_flood");
    }

    @Test
    void scannerProbingAWordListRaisesProbeFlood() {
        Air air = new Air();
        Attacks.probeScanner(air, T0 + SEC, ATTACKER, 6, 60, new Random(5));
        Alert a = single(run(air), "probe_flood");
        assertThat(a.source()).isEqualTo(mac(ATTACKER));
        assertThat(a.reasons()).contains("MANY_SSIDS");
        assertThat(a.mitre()).containsExactly("T1595");
    }

    @Test
    void phoneScanningForItsSavedNetworksStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = withAp(ap, 120);
        for (int i = 0; i < 12; i++) Station.scan(air, T0 + i * 10 * SEC, CLIENT, 6, -50, List.of(ap), "Office", "HomeNet", "Hotel", "Airport");
        none(run(air), "probe_flood");
    }

    @Test
    void saeCommitFloodFromSpoofedMacsRaisesSaeFlood() {
        AccessPoint ap = officeAp().withSecurity(Rsn.wpa3Sae());
        Air air = withAp(ap, 20);
        Attacks.saeCommitFlood(air, T0 + 5 * SEC, 3 * SEC, ap, 40, new Random(6));
        List<Alert> alerts = run(air);
        Alert a = single(alerts, "sae_flood");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        none(alerts, "auth_flood");
    }

    @Test
    void wpa3ClientJoiningWithCommitAndConfirmStaysSilent() {
        AccessPoint ap = officeAp().withSecurity(Rsn.wpa3Sae());
        Air air = withAp(ap, 20);
        for (int i = 0; i < 3; i++) {
            long c = CLIENT + i;
            air.add(T0 + (2 + i) * SEC, 6, -50, FrameBuilder.saeCommit(19).bssid(AP).source(c).destination(AP).seq(1).build());
            air.add(T0 + (2 + i) * SEC + 3 * MS, 6, -55, FrameBuilder.saeCommit(19).ap(AP).destination(c).seq(10 + i).build());
            air.add(T0 + (2 + i) * SEC + 6 * MS, 6, -50, FrameBuilder.saeConfirm().bssid(AP).source(c).destination(AP).seq(2).build());
        }
        none(run(air), "sae_flood");
    }
}
