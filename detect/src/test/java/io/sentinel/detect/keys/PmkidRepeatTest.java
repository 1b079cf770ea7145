package io.sentinel.detect.keys;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/** hcxdumptool-style PMKID collection from one AP by one client that never answers message 1. */
class PmkidRepeatTest {

    static void m1(Air air, long t, long counter, int seq) {
        air.add(t, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, EapolKeyBuilder.message(1).replayCounter(counter).pmkid(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})).seq(seq).build());
    }

    @Test
    void messages1WithPmkidLeftUnansweredInARowAreHarvesting() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 20 * SEC);
        for (int i = 0; i < 8; i++) m1(air, T0 + 2 * SEC + i * 250 * MS, 67 + i, i);
        Alert a = single(run(air), "pmkid_harvest");
        assertThat(a.reasons()).contains("UNANSWERED_PMKID_MESSAGES");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
        assertThat(a.evidence()).containsEntry("unanswered_messages_1", 8);
    }

    @Test
    void aSingleMessage1WithPmkidOrOneAnsweredLateStaysSilent() {
        AccessPoint ap = officeAp();
        Air single = new Air();
        ap.beaconFor(single, T0, T0 + 20 * SEC);
        m1(single, T0 + 2 * SEC, 1, 1);
        none(run(single), "pmkid_harvest");
        // the AP retries twice, the client answers (a slow client), and the handshake completes
        Air slow = new Air();
        ap.beaconFor(slow, T0, T0 + 20 * SEC);
        m1(slow, T0 + 2 * SEC, 1, 1);
        m1(slow, T0 + 3 * SEC, 2, 2);
        slow.add(T0 + 3 * SEC + 20 * MS, 6, -50, FrameBuilder.eapolToAp(AP, CLIENT, EapolKeyBuilder.message(2).replayCounter(2)).seq(9).build());
        none(run(slow), "pmkid_harvest");
        // the sensor missed message 2 but saw the AP's message 3: not abandoned either
        Air missed = new Air();
        ap.beaconFor(missed, T0, T0 + 20 * SEC);
        for (int i = 0; i < 3; i++) m1(missed, T0 + 2 * SEC + i * 500 * MS, 1 + i, i);
        missed.add(T0 + 3 * SEC + 600 * MS, 6, -45, FrameBuilder.eapolFromAp(AP, CLIENT, EapolKeyBuilder.message(3).replayCounter(4)).seq(5).build());
        none(run(missed), "pmkid_harvest");
    }
}
