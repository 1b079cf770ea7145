package io.sentinel.detect.impersonation;

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
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpersonationDetectorsTest {

    static final long ROGUE = MacAddress.parse("b8:27:eb:11:22:33");

    static DetectionConfig monitored() {
        return DetectionConfig.defaults().withMonitored(List.of(new MonitoredNetwork("Office", Set.of(AP, AP2), Set.of(1, 6), "wpa2-psk")));
    }

    @Test
    void openTwinOfWpa2NetworkOnAnotherChannelWithStrongerSignalRaisesEvilTwin() {
        AccessPoint legit = officeAp();
        Air air = new Air();
        legit.beaconFor(air, T0, T0 + 60 * SEC);
        Attacks.evilTwin(air, T0 + 20 * SEC, 20 * SEC, legit, ATTACKER, 11);
        Alert a = single(run(air), "evil_twin");
        assertThat(a.bssid()).isEqualTo(mac(ATTACKER));
        assertThat(a.ssid()).isEqualTo("Office");
        assertThat(a.channel()).isEqualTo(11);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.reasons()).contains("SECURITY_MISMATCH", "STRONGER_SIGNAL", "VENDOR_MISMATCH", "CHANNEL_MISMATCH");
        assertThat(a.mitre()).containsExactly("T1557");
        assertThat(a.firstSeenNanos()).isGreaterThanOrEqualTo(T0 + 20 * SEC);
    }

    @Test
    void newApOfTheSameEssOnAnotherChannelStaysSilent() {
        AccessPoint a1 = officeAp();
        AccessPoint a2 = AccessPoint.wpa2(AP2, "Office", 11, -60).bootedAt(T0 - 7200 * SEC);
        Air air = new Air();
        a1.beaconFor(air, T0, T0 + 60 * SEC);
        a2.beaconFor(air, T0 + 30 * SEC, T0 + 60 * SEC); // a sensor hopping to channel 11 hears it late
        none(run(air), "evil_twin");
    }

    @Test
    @SuppressWarnings("unchecked")
    void apAnsweringProbesForManySsidsRaisesKarma() {
        Air air = new Air();
        Attacks.airbaseKarma(air, T0 + SEC, ATTACKER, 6, List.of("HomeNet", "Starbucks WiFi", "Airport_Free", "eduroam"), new Random(1));
        Alert a = single(run(air), "karma");
        assertThat(a.bssid()).isEqualTo(mac(ATTACKER));
        assertThat((List<Object>) a.evidence().get("sample_ssids")).contains("HomeNet", "Starbucks WiFi", "Airport_Free");
    }

    @Test
    void apAnsweringManyClientsForItsOwnSsidStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        Random r = new Random(2);
        for (int i = 0; i < 30; i++) Station.scan(air, T0 + i * SEC, Station.randomMac(r, true), 6, -50, List.of(ap), "Office");
        none(run(air), "karma");
    }

    @Test
    void wpa3BssidLaterAdvertisingWpa2RaisesCryptoDowngrade() {
        AccessPoint ap = officeAp().withSecurity(Rsn.wpa3Sae());
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        Attacks.downgrade(air, T0 + 10 * SEC, 5 * SEC, ap);
        List<Alert> alerts = ofType(run(air), "crypto_downgrade");
        assertThat(alerts).isNotEmpty();
        Alert a = alerts.getFirst();
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.reasons()).contains("SECURITY_DOWNGRADE", "WPA3_TRANSITION_DOWNGRADE");
        assertThat(a.evidence()).containsEntry("advertised_security", "wpa2-psk");
        assertThat(a.mitre()).contains("T1562.010");
    }

    @Test
    void essMixingWpa3OnlyAndTransitionApsStaysSilent() {
        Air air = new Air();
        officeAp().withSecurity(Rsn.wpa3Sae()).beaconFor(air, T0, T0 + 30 * SEC);
        AccessPoint.wpa2(AP2, "Office", 11, -60).withSecurity(Rsn.transition()).bootedAt(T0).beaconFor(air, T0 + 5 * SEC, T0 + 30 * SEC);
        none(run(air), "crypto_downgrade");
    }

    @Test
    void unauthorisedBssidAdvertisingMonitoredSsidIsAnEvilTwin() {
        Air air = new Air();
        officeAp().beaconFor(air, T0, T0 + 20 * SEC);
        new AccessPoint(ROGUE, "Office", 6, -60, null, false, T0).beaconFor(air, T0 + 5 * SEC, T0 + 10 * SEC);
        List<Alert> alerts = run(air, monitored());
        none(alerts, "rogue_ap");
        Alert a = single(alerts, "evil_twin");
        assertThat(a.bssid()).isEqualTo(mac(ROGUE));
        assertThat(a.reasons()).containsExactly("UNAUTHORIZED_BSSID", "SECURITY_MISMATCH");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void authorisedApsOfMonitoredNetworkStaySilent() {
        Air air = new Air();
        officeAp().beaconFor(air, T0, T0 + 20 * SEC);
        AccessPoint.wpa2(AP2, "Office", 1, -60).bootedAt(T0).beaconFor(air, T0, T0 + 20 * SEC);
        List<Alert> alerts = run(air, monitored());
        none(alerts, "rogue_ap");
        none(alerts, "ssid_lookalike");
        none(alerts, "weak_crypto");
    }

    @Test
    void authorisedApOnAnUnexpectedChannelRaisesRogueApWithChannelReason() {
        Air air = new Air();
        AccessPoint.wpa2(AP2, "Office", 11, -60).bootedAt(T0).beaconFor(air, T0, T0 + 5 * SEC);
        Alert a = single(run(air, monitored()), "rogue_ap");
        assertThat(a.reasons()).containsExactly("UNEXPECTED_CHANNEL");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void confusableCharactersImitatingMonitoredSsidRaiseSsidLookalike() {
        Air air = new Air();
        new AccessPoint(ROGUE, "0ffice", 6, -60, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        new AccessPoint(ROGUE + 1, "Οffice", 6, -60, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC); // Greek omicron
        List<Alert> alerts = ofType(run(air, monitored()), "ssid_lookalike");
        assertThat(alerts).hasSize(2);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.reasons()).containsExactly("CONFUSABLE_CHARACTERS");
            assertThat(a.evidence()).containsEntry("imitated_ssid", "Office");
        });
    }

    @Test
    void nameOneEditAwayRaisesSsidLookalikeButDistantNamesStaySilent() {
        Air air = new Air();
        new AccessPoint(ROGUE, "Offices", 6, -60, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        new AccessPoint(ROGUE + 1, "Office-Guest", 6, -60, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        new AccessPoint(ROGUE + 2, "Coffee", 6, -60, null, false, T0).beaconFor(air, T0, T0 + 5 * SEC);
        Alert a = single(run(air, monitored()), "ssid_lookalike");
        assertThat(a.ssid()).isEqualTo("Offices");
        assertThat(a.reasons()).containsExactly("EDIT_DISTANCE");
    }

    @Test
    void spoofedBeaconsInterleavedWithTheRealApRaiseBeaconAnomaly() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        Attacks.spoofedBeacons(air, T0 + 10 * SEC, 5 * SEC, ap);
        Alert a = single(run(air), "beacon_anomaly");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.reasons()).contains("TSF_JUMP", "INTERVAL_CHANGE");
    }

    @Test
    void apRebootResettingItsTsfOnceStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        ap.bootedAt(T0 + 12 * SEC).beaconFor(air, T0 + 12 * SEC, T0 + 30 * SEC);
        none(run(air), "beacon_anomaly");
    }

    @Test
    void spoofedChannelSwitchAnnouncementsRaiseCsaAbuse() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 30 * SEC);
        Attacks.csaSpoof(air, T0 + 10 * SEC, 3 * SEC, ap, 13);
        Alert a = single(run(air), "csa_abuse");
        assertThat(a.bssid()).isEqualTo(mac(AP));
        assertThat(a.reasons()).contains("INTERLEAVED_WITH_NORMAL_BEACONS", "COUNT_NOT_DECREASING");
        assertThat(a.evidence()).containsEntry("new_channel", 13);
    }

    @Test
    void apAnnouncingItsOwnSwitchWithACountdownStaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = T0 + 10 * SEC;
        for (int count = 5; count >= 1; count--) {
            air.add(t, 6, -55, ap.advertise(FrameBuilder.beacon(), t, air.nextSeq(AP)).channelSwitch(1, 11, count).build());
            t += AccessPoint.BEACON_INTERVAL_NANOS;
        }
        ap.at(11, -55).beaconFor(air, t, t + 10 * SEC);
        none(run(air), "csa_abuse");
    }
}
