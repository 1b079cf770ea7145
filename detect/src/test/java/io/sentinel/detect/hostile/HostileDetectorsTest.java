package io.sentinel.detect.hostile;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.testkit.Station;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostileDetectorsTest {

    @Test
    void beaconsWithOverlongSsidRaiseMalformedFrame() {
        Air air = new Air();
        Attacks.overlongSsid(air, T0 + SEC, ATTACKER, 6, 3);
        Alert a = single(run(air), "malformed_frame");
        assertThat(a.source()).isEqualTo(mac(ATTACKER));
        assertThat(a.reasons()).contains("OVERLONG_SSID");
        assertThat(a.evidence()).containsEntry("declared_ssid_length", 64);
        assertThat(a.mitre()).containsExactly("T1203");
    }

    @Test
    void singleFrameWithAnOverrunningElementStaysSilent() {
        Air air = new Air();
        air.add(T0 + SEC, 6, -50, FrameBuilder.beacon().ap(AP).seq(1).ssid("Office").raw((byte) 48, (byte) 200, (byte) 1).build());
        none(run(air), "malformed_frame");
    }

    @Test
    void pwnagotchiAdvertisementRaisesAttackTool() {
        Air air = new Air();
        Attacks.pwnagotchi(air, T0 + SEC, 5 * SEC, 6);
        List<Alert> alerts = run(air);
        Alert a = single(alerts, "attack_tool");
        assertThat(a.source()).isEqualTo("de:ad:be:ef:de:ad");
        assertThat(a.evidence()).containsEntry("tool", "pwnagotchi");
        assertThat(a.reasons()).contains("PWNGRID_ELEMENT", "PWNAGOTCHI_ADDRESS");
        assertThat(a.count()).isEqualTo(5);
        assertThat(alerts).extracting(Alert::type).containsExactly("attack_tool");
    }

    @Test
    void pineappleOuiBssidRaisesAttackTool() {
        Air air = new Air();
        new AccessPoint(MacAddress.parse("00:13:37:a5:01:02"), "FreeWiFi", 6, -50, null, false, T0).beaconFor(air, T0, T0 + 2 * SEC);
        Alert a = single(run(air), "attack_tool");
        assertThat(a.evidence()).containsEntry("tool", "wifi_pineapple");
    }

    @Test
    void ordinaryBeaconsAndProbesRaiseNoAttackTool() {
        Air air = new Air();
        AccessPoint ap = officeAp();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        Station.scan(air, T0 + SEC, CLIENT, 6, -50, List.of(ap), "Office");
        none(run(air), "attack_tool");
    }

    @Test
    void sustainedBadFcsSurgeOnBusyChannelRaisesJamming() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 40 * SEC);
        Station.traffic(air, T0, 40 * SEC, ap, CLIENT, -50, 30, new Random(1));
        Attacks.jam(air, T0 + 20 * SEC, 6 * SEC, ap, CLIENT, new Random(2));
        Alert a = single(run(air), "jamming");
        assertThat(a.channel()).isEqualTo(6);
        assertThat(a.reasons()).contains("BAD_FCS_SURGE");
        assertThat(a.mitre()).containsExactly("T1498");
    }

    @Test
    void busyChannelGoingSilentOnFixedChannelCaptureRaisesJamming() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        ap.beaconFor(air, T0 + 26 * SEC, T0 + 40 * SEC);
        Station.traffic(air, T0, 20 * SEC, ap, CLIENT, -50, 30, new Random(1));
        Alert a = single(run(air), "jamming");
        assertThat(a.reasons()).containsExactly("SILENCE");
    }

    @Test
    void ordinaryTrafficWithTenPercentRetriesRaisesNoJamming() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 60 * SEC);
        Station.traffic(air, T0, 60 * SEC, ap, CLIENT, -50, 40, new Random(3));
        none(run(air), "jamming");
    }
}
