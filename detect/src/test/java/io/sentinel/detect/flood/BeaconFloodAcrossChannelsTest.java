package io.sentinel.detect.flood;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.InfoElements;
import org.junit.jupiter.api.Test;

/** A beacon flood spread over 11 channels (mdk4 b with channel hopping): too thin per channel, plain overall. */
class BeaconFloodAcrossChannelsTest {

    static byte[] fake(long bssid, int ch, int seq) {
        return FrameBuilder.beacon().ap(bssid).destination(MacAddress.BROADCAST).seq(seq).ssid("free" + (bssid & 0xFFF))
                .raw(InfoElements.dsParameter(ch)).build();
    }

    @Test
    void twentyNewBssidsOnEachOfElevenChannelsInHalfASecondIsOneBeaconFlood() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 120 * SEC);
        long t = T0 + 60 * SEC; // after the warm-up
        long base = 0x02_00_00_00_00_00L;
        for (int ch = 1; ch <= 11; ch++) {
            for (int i = 0; i < 20; i++) air.add(t + (ch - 1) * 45 * MS + i * 2 * MS, ch, -50, fake(base + ch * 256 + i, ch, i));
        }
        Alert a = single(run(air), "beacon_flood");
        assertThat(a.reasons()).contains("MANY_NEW_BSSIDS_ACROSS_CHANNELS");
        assertThat(a.firstSeenNanos()).isBetween(t, t + SEC);
    }

    @Test
    void aFewNewNetworksPerChannelOverMinutesStaySilent() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 300 * SEC);
        for (int i = 0; i < 60; i++) air.add(T0 + 60 * SEC + i * 3 * SEC, 1 + i % 11, -70, fake(0x00_24_01_00_00_00L + i, 1 + i % 11, i));
        none(run(air), "beacon_flood");
    }
}
