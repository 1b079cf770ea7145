package io.sentinel.detect.frag;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/**
 * FragAttacks as the fragattacks test tool sends them (Vanhoef, "Fragment and Forge", USENIX
 * Security 2021, and the tool's test cases ping I,E,P / I,D,E / I,E,R,E / I,F,BE,AE /
 * eapol-amsdu / eapol-inject), against the same link fragmenting legitimately.
 */
class FragAttackDetectorTest {

    /** AP to client QoS data, CCMP-protected with {@code pn} (or plaintext with pn &lt; 0). */
    static FrameBuilder toClient(int seq, int frag, boolean more, long pn) {
        FrameBuilder b = FrameBuilder.qosData().fromDs().bssid(AP).source(AP).destination(CLIENT).seq(seq).fragment(frag).qos(0);
        if (more) b.moreFragments();
        if (pn >= 0) b.ccmp(pn, 0); else b.payload(new byte[40]);
        return b;
    }

    static Air linkUp() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        for (int i = 1; i <= 20; i++) air.add(T0 + SEC + i * 10 * MS, 6, -50, toClient(i, 0, false, i).build());
        return air;
    }

    static Alert alert(Air air) { return single(run(air), "frag_attack"); }

    @Test
    void encryptedFirstFragmentAndPlaintextSecondAreMixedFragments() {
        Air air = linkUp();
        long t = T0 + 3 * SEC;
        air.add(t, 6, -50, toClient(30, 0, true, 21).build());
        air.add(t + MS, 6, -50, toClient(30, 1, false, -1).build());
        Alert a = alert(air);
        assertThat(a.reasons()).containsExactly("MIXED_PLAINTEXT_FRAGMENTS");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
        assertThat(a.target()).isEqualTo(MacAddress.format(CLIENT));
    }

    @Test
    void fragmentsStraddlingARekeyAreTheMixedKeyAttack() {
        Air air = linkUp();
        long t = T0 + 3 * SEC;
        air.add(t, 6, -50, toClient(30, 0, true, 21).build());
        air.add(t + 20 * MS, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, EapolKeyBuilder.message(3).replayCounter(5)).seq(31).build());
        air.add(t + 22 * MS, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, EapolKeyBuilder.message(4).replayCounter(5)).seq(900).build());
        air.add(t + 40 * MS, 6, -50, toClient(30, 1, false, 22).build());
        assertThat(alert(air).reasons()).containsExactly("FRAGMENT_ACROSS_KEY_CHANGE");
    }

    @Test
    void fragmentsWithPacketNumbersThatDoNotFollowAreRefusedByReceiversAndFlagged() {
        Air air = linkUp();
        long t = T0 + 3 * SEC;
        air.add(t, 6, -50, toClient(30, 0, true, 21).build());
        air.add(t + MS, 6, -50, toClient(30, 1, false, 40).build());
        assertThat(alert(air).reasons()).containsExactly("NON_CONSECUTIVE_PN");
    }

    @Test
    void aSecondFragmentWithoutAFirstIsFlaggedWithLowerConfidence() {
        Air air = linkUp();
        air.add(T0 + 3 * SEC, 6, -50, toClient(30, 1, false, 257).build());
        Alert a = alert(air);
        assertThat(a.reasons()).containsExactly("FRAGMENT_WITHOUT_FIRST");
        assertThat(a.confidence()).isLessThan(0.8);
    }

    @Test
    void plaintextAmsduDuringTheHandshakeIsTheAggregationAttack() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = T0 + 2 * SEC;
        air.add(t, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, EapolKeyBuilder.message(1).replayCounter(1)).seq(16).build());
        air.add(t + 2 * MS, 6, -45, FrameBuilder.qosData().fromDs().bssid(AP).source(AP).destination(CLIENT).seq(17).qos(0x80)
                .payload(new byte[60]).build());
        assertThat(alert(air).reasons()).containsExactly("PLAINTEXT_AMSDU");
    }

    @Test
    void eapolFromAStationAddressedToAnotherStationIsFlagged() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long other = MacAddress.parse("7e:1e:cd:49:9f:c6");
        air.add(T0 + 2 * SEC, 6, -45, FrameBuilder.data().toDs().bssid(AP).source(ATTACKER).destination(other)
                .eapolPacket(0, new byte[8]).seq(5).build());
        Alert a = alert(air);
        assertThat(a.reasons()).containsExactly("EAPOL_TO_OTHER_STATION");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
    }

    @Test
    void legitimateFragmentationWithConsecutivePacketNumbersAndDuplicatesStaysSilent() {
        Air air = linkUp();
        long t = T0 + 3 * SEC;
        for (int m = 0; m < 5; m++) {
            long pn = 21 + 3L * m;
            for (int frag = 0; frag < 3; frag++) {
                FrameBuilder b = toClient(30 + m, frag, frag < 2, pn + frag);
                air.add(t + m * 50 * MS + frag * MS, 6, -50, b.build());
                if (frag == 1) air.add(t + m * 50 * MS + frag * MS + 200_000, 6, -50, toClient(30 + m, frag, true, pn + frag).retry().build());
            }
        }
        // EAPOL to the AP itself and a normal handshake are not findings either
        air.add(t + SEC, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, EapolKeyBuilder.message(2).replayCounter(1)).seq(700).build());
        none(run(air), "frag_attack");
    }
}
