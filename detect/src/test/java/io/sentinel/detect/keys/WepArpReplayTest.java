package io.sentinel.detect.keys;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/** aireplay-ng -3 (ARP request replay) on a WEP network, against ordinary WEP traffic. */
class WepArpReplayTest {

    /** A WEP data frame to the AP whose payload (IV..ICV) is an ARP's size or a web page's. */
    static byte[] wep(long from, int seq, int iv, int ciphertext) {
        return FrameBuilder.data().toDs().bssid(AP).source(from).destination(MacAddress.BROADCAST).seq(seq).wep(iv, 0)
                .ciphertext(ciphertext).build();
    }

    @Test
    void arpSizedWepFramesAtReplayRateAreArpReplayEvenWithFreshIvs() {
        Air air = new Air();
        for (int i = 0; i < 2000; i++) air.add(T0 + i * 10 * MS, 6, -40, wep(ATTACKER, i & 0xFFF, 0x100000 + i, 36));
        Alert a = single(run(air), "wep_iv_reuse");
        assertThat(a.reasons()).containsExactly("ARP_REPLAY");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
        assertThat(a.source()).isEqualTo(MacAddress.format(ATTACKER));
    }

    @Test
    void ordinaryWepTrafficOfLargerFramesAndOccasionalArpsStaysSilent() {
        Air air = new Air();
        for (int i = 0; i < 2000; i++) air.add(T0 + i * 10 * MS, 6, -50, wep(CLIENT, i & 0xFFF, 0x200000 + i, 1200));
        for (int i = 0; i < 20; i++) air.add(T0 + i * SEC, 6, -50, wep(CLIENT + 1, i, 0x300000 + i, 36));
        none(run(air), "wep_iv_reuse");
    }
}
