package io.sentinel.testkit;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.InfoElements;
import io.sentinel.wifi.build.Rsn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Attacks written the way the public tools send them on the air. Times are capture nanoseconds. */
public final class Attacks {
    private Attacks() {}

    static final long MS = 1_000_000L, SEC = 1_000_000_000L;

    /** The attacker's radio (an Alfa-style OUI) and a victim client, as the scenarios use them. */
    public static final long ATTACKER = MacAddress.parse("00:c0:ca:95:1e:77");
    public static final long VICTIM = MacAddress.parse("8c:85:90:3a:12:4e");

    /**
     * aireplay-ng --deauth N: each round is 64 deauthentications with reason 7; against a client,
     * 64 spoofed from the AP to the client and 64 spoofed from the client to the AP, interleaved.
     * Against no client, 64 from the AP to broadcast. Rounds follow each other about once a second.
     */
    public static void aireplayDeauth(Air air, long t, AccessPoint ap, long client, int rounds, int attackerSignal) {
        for (int round = 0; round < rounds; round++) {
            long rt = t + round * SEC;
            for (int i = 0; i < 64; i++) {
                long ft = rt + i * 8 * MS;
                if (client == MacAddress.BROADCAST) {
                    air.add(ft, ap.channel(), attackerSignal, FrameBuilder.deauth().ap(ap.bssid()).destination(MacAddress.BROADCAST)
                            .reason(7).seq(air.nextSeq(ap.bssid())).build());
                } else {
                    air.add(ft, ap.channel(), attackerSignal, FrameBuilder.deauth().ap(ap.bssid()).destination(client)
                            .reason(7).seq(air.nextSeq(ap.bssid())).build());
                    air.add(ft + 2 * MS, ap.channel(), attackerSignal, FrameBuilder.deauth().bssid(ap.bssid()).source(client)
                            .destination(ap.bssid()).reason(7).seq(air.nextSeq(client)).build());
                }
            }
        }
    }

    /** mdk4 d-style disassociation: the AP spoofed, disassociating a client with reason 8, many frames a second. */
    public static void disassocFlood(Air air, long t, long duration, AccessPoint ap, long client, int attackerSignal) {
        for (long ft = t; ft < t + duration; ft += 20 * MS) {
            air.add(ft, ap.channel(), attackerSignal, FrameBuilder.disassoc().ap(ap.bssid()).destination(client)
                    .reason(8).seq(air.nextSeq(ap.bssid())).build());
        }
    }

    /** mdk4 b: beacons for random SSIDs from random BSSIDs, ~{@code perSecond} a second, each BSSID once. */
    public static void mdk4BeaconFlood(Air air, long t, long duration, int channel, int perSecond, Random r) {
        long step = SEC / perSecond;
        for (long ft = t; ft < t + duration; ft += step) {
            long bssid = Station.randomMac(r, r.nextBoolean());
            AccessPoint fake = new AccessPoint(bssid, randomSsid(r), channel, -40 - r.nextInt(10),
                    r.nextBoolean() ? Rsn.wpa2Psk() : null, false, ft - r.nextInt(1000) * SEC);
            air.add(ft, channel, fake.signalDbm(), fake.beacon(ft, r.nextInt(4096)));
        }
    }

    static String randomSsid(Random r) {
        int n = 6 + r.nextInt(14);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }

    /** mdk4 a: open-system authentication requests from random MACs to one AP, which answers each. */
    public static void mdk4AuthFlood(Air air, long t, long duration, AccessPoint ap, int perSecond, Random r) {
        long step = SEC / perSecond;
        for (long ft = t; ft < t + duration; ft += step) {
            long mac = Station.randomMac(r, r.nextBoolean());
            air.add(ft, ap.channel(), -45, FrameBuilder.auth().bssid(ap.bssid()).source(mac).destination(ap.bssid())
                    .authAlgorithm(0).authSeq(1).seq(r.nextInt(4096)).build());
            air.add(ft + MS, ap.channel(), ap.signalDbm(), FrameBuilder.auth().ap(ap.bssid()).destination(mac)
                    .authAlgorithm(0).authSeq(2).seq(air.nextSeq(ap.bssid())).build());
        }
    }

