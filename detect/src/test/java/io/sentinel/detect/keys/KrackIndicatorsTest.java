package io.sentinel.detect.keys;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.detect.Severity;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/**
 * Key reinstallation as krackattacks-scripts performs it (Vanhoef, "Key Reinstallation Attacks",
 * CCS 2017): the TPTK variant (a forged message 1 between message 3 and its retransmission with a
 * new replay counter), the FT variant (a replayed reassociation request and CCMP packet numbers
 * starting over), and the benign look-alikes (MAC retransmissions without the retry bit, a real
 * rekey restarting packet numbers).
 */
class KrackIndicatorsTest {

    static void eapolFromAp(Air air, long t, int msg, long counter, int seq) {
        air.add(t, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, EapolKeyBuilder.message(msg).replayCounter(counter)).seq(seq).build());
    }

    static void eapolToAp(Air air, long t, int msg, long counter, int seq) {
        air.add(t, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, EapolKeyBuilder.message(msg).replayCounter(counter)).seq(seq).build());
    }

    @Test
    void forgedMessage1ThenMessage3WithANewCounterIsTheTptkAttack() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = T0 + 2 * SEC;
        eapolFromAp(air, t, 1, 1, 10);
        eapolToAp(air, t + MS, 2, 1, 100);
        eapolFromAp(air, t + 2 * MS, 3, 2, 11);
        eapolFromAp(air, t + 2 * MS + 100_000, 1, 3, 12); // forged by the man-in-the-middle
        eapolFromAp(air, t + 2 * MS + 200_000, 3, 3, 13); // retransmitted message 3, new counter
        eapolToAp(air, t + 3 * MS, 4, 2, 101);
        Alert a = single(run(air), "eapol_replay");
        assertThat(a.reasons()).contains("MESSAGE_1_FORGED_AFTER_MESSAGE_3", "MESSAGE_3_NEW_REPLAY_COUNTER");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
    }

    @Test
    void aNewHandshakeAfterTheClientAnsweredMessage3StaysSilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = T0 + 2 * SEC;
        eapolFromAp(air, t, 1, 1, 10);
        eapolToAp(air, t + MS, 2, 1, 100);
        eapolFromAp(air, t + 2 * MS, 3, 2, 11);
        eapolToAp(air, t + 3 * MS, 4, 2, 101);
        eapolFromAp(air, t + 300 * MS, 1, 3, 12); // a PTK rekey
        eapolToAp(air, t + 301 * MS, 2, 3, 102);
        eapolFromAp(air, t + 302 * MS, 3, 4, 13);
        eapolToAp(air, t + 303 * MS, 4, 4, 103);
        none(run(air), "eapol_replay");
    }

    @Test
    void message3CopiesWithTheSameSequenceNumberButNoRetryBitAreMacRetransmissions() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 10 * SEC);
        long t = T0 + 2 * SEC;
        eapolFromAp(air, t, 1, 13, 237);
        eapolToAp(air, t + MS, 2, 13, 100);
        for (int i = 0; i < 5; i++) eapolFromAp(air, t + 2 * MS + i * 20 * MS, 3, 14, 238); // the driver dropped the retry bit
        eapolToAp(air, t + 200 * MS, 4, 14, 101);
        none(run(air), "eapol_replay");
    }

    static void data(Air air, long t, long from, long to, long pn, int seq) {
        FrameBuilder b = from == AP ? FrameBuilder.qosData().fromDs().bssid(AP).source(AP).destination(to)
                : FrameBuilder.qosData().toDs().bssid(AP).source(from).destination(AP);
        air.add(t, 6, -50, b.seq(seq).ccmp(pn, 0).build());
    }

    static void reassoc(Air air, long t, int seq) {
        air.add(t, 6, -50, FrameBuilder.reassocRequest().bssid(AP).source(CLIENT).destination(AP).currentAp(AP).ssid("Office").seq(seq).build());
    }

    @Test
    void ccmpPacketNumbersStartingOverAfterAReplayedReassociationAreKeyReinstallation() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        long t = T0 + 2 * SEC;
        reassoc(air, t, 500);
        for (int i = 1; i <= 400; i++) data(air, t + 10 * MS + i * 5 * MS, AP, CLIENT, i, i);
        reassoc(air, t + 3 * SEC, 500); // the attacker replays the captured reassociation request
        for (int i = 1; i <= 50; i++) data(air, t + 3 * SEC + 10 * MS + i * 5 * MS, AP, CLIENT, i, 400 + i);
        Alert a = single(run(air), "eapol_replay");
        assertThat(a.reasons()).contains("PACKET_NUMBER_RESTARTED", "REASSOCIATION_REQUEST_REPLAYED");
        assertThat(a.source()).isEqualTo(MacAddress.format(AP));
        assertThat(a.target()).isEqualTo(MacAddress.format(CLIENT));
    }

    @Test
    void packetNumbersRestartingAfterAFreshReassociationOrHandshakeStaySilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        long t = T0 + 2 * SEC;
        for (int i = 1; i <= 400; i++) data(air, t + i * 5 * MS, AP, CLIENT, 1000 + i, i);
        reassoc(air, t + 3 * SEC, 501); // a real roam back: a new request, a new key
        for (int i = 1; i <= 300; i++) data(air, t + 3 * SEC + 10 * MS + i * 5 * MS, AP, CLIENT, i, 400 + i);
        eapolFromAp(air, t + 6 * SEC, 3, 9, 900);
        eapolToAp(air, t + 6 * SEC + MS, 4, 9, 901);
        for (int i = 1; i <= 50; i++) data(air, t + 6 * SEC + 10 * MS + i * 5 * MS, AP, CLIENT, i, 700 + i);
        // reordering by a few packet numbers is not a restart
        data(air, t + 7 * SEC, AP, CLIENT, 40, 800);
        none(run(air), "eapol_replay");
    }

    @Test
    void packetNumbersStartingOverWithoutAnyKeyInstallationAreFlaggedToo() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        long t = T0 + 2 * SEC;
        for (int i = 1; i <= 400; i++) data(air, t + i * 5 * MS, CLIENT, AP, 5000 + i, i);
        for (int i = 1; i <= 20; i++) data(air, t + 3 * SEC + i * 5 * MS, CLIENT, AP, i, 400 + i);
        Alert a = single(run(air), "eapol_replay");
        assertThat(a.reasons()).containsExactly("PACKET_NUMBER_RESTARTED");
    }
}
