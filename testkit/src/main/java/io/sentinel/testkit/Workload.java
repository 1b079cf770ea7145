package io.sentinel.testkit;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.capture.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A long capture for benchmarks: office traffic minute after minute (APs beaconing, clients
 * joining, data with retries, scans), with an attack every few minutes (deauthentication burst,
 * beacon flood, PMKID harvest), written minute by minute so memory stays small.
 */
public final class Workload {
    private Workload() {}

    static final long MIN = 60_000_000_000L;

    /** Writes about {@code frames} records; returns how many were written. */
    public static long write(OutputStream out, long frames, long seed) throws IOException {
        PcapWriter w = PcapWriter.create(out, FrameDecoder.LINKTYPE_IEEE802_11_RADIOTAP);
        Random r = new Random(seed);
        long start = Air.START, written = 0;
        for (int minute = 0; written < frames; minute++) {
            long t = start + minute * MIN;
            Air air = new Air();
            List<AccessPoint> aps = BenignTraffic.office(air, start, t, MIN, 10, r);
            switch (minute % 10) {
                case 3 -> Attacks.aireplayDeauth(air, t + 10 * Attacks.SEC, aps.get(0), MacAddress.BROADCAST, 3, -35);
                case 6 -> Attacks.mdk4BeaconFlood(air, t + 20 * Attacks.SEC, 5 * Attacks.SEC, 6, 50, r);
                case 8 -> Attacks.hcxdumptoolManyAps(air, t + 30 * Attacks.SEC, Station.randomMac(r, false), aps.subList(0, 3));
                default -> { }
            }
            for (Air.Transmission tx : air.sorted()) {
                if (written >= frames) break;
                w.write(tx.timeNanos(), Air.radiotapRecord(tx));
                written++;
            }
        }
        w.flush();
        return written;
    }

    public static long write(Path file, long frames) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            return write(o, frames, 1);
        }
    }
}