    /** Association flood: association requests from random MACs to one AP. */
    public static void assocFlood(Air air, long t, long duration, AccessPoint ap, int perSecond, Random r) {
        long step = SEC / perSecond;
        for (long ft = t; ft < t + duration; ft += step) {
            long mac = Station.randomMac(r, false);
            air.add(ft, ap.channel(), -45, FrameBuilder.assocRequest().bssid(ap.bssid()).source(mac).destination(ap.bssid())
                    .seq(r.nextInt(4096)).ssid(ap.ssid()).rates().rsn(Rsn.wpa2Psk()).build());
        }
    }

    /** A scanner / mdk4 p: one transmitter probing a word list of SSIDs quickly. */
    public static void probeScanner(Air air, long t, long scanner, int channel, int ssids, Random r) {
        for (int i = 0; i < ssids; i++) {
            air.add(t + i * 30 * MS, channel, -50, FrameBuilder.probeRequest().source(scanner).seq(air.nextSeq(scanner))
                    .ssid("net-" + randomSsid(r)).rates().build());
        }
    }

    /** dragondrain-style SAE commit flood: commits (group 19) from spoofed MACs to a WPA3 AP. */
    public static void saeCommitFlood(Air air, long t, long duration, AccessPoint ap, int perSecond, Random r) {
        long step = SEC / perSecond;
        for (long ft = t; ft < t + duration; ft += step) {
            long mac = Station.randomMac(r, true);
            air.add(ft, ap.channel(), -42, FrameBuilder.saeCommit(19).bssid(ap.bssid()).source(mac).destination(ap.bssid())
                    .seq(r.nextInt(4096)).build());
        }
    }

    /**
     * hcxdumptool against many APs: from one MAC, authenticate and associate to each AP, receive
     * EAPOL message 1 with the PMKID, and never send message 2.
     */
    public static void hcxdumptoolManyAps(Air air, long t, long attacker, List<AccessPoint> aps) {
        for (AccessPoint ap : aps) {
            long ft = t;
            int ch = ap.channel();
            air.add(ft, ch, -40, FrameBuilder.auth().bssid(ap.bssid()).source(attacker).destination(ap.bssid())
                    .authAlgorithm(0).authSeq(1).seq(air.nextSeq(attacker)).build());
            air.add(ft + 2 * MS, ch, ap.signalDbm(), FrameBuilder.auth().ap(ap.bssid()).destination(attacker)
                    .authAlgorithm(0).authSeq(2).seq(air.nextSeq(ap.bssid())).build());
            air.add(ft + 4 * MS, ch, -40, FrameBuilder.assocRequest().bssid(ap.bssid()).source(attacker).destination(ap.bssid())
                    .seq(air.nextSeq(attacker)).ssid(ap.ssid()).rates().rsn(Rsn.wpa2Psk()).build());
            air.add(ft + 6 * MS, ch, ap.signalDbm(), FrameBuilder.assocResponse().ap(ap.bssid()).destination(attacker)
                    .seq(air.nextSeq(ap.bssid())).status(0).rates().build());
            air.add(ft + 9 * MS, ch, ap.signalDbm(), FrameBuilder.eapolFromAp(ap.bssid(), attacker,
                    EapolKeyBuilder.message(1).replayCounter(1).pmkid(Station.pmkid(ap.bssid(), attacker)))
                    .seq(air.nextSeq(ap.bssid())).build());
            t += 700 * MS;
        }
    }

