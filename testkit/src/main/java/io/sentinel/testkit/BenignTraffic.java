package io.sentinel.testkit;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.Rsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ordinary air: an office ESS of three APs (same vendor, channels 1/6/11, WPA2-PSK with PMKIDs
 * in message 1), a guest network, neighbours (WPA2/WPA3 transition, an open café network, a
 * printer), clients that scan, join, exchange data with MAC retries, roam between APs, retry a
 * lost message 3 the way hostapd does, and leave with a single deauthentication.
 */
public final class BenignTraffic {
    private BenignTraffic() {}

    public static final long OFFICE_1 = MacAddress.parse("00:1a:1e:10:00:01");
    public static final long OFFICE_2 = MacAddress.parse("00:1a:1e:10:00:02");
    public static final long OFFICE_3 = MacAddress.parse("00:1a:1e:10:00:03");

    /** The networks of the office profile. */
    public static List<AccessPoint> officeAps(long start) {
        return List.of(
                AccessPoint.wpa2(OFFICE_1, "Office", 1, -52).bootedAt(start - 86_400_000_000_000L),
                AccessPoint.wpa2(OFFICE_2, "Office", 6, -61).bootedAt(start - 90_000_000_000_000L),
                AccessPoint.wpa2(OFFICE_3, "Office", 11, -68).bootedAt(start - 70_000_000_000_000L),
                new AccessPoint(MacAddress.parse("02:1a:1e:10:00:01"), "Office-Guest", 1, -52, null, false, start - 86_400_000_000_000L),
                new AccessPoint(MacAddress.parse("3c:37:86:22:41:90"), "Neighbour", 6, -74, Rsn.transition(), false, start - 5_000_000_000_000L),
                new AccessPoint(MacAddress.parse("f0:9f:c2:0a:bb:01"), "CafeFree", 11, -79, null, false, start - 7_000_000_000_000L),
                new AccessPoint(MacAddress.parse("a4:5d:36:77:10:20"), "DIRECT-Printer", 6, -71, Rsn.wpa2Psk(), false, start - 3_000_000_000_000L));
    }

    /** Office traffic with {@code clients} devices over {@code duration} from {@code start}. */
    public static List<AccessPoint> office(Air air, long start, long duration, int clients, Random r) {
        return office(air, start, start, duration, clients, r);
    }

    /** The same, for one slice of a longer capture whose APs booted relative to {@code epoch}. */
    public static List<AccessPoint> office(Air air, long epoch, long start, long duration, int clients, Random r) {
        List<AccessPoint> aps = officeAps(epoch);
        for (AccessPoint ap : aps) ap.beaconFor(air, start, start + duration);
        List<AccessPoint> ess = aps.subList(0, 3);
        long sec = 1_000_000_000L;
        for (int i = 0; i < clients; i++) {
            boolean phone = i % 2 == 0;
            long client = Station.randomMac(r, phone);
            AccessPoint home = ess.get(i % 3);
            int sig = -45 - r.nextInt(30);
            long t = start + (long) (r.nextDouble() * Math.min(duration / 3, 15 * sec));
            t = Station.scan(air, t, client, home.channel(), sig, aps, "Office", phone ? "HomeNet" : "Office-Guest");
            t += 20 * Station.MS;
            boolean lostM3 = i == 2;
            if (lostM3) {
                t = Station.join(air, t, home.open(), client, sig, false, false, 0); // auth + assoc only
                t = Station.handshake(air, t, home, client, sig, true, 1, true);
            } else {
                t = Station.join(air, t, home, client, sig, false, true, 1);
            }
            long end = start + duration;
            boolean roams = i == 1 && duration > 30 * sec;
            boolean leaves = i == 3 && duration > 45 * sec;
            long dataEnd = roams ? start + duration / 2 : leaves ? start + duration - 10 * sec : end;
            Station.traffic(air, t, Math.max(0, dataEnd - t), home, client, sig, 8 + r.nextInt(12), r);
            // periodic background scans, as phones do
            for (long s = t + 20 * sec + r.nextInt(5) * sec; s < dataEnd; s += 30 * sec) {
                Station.scan(air, s, client, home.channel(), sig, aps, "Office");
            }
            if (roams) {
                AccessPoint next = ess.get((i + 1) % 3);
                long rt = dataEnd + 50 * Station.MS;
                rt = Station.join(air, rt, next, client, sig - 5, true, true, 1);
                Station.traffic(air, rt, end - rt, next, client, sig - 5, 10, r);
            }
            if (leaves) Station.leave(air, dataEnd + 10 * Station.MS, home, client, sig);
        }
        return aps;
    }

    /** A busy café: the open network is the main one, many phones with randomised MACs come and go. */
    public static List<AccessPoint> cafe(Air air, long start, long duration, int clients, Random r) {
        long sec = 1_000_000_000L;
        AccessPoint cafe = new AccessPoint(MacAddress.parse("f0:9f:c2:0a:bb:01"), "CafeFree", 6, -48, null, false, start - 7_000_000_000_000L);
        AccessPoint staff = AccessPoint.wpa2(MacAddress.parse("f0:9f:c2:0a:bb:02"), "Cafe-Staff", 6, -49).bootedAt(start - 7_000_000_000_000L);
        List<AccessPoint> aps = new ArrayList<>(List.of(cafe, staff));
        String[] neighbours = {"Bakery", "Flat-3B", "Vodafone-7781", "FRITZ!Box 7590 QX", "eduroam", "Telekom_FON"};
        for (int i = 0; i < neighbours.length; i++) {
            long b = 0x00_24_A5_00_00_00L | (0x100L * (i + 1)) | i;
            Rsn rsn = neighbours[i].equals("Telekom_FON") ? null : neighbours[i].equals("eduroam") ? Rsn.wpa2Eap() : Rsn.wpa2Psk();
            aps.add(new AccessPoint(b, neighbours[i], new int[] {1, 6, 11}[i % 3], -70 - i * 2, rsn, false, start - (i + 1) * 1_000_000_000_000L));
        }
        for (AccessPoint ap : aps) ap.beaconFor(air, start, start + duration);
        for (int i = 0; i < clients; i++) {
            long client = Station.randomMac(r, true);
            int sig = -40 - r.nextInt(35);
            long t = start + (long) (r.nextDouble() * duration * 0.6);
            t = Station.scan(air, t, client, 6, sig, aps, i % 4 == 0 ? new String[] {"CafeFree", "HomeNet"} : new String[] {});
            t = Station.join(air, t + 10 * Station.MS, i % 7 == 0 ? staff : cafe, client, sig, false, true, 1);
            long stay = Math.min(start + duration - t, (long) ((5 + r.nextInt(40)) * sec));
            Station.traffic(air, t, stay, i % 7 == 0 ? staff : cafe, client, sig, 5 + r.nextInt(10), r);
            if (r.nextBoolean() && t + stay + sec < start + duration) Station.leave(air, t + stay, i % 7 == 0 ? staff : cafe, client, sig);
        }
        return aps;
    }
}
