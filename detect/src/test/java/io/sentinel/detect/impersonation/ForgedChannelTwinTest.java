package io.sentinel.detect.impersonation;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.InfoElements;
import io.sentinel.wifi.build.Rsn;
import org.junit.jupiter.api.Test;

/** The "fake channel" evil twin (Scapy copy of the AP's beacon with another DS Parameter Set). */
class ForgedChannelTwinTest {

    static byte[] beacon(int dsChannel, int seq, long tsf) {
        return FrameBuilder.beacon().ap(AP).destination(MacAddress.BROADCAST).seq(seq).timestamp(tsf).ssid("Office").rsn(Rsn.wpa2Psk())
                .raw(InfoElements.dsParameter(dsChannel)).build();
    }

    @Test
    void theApsBssidAdvertisingTwoChannelsInAlternationIsAnEvilTwin() {
        Air air = new Air();
        for (int i = 0; i < 200; i++) {
            air.add(T0 + i * 102_400_000L, 1, -60, beacon(1, i, 1_000_000L + i * 102_400L));
            if (i % 2 == 0) air.add(T0 + i * 102_400_000L + 40 * MS, 1, -40, beacon(7, 0, 0)); // forged, DS channel 7
        }
        Alert a = single(run(air), "evil_twin");
        assertThat(a.reasons()).contains("CLONED_BSSID", "FORGED_CHANNEL");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
        assertThat(a.evidence().get("advertised_channels")).asList().containsExactly(1, 7);
    }

    @Test
    void anApMovingToAnotherChannelOnceStaysSilent() {
        Air air = new Air();
        for (int i = 0; i < 200; i++) air.add(T0 + i * 102_400_000L, i < 100 ? 1 : 6, -60, beacon(i < 100 ? 1 : 6, i, 1_000_000L + i * 102_400L));
        none(run(air), "evil_twin");
    }
}
