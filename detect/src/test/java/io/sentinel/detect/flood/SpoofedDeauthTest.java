package io.sentinel.detect.flood;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/**
 * A low-rate targeted deauthentication (a dozen frames in ten seconds at one client, e.g.
 * aireplay-ng -0 1 repeated, or a scapy script) forged with the AP's address: below the flood
 * rate, but the AP's own sequence counter (its beacons) and signal contradict the frames.
 */
class SpoofedDeauthTest {

    static void beacons(Air air, long from, long to) {
        int seq = 1000;
        for (long t = from; t < to; t += 102_400_000L) {
            air.add(t, 6, -55, FrameBuilder.beacon().ap(AP).destination(MacAddress.BROADCAST).seq(seq++ & 0xFFF).ssid("Office").build());
        }
    }

    static byte[] deauth(int seq) {
        return FrameBuilder.deauth().bssid(AP).source(AP).destination(CLIENT).reason(7).seq(seq).build();
    }

    @Test
    void aDozenForgedDeauthsInTenSecondsAtOneClientAreATargetedAttack() {
        Air air = new Air();
        beacons(air, T0, T0 + 30 * SEC);
        for (int i = 0; i < 12; i++) air.add(T0 + 5 * SEC + i * 800 * MS, 6, -30, deauth(3000 + i)); // the forger's counter and radio
        Alert a = single(run(air), "deauth_flood");
        assertThat(a.reasons()).contains("SPOOFED_AP_SOURCE", "LOW_RATE_TARGETED", "TARGETED_CLIENT").doesNotContain("RATE_ABOVE_THRESHOLD");
        assertThat(a.target()).isEqualTo(MacAddress.format(CLIENT));
        assertThat(a.firstSeenNanos()).isBetween(T0 + 5 * SEC, T0 + 9 * SEC);
    }

    @Test
    void theApsOwnDeauthsInItsSequenceAndSignalStaySilent() {
        Air air = new Air();
        beacons(air, T0, T0 + 30 * SEC);
        // the AP kicks one client now and then: sequence numbers next to its beacons', same radio
        for (int i = 0; i < 12; i++) {
            long t = T0 + 5 * SEC + i * 800 * MS;
            int apSeq = 1000 + (int) ((t - T0) / 102_400_000L) + 1;
            air.add(t + MS, 6, -55, deauth(apSeq & 0xFFF));
        }
        none(run(air), "deauth_flood");
    }
}
