package io.sentinel.testkit;

import io.sentinel.wifi.MacAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The capture {@code sentinel up} replays: about 60 s of office traffic with a few attacks
 * mixed in (a deauthentication flood, an evil twin, a beacon flood, PMKID harvesting, a
 * pwnagotchi). Deterministic: the same bytes every time.
 */
public final class SampleCapture {
    private SampleCapture() {}

    static final long SEC = 1_000_000_000L;

    public static Air air(long start) {
        Random r = new Random(20260115L);
        Air air = new Air();
        var aps = BenignTraffic.office(air, start, 60 * SEC, 8, r);
        Attacks.aireplayDeauth(air, start + 12 * SEC, aps.get(0), MacAddress.BROADCAST, 4, -35);
        Attacks.evilTwin(air, start + 18 * SEC, 30 * SEC, aps.get(0), Attacks.ATTACKER, 3);
        Attacks.mdk4BeaconFlood(air, start + 35 * SEC, 6 * SEC, 6, 50, r);
        Attacks.hcxdumptoolManyAps(air, start + 44 * SEC, MacAddress.parse("00:c0:ca:95:1e:78"), aps.subList(0, 3));
        Attacks.pwnagotchi(air, start + 50 * SEC, 8 * SEC, 6);
        return air;
    }

    /** Writes the sample capture (radiotap pcap) starting at {@link Air#START}. */
    public static void write(Path path) throws IOException {
        air(Air.START).writePcap(path);
    }
}