    /** hcxdumptool with a fresh random client MAC per attempt against one AP: M1 with PMKID, no M2. */
    public static void pmkidFreshClients(Air air, long t, AccessPoint ap, int attempts, Random r) {
        for (int i = 0; i < attempts; i++) {
            long mac = Station.randomMac(r, true);
            hcxdumptoolManyAps(air, t + i * 900 * MS, mac, List.of(ap));
        }
    }

    /**
     * airbase-ng -P (karma): answers every directed probe request with a probe response for the
     * probed SSID from its own BSSID, open security, and beacons the SSIDs it learnt.
     */
    public static void airbaseKarma(Air air, long t, long bssid, int channel, List<String> probed, Random r) {
        long ft = t;
        for (String ssid : probed) {
            long victim = Station.randomMac(r, true);
            air.add(ft, channel, -55, FrameBuilder.probeRequest().source(victim).seq(air.nextSeq(victim)).ssid(ssid).rates().build());
            AccessPoint fake = new AccessPoint(bssid, ssid, channel, -38, null, false, t - 60 * SEC);
            air.add(ft + 3 * MS, channel, -38, fake.probeResponse(ft + 3 * MS, air.nextSeq(bssid), victim));
            air.add(ft + 50 * MS, channel, -38, fake.beacon(ft + 50 * MS, air.nextSeq(bssid)));
            ft += 800 * MS;
        }
    }

    /**
     * An evil twin of {@code legit}: same SSID, open security, another channel, much stronger
     * signal, the attacker card's own BSSID, beaconing every 102.4 ms for {@code duration}.
     */
    public static AccessPoint evilTwin(Air air, long t, long duration, AccessPoint legit, long twinBssid, int channel) {
        AccessPoint twin = new AccessPoint(twinBssid, legit.ssid(), channel, -30, null, false, t);
        twin.beaconFor(air, t, t + duration);
        return twin;
    }

    /**
     * KRACK-style replay: a complete 4-way handshake, then message 3 with the already used replay
     * counter forwarded to the client again (not MAC retries: new sequence numbers, no retry bit).
     */
    public static void krackReplay(Air air, long t, AccessPoint ap, long client, int replays) {
        long ft = Station.handshake(air, t, ap, client, -50, false, 1, false);
        for (int i = 0; i < replays; i++) {
            ft += 150 * MS;
            air.add(ft, ap.channel(), ap.signalDbm() + 10, FrameBuilder.eapolFromAp(ap.bssid(), client,
                    EapolKeyBuilder.message(3).replayCounter(2)).seq(air.nextSeq(ap.bssid())).build());
            air.add(ft + 3 * MS, ap.channel(), -50, FrameBuilder.eapolToAp(ap.bssid(), client,
                    EapolKeyBuilder.message(4).replayCounter(2)).seq(air.nextSeq(client)).build());
        }
    }

    /**
     * Channel switch announcements from a spoofed AP: beacons with the AP's BSSID, a CSA element
     * (mode 1, a fixed count) pointing at the attacker's channel, interleaved with the real AP's
     * ordinary beacons, which continue.
     */
    public static void csaSpoof(Air air, long t, long duration, AccessPoint ap, int newChannel) {
        for (long ft = t + 37 * MS; ft < t + duration; ft += 51 * MS) {
            byte[] beacon = ap.advertise(FrameBuilder.beacon(), ft, air.nextSeq(ap.bssid())).tim(0, 1)
                    .channelSwitch(1, newChannel, 3).build();
            air.add(ft, ap.channel(), ap.signalDbm() + 15, beacon);
        }
    }

