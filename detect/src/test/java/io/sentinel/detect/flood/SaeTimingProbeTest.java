package io.sentinel.detect.flood;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/**
 * dragontime (Dragonblood, Vanhoef and Ronen 2020): one SAE commit per spoofed MAC every ~250 ms,
 * timing the AP's answer (commit, or status 76 asking for an anti-clogging token), no confirm.
 */
class SaeTimingProbeTest {

    static byte[] commitToAp(long client, int seq) {
        return FrameBuilder.saeCommit(19).bssid(AP).source(client).destination(AP).seq(seq).build();
    }

    static byte[] commitFromAp(long client, int status) {
        return FrameBuilder.saeCommit(19).bssid(AP).source(AP).destination(client).status(status).build();
    }

    static byte[] confirm(long from, long to) {
        return FrameBuilder.saeConfirm().bssid(AP).source(from).destination(to).build();
    }

    @Test
    void oneShotCommitsFromSpoofedClientsAtASteadyRateAreTimingProbes() {
        Air air = new Air();
        long base = MacAddress.parse("30:86:2d:c0:07:00");
        for (int i = 0; i < 40; i++) {
            long t = T0 + SEC + i * 290 * MS, c = base + i;
            if (i % 3 == 0) air.add(t, 13, -40, commitToAp(c, 100 + i)); // most probes are not heard, only the answers
            air.add(t + 2 * MS, 13, -55, commitFromAp(c, 76));
            air.add(t + 40 * MS, 13, -55, commitFromAp(c, 0));
        }
        Alert a = single(run(air), "sae_timing_probe");
        assertThat(a.bssid()).isEqualTo(MacAddress.format(AP));
        assertThat(a.reasons()).contains("SAE_COMMITS_WITHOUT_CONFIRM");
        assertThat(((Number) a.evidence().get("anti_clogging_requests")).longValue()).isPositive();
        assertThat(a.firstSeenNanos()).isLessThan(T0 + 5 * SEC);
    }

    @Test
    void realClientsConfirmingAndACommitFloodAreNotTimingProbes() {
        Air clients = new Air();
        for (int i = 0; i < 30; i++) {
            long t = T0 + SEC + i * 500 * MS, c = CLIENT + i;
            clients.add(t, 13, -50, commitToAp(c, i));
            clients.add(t + 3 * MS, 13, -50, commitFromAp(c, 0));
            clients.add(t + 6 * MS, 13, -50, confirm(c, AP));
            clients.add(t + 9 * MS, 13, -50, confirm(AP, c));
        }
        none(run(clients), "sae_timing_probe");
        Air flood = new Air();
        for (int i = 0; i < 500; i++) flood.add(T0 + SEC + i * 10 * MS, 13, -40, commitToAp(ATTACKER + i, i));
        none(run(flood), "sae_timing_probe");
    }
}
