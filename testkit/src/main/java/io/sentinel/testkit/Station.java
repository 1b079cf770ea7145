package io.sentinel.testkit;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import java.util.Random;

/** What ordinary client devices send: scans, joins with the 4-way handshake, data, roaming and leaving. */
public final class Station {
    private Station() {}

    static final long MS = 1_000_000L;
    static final long GATEWAY = 0x00_50_56_C0_00_01L;

    /** A random unicast MAC; {@code local} sets the locally administered bit like a randomising phone. */
    public static long randomMac(Random r, boolean local) {
        long m = r.nextLong() & 0xFFFF_FFFF_FFFFL;
        m &= ~(1L << 40); // unicast
        if (local) m |= 1L << 41; else m &= ~(1L << 41);
        return m;
    }

    /** A scan: a wildcard probe request, the APs on that channel answer, plus directed probes for saved SSIDs. */
    public static long scan(Air air, long t, long client, int channel, int signal, java.util.List<AccessPoint> aps, String... saved) {
        air.add(t, channel, signal, FrameBuilder.probeRequest().source(client).seq(air.nextSeq(client)).ssid("").rates().build());
        t += 2 * MS;
        for (AccessPoint ap : aps) {
            if (ap.channel() != channel) continue;
            air.add(t, channel, ap.signalDbm(), ap.probeResponse(t, air.nextSeq(ap.bssid()), client));
            t += MS;
        }
        for (String s : saved) {
            air.add(t, channel, signal, FrameBuilder.probeRequest().source(client).seq(air.nextSeq(client)).ssid(s).rates().build());
            t += 3 * MS;
        }
        return t;
    }

    /** Open-system authentication, (re)association and the 4-way handshake; returns the time after M4. */
    public static long join(Air air, long t, AccessPoint ap, long client, int signal, boolean reassoc, boolean pmkidInM1, long replayBase) {
        int ch = ap.channel();
        air.add(t, ch, signal, FrameBuilder.auth().bssid(ap.bssid()).source(client).destination(ap.bssid())
                .authAlgorithm(0).authSeq(1).seq(air.nextSeq(client)).build());
        t += 2 * MS;
        air.add(t, ch, ap.signalDbm(), FrameBuilder.auth().ap(ap.bssid()).destination(client)
                .authAlgorithm(0).authSeq(2).seq(air.nextSeq(ap.bssid())).build());
        t += 2 * MS;
        FrameBuilder req = (reassoc ? FrameBuilder.reassocRequest() : FrameBuilder.assocRequest())
                .bssid(ap.bssid()).source(client).destination(ap.bssid()).seq(air.nextSeq(client)).ssid(ap.ssid()).rates();
        if (ap.rsn() != null) req.rsn(Rsn.wpa2Psk());
        air.add(t, ch, signal, req.build());
        t += 2 * MS;
        air.add(t, ch, ap.signalDbm(), (reassoc ? FrameBuilder.reassocResponse() : FrameBuilder.assocResponse())
                .ap(ap.bssid()).destination(client).seq(air.nextSeq(ap.bssid())).status(0).rates().build());
        t += 3 * MS;
        if (ap.rsn() == null) return t;
        return handshake(air, t, ap, client, signal, pmkidInM1, replayBase, false);
    }

    /**
     * The 4-way handshake. {@code lostFirstM3}: the first M3 is retried at the MAC layer (retry bit,
     * same sequence number), is then lost, and the AP sends a new M3 with the next replay counter,
     * as hostapd does.
     */
    public static long handshake(Air air, long t, AccessPoint ap, long client, int signal, boolean pmkidInM1, long base, boolean lostFirstM3) {
        int ch = ap.channel();
        EapolKeyBuilder m1 = EapolKeyBuilder.message(1).replayCounter(base);
        if (pmkidInM1) m1.pmkid(pmkid(ap.bssid(), client));
        air.add(t, ch, ap.signalDbm(), FrameBuilder.eapolFromAp(ap.bssid(), client, m1).seq(air.nextSeq(ap.bssid())).build());
        t += 4 * MS;
        air.add(t, ch, signal, FrameBuilder.eapolToAp(ap.bssid(), client, EapolKeyBuilder.message(2).replayCounter(base))
                .seq(air.nextSeq(client)).build());
        t += 3 * MS;
        long counter = base + 1;
        int m3seq = air.nextSeq(ap.bssid());
        air.add(t, ch, ap.signalDbm(), FrameBuilder.eapolFromAp(ap.bssid(), client, EapolKeyBuilder.message(3).replayCounter(counter))
                .seq(m3seq).build());
        if (lostFirstM3) {
            t += 2 * MS;
            air.add(t, ch, ap.signalDbm(), FrameBuilder.eapolFromAp(ap.bssid(), client, EapolKeyBuilder.message(3).replayCounter(counter))
                    .seq(m3seq).retry().build());
            t += 1000 * MS;
            counter++;
            air.add(t, ch, ap.signalDbm(), FrameBuilder.eapolFromAp(ap.bssid(), client, EapolKeyBuilder.message(3).replayCounter(counter))
                    .seq(air.nextSeq(ap.bssid())).build());
        }
        t += 3 * MS;
        air.add(t, ch, signal, FrameBuilder.eapolToAp(ap.bssid(), client, EapolKeyBuilder.message(4).replayCounter(counter))
                .seq(air.nextSeq(client)).build());
        return t + 2 * MS;
    }

    static byte[] pmkid(long bssid, long client) {
        byte[] p = new byte[16];
        long x = bssid * 31 + client;
        for (int i = 0; i < 16; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            p[i] = (byte) (x >>> 56);
        }
        p[0] |= 1; // never all zeros
        return p;
    }

    /** Encrypted data both ways for {@code duration}, ~{@code perSecond} frames/s, with ordinary MAC retries. */
    public static void traffic(Air air, long from, long duration, AccessPoint ap, long client, int signal, int perSecond, Random r) {
        long step = 1_000_000_000L / Math.max(1, perSecond);
        long pnUp = 1, pnDown = 1;
        for (long t = from; t < from + duration; t += step / 2 + (long) (r.nextDouble() * step)) {
            boolean up = r.nextBoolean();
            int seq = air.nextSeq(up ? client : ap.bssid());
            FrameBuilder b = FrameBuilder.qosData().seq(seq).qos(0);
            if (up) b.toDs().bssid(ap.bssid()).source(client).destination(GATEWAY);
            else b.fromDs().bssid(ap.bssid()).source(GATEWAY).destination(client);
            if (ap.rsn() != null) b.ccmp(up ? pnUp++ : pnDown++, 0).ciphertext(40 + r.nextInt(400));
            else b.llcSnap(0x0800, new byte[40]);
            byte[] f = b.build();
            int sig = up ? signal : ap.signalDbm();
            air.add(t, ap.channel(), sig, f);
            if (r.nextInt(10) == 0) { // an ordinary retransmission: retry bit, same sequence number
                b.retry();
                air.add(t + MS / 2, ap.channel(), sig, b.build());
            }
        }
    }

    /** A client leaving: one deauthentication with reason 3 (station leaving), retried once at the MAC layer. */
    public static void leave(Air air, long t, AccessPoint ap, long client, int signal) {
        int seq = air.nextSeq(client);
        FrameBuilder b = FrameBuilder.deauth().bssid(ap.bssid()).source(client).destination(ap.bssid()).reason(3).seq(seq);
        air.add(t, ap.channel(), signal, b.build());
        air.add(t + MS, ap.channel(), signal, b.retry().build());
    }

    static String mac(long m) { return MacAddress.format(m); }
}
