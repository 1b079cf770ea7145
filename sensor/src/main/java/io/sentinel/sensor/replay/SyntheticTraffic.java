package io.sentinel.sensor.replay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Builds 802.11 frames with a radiotap header (channel and antenna signal) and classic pcap
 * files of them: the input of benchmarks, labs and tests when no real capture is at hand.
 * The frames are well-formed as IEEE 802.11-2020 lays them out (beacon and probe response
 * fixed fields, SSID / rates / DS parameter / RSN elements, data frames with ToDS set,
 * deauthentication with a reason code).
 */
public final class SyntheticTraffic {

    /** Link type of radiotap-prefixed 802.11. */
    public static final int LINKTYPE_RADIOTAP = 127;

    private SyntheticTraffic() {}

    /** Radiotap header with the Channel (frequency, flags) and dBm Antenna Signal fields. */
    public static byte[] radiotap(int freqMhz, int signalDbm) {
        ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 0).putShort((short) 13).putInt((1 << 3) | (1 << 5));
        b.putShort((short) freqMhz).putShort((short) (freqMhz < 3000 ? 0x00A0 : 0x0140)).put((byte) signalDbm);
        return b.array();
    }

    public static int frequencyOf(int channel) {
        if (channel == 14) return 2484;
        if (channel < 14) return 2407 + 5 * channel;
        return 5000 + 5 * channel;
    }

    private static void mac(ByteBuffer b, long mac) {
        for (int i = 0; i < 6; i++) b.put((byte) (mac >>> (40 - 8 * i)));
    }

    private static void header(ByteBuffer b, int fc0, int fc1, long a1, long a2, long a3, int seq) {
        b.put((byte) fc0).put((byte) fc1).putShort((short) 0);
        mac(b, a1);
        mac(b, a2);
        mac(b, a3);
        b.putShort((short) ((seq & 0xFFF) << 4));
    }

    private static void ssid(ByteBuffer b, String ssid) {
        byte[] s = ssid.getBytes(StandardCharsets.UTF_8);
        b.put((byte) 0).put((byte) s.length).put(s);
    }

    private static void rates(ByteBuffer b) {
        b.put((byte) 1).put((byte) 8).put(new byte[] {(byte) 0x82, (byte) 0x84, (byte) 0x8b, (byte) 0x96, 0x0c, 0x12, 0x18, 0x24});
    }

    private static final byte[] RSN_WPA2_PSK = {
        1, 0, 0x00, 0x0f, (byte) 0xac, 4, 1, 0, 0x00, 0x0f, (byte) 0xac, 4, 1, 0, 0x00, 0x0f, (byte) 0xac, 2, 0, 0};

    private static byte[] beaconLike(int subtypeByte, long dst, long bssid, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        ByteBuffer b = ByteBuffer.allocate(160).order(ByteOrder.LITTLE_ENDIAN);
        header(b, subtypeByte, 0, dst, bssid, bssid, seq);
        b.putLong(tsf).putShort((short) 100).putShort((short) (wpa2 ? 0x0411 : 0x0401));
        ssid(b, ssid);
        rates(b);
        b.put((byte) 3).put((byte) 1).put((byte) channel);
        if (wpa2) b.put((byte) 48).put((byte) RSN_WPA2_PSK.length).put(RSN_WPA2_PSK);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** A beacon of {@code bssid} announcing {@code ssid} on {@code channel}, WPA2-PSK or open. */
    public static byte[] beacon(long bssid, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        return beaconLike(0x80, 0xFFFF_FFFF_FFFFL, bssid, ssid, channel, wpa2, seq, tsf);
    }

    /** A probe response from {@code bssid} to {@code client}. */
    public static byte[] probeResponse(long bssid, long client, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        return beaconLike(0x50, client, bssid, ssid, channel, wpa2, seq, tsf);
    }

    /** A broadcast probe request from {@code client}, directed at {@code ssid} (empty for wildcard). */
    public static byte[] probeRequest(long client, String ssid, int seq) {
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        header(b, 0x40, 0, 0xFFFF_FFFF_FFFFL, client, 0xFFFF_FFFF_FFFFL, seq);
        ssid(b, ssid);
        rates(b);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** A protected data frame from {@code client} to its AP (ToDS). */
    public static byte[] dataToAp(long client, long bssid, long dst, int seq, int payload) {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + payload).order(ByteOrder.LITTLE_ENDIAN);
        header(b, 0x08, 0x41, bssid, client, dst, seq);
        b.put(new byte[] {1, 0, 0, 0x20, 0, 0, 0, 0}); // CCMP header: PN 1, key id 0, ExtIV
        return b.array();
    }

    /** A deauthentication frame. */
    public static byte[] deauth(long from, long to, long bssid, int reason, int seq) {
        ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
        header(b, 0xC0, 0, to, from, bssid, seq);
        b.putShort((short) reason);
        return b.array();
    }

    /** Concatenates a radiotap header and a frame. */
    public static byte[] withRadiotap(int channel, int signalDbm, byte[] frame) {
        byte[] rt = radiotap(frequencyOf(channel), signalDbm);
        byte[] out = new byte[rt.length + frame.length];
        System.arraycopy(rt, 0, out, 0, rt.length);
        System.arraycopy(frame, 0, out, rt.length, frame.length);
        return out;
    }

    /** Writes classic pcap (microsecond timestamps, little-endian). */
    public static final class PcapBuilder {
        private final java.io.OutputStream out;
        private final ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        private int records;

        public PcapBuilder(int linkType) {
            this(linkType, new ByteArrayOutputStream());
        }

        /** Streams the capture to {@code out} (e.g. a file) instead of keeping it in memory. */
        public PcapBuilder(int linkType, java.io.OutputStream out) {
            this.out = out;
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
            write(h.array());
        }

        private void write(byte[] b) {
            try {
                out.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public PcapBuilder add(long timestampNanos, byte[] packet) {
            rec.clear();
            rec.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L / 1000))
                    .putInt(packet.length).putInt(packet.length);
            write(rec.array());
            write(packet);
            records++;
            return this;
        }

        public int records() { return records; }

        /** The capture so far (only for a builder writing to memory). */
        public byte[] toByteArray() { return ((ByteArrayOutputStream) out).toByteArray(); }
    }

    /**
     * A mixed capture: {@code aps} access points beaconing on channels 1/6/11/36/44, {@code clients}
     * stations probing and sending data, one frame every {@code 1/ratePerSecond} s, and from the
     * middle on a burst of broadcast deauthentications spoofed from the first AP (a deauth flood).
     * Deterministic for a given seed.
     */
    public static byte[] mixedCapture(int frames, long startNanos, int ratePerSecond, int aps, int clients, long seed) {
        PcapBuilder p = new PcapBuilder(LINKTYPE_RADIOTAP);
        mixedCapture(p, frames, startNanos, ratePerSecond, aps, clients, seed);
        return p.toByteArray();
    }

    /** {@link #mixedCapture(int, long, int, int, int, long)} written into a builder (e.g. streaming to a file). */
    public static void mixedCapture(PcapBuilder p, int frames, long startNanos, int ratePerSecond, int aps, int clients, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] channels = {1, 6, 11, 36, 44};
        long step = 1_000_000_000L / ratePerSecond;
        int burstStart = frames / 2, burstLength = Math.min(400, frames / 10);
        for (int i = 0; i < frames; i++) {
            long ts = startNanos + i * step;
            int ap = r.nextInt(aps);
            long bssid = 0x0012_3400_0000L + ap;
            int ch = channels[ap % channels.length];
            int seq = i & 0xFFF;
            byte[] f;
            if (i >= burstStart && i < burstStart + burstLength && (i & 1) == 0) {
                f = deauth(0x0012_3400_0000L, 0xFFFF_FFFF_FFFFL, 0x0012_3400_0000L, 7, seq);
                ch = channels[0];
            } else {
                int kind = r.nextInt(100);
                long client = 0x00AA_BB00_0000L + r.nextInt(clients);
                if (kind < 55) f = beacon(bssid, "net-" + ap, ch, ap % 4 != 3, seq, ts / 1000);
                else if (kind < 70) f = probeRequest(client, r.nextBoolean() ? "" : "net-" + r.nextInt(aps), seq);
                else if (kind < 75) f = probeResponse(bssid, client, "net-" + ap, ch, ap % 4 != 3, seq, ts / 1000);
                else f = dataToAp(client, bssid, 0x0001_0203_0405L, seq, 40 + r.nextInt(200));
            }
            p.add(ts, withRadiotap(ch, -30 - r.nextInt(60), f));
        }
    }
}