    /** A pwnagotchi's pwngrid advertisement: beacons from de:ad:be:ef:de:ad with its JSON in element 222. */
    public static void pwnagotchi(Air air, long t, long duration, int channel) {
        long addr = 0xDEADBEEFDEADL;
        String json = "{\"name\":\"pwny\",\"face\":\"(^_^)\",\"identity\":\"" + "3f".repeat(32)
                + "\",\"pwnd_run\":3,\"pwnd_tot\":41,\"version\":\"1.5.5\",\"policy\":{\"advertise\":true}}";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        for (long ft = t; ft < t + duration; ft += SEC) {
            FrameBuilder b = FrameBuilder.beacon().ap(addr).seq(air.nextSeq(addr)).timestamp(0).ssid("").rates().channel(channel);
            for (int off = 0; off < payload.length; off += 255) {
                b.element(222, java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 255)));
            }
            air.add(ft, channel, -60, b.build());
        }
    }

    /** Beacons whose SSID element declares and carries 64 bytes (driver-exploit shape), a few per second. */
    public static void overlongSsid(Air air, long t, long bssid, int channel, int frames) {
        byte[] ssid = new byte[64];
        java.util.Arrays.fill(ssid, (byte) 'A');
        for (int i = 0; i < frames; i++) {
            air.add(t + i * 300 * MS, channel, -50, FrameBuilder.beacon().ap(bssid).seq(air.nextSeq(bssid))
                    .raw(InfoElements.ssid(ssid)).rates().channel(channel).build());
        }
    }

    /**
     * Spoofed beacons of a known AP (same BSSID and SSID) from another device: its own TSF and a
     * different beacon interval, interleaved with the real beacons.
     */
    public static void spoofedBeacons(Air air, long t, long duration, AccessPoint ap) {
        for (long ft = t + 41 * MS; ft < t + duration; ft += 205 * MS) {
            byte[] b = FrameBuilder.beacon().ap(ap.bssid()).seq(air.nextSeq(ap.bssid())).timestamp((ft - t) / 1000 + 5000)
                    .beaconInterval(200).ssid(ap.ssid()).rates().channel(ap.channel()).rsn(Rsn.wpa2Psk()).build();
            air.add(ft, ap.channel(), ap.signalDbm() + 20, b);
        }
    }

    /** The same BSSID later beaconing weaker security (here WPA3-SAE to WPA2-PSK, PMF dropped). */
    public static void downgrade(Air air, long t, long duration, AccessPoint wpa3Ap) {
        AccessPoint weaker = wpa3Ap.withSecurity(Rsn.wpa2Psk());
        weaker.beaconFor(air, t, t + duration);
    }

    /** aireplay-ng -3 ARP replay on a WEP network: the same captured ARP request (same IV) injected again and again. */
    public static void wepArpReplay(Air air, long t, long duration, AccessPoint wepAp, long client, Random r) {
        int iv = 0x4A21F0;
        for (long ft = t; ft < t + duration; ft += 5 * MS) {
            air.add(ft, wepAp.channel(), -45, FrameBuilder.data().toDs().bssid(wepAp.bssid()).source(client)
                    .destination(MacAddress.BROADCAST).seq(air.nextSeq(client)).wep(iv, 0).ciphertext(36).build());
            // the AP relays each request with a fresh IV
            air.add(ft + MS, wepAp.channel(), wepAp.signalDbm(), FrameBuilder.data().fromDs().bssid(wepAp.bssid())
                    .source(client).destination(MacAddress.BROADCAST).seq(air.nextSeq(wepAp.bssid()))
                    .wep(r.nextInt(1 << 24), 0).ciphertext(36).build());
        }
    }

    /**
     * A jammer on a channel: for {@code duration}, 80% of the channel's frames arrive with a bad FCS,
     * and the stations' retransmissions add more corrupted frames. Call after the background traffic is scripted.
     */
    public static void jam(Air air, long t, long duration, AccessPoint ap, long client, Random r) {
        air.corrupt(ap.channel(), t, t + duration, 0.8, r);
        for (long ft = t; ft < t + duration; ft += 20 * MS) {
            byte[] f = FrameBuilder.qosData().toDs().bssid(ap.bssid()).source(client).destination(Station.GATEWAY)
                    .seq(air.nextSeq(client)).ccmp(ft, 0).ciphertext(60).badFcs().build();
            air.addCorrupted(ft, ap.channel(), -80, f);
        }
    }
}
