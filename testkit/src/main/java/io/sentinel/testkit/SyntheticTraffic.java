package io.sentinel.testkit;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.Channels;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Synthetic radiotap-prefixed 802.11 traffic and classic pcap files of it: the input of
 * benchmarks, labs and tests when no real capture is at hand. The frames come from the wifi
 * module's builders ({@link FrameBuilder}, {@link RadiotapBuilder}, {@link PcapWriter}): beacons
 * and probe responses (SSID / rates / DS parameter / RSN elements), probe requests, CCMP data
 * frames with ToDS set, deauthentications with a reason code.
 */
public final class SyntheticTraffic {

    /** Link type of radiotap-prefixed 802.11. */
    public static final int LINKTYPE_RADIOTAP = FrameDecoder.LINKTYPE_IEEE802_11_RADIOTAP;

    private SyntheticTraffic() {}

    private static FrameBuilder beaconLike(FrameBuilder b, long bssid, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        b.ap(bssid).seq(seq).timestamp(tsf).ssid(ssid).rates().channel(channel);
        return wpa2 ? b.rsn(Rsn.wpa2Psk()) : b;
    }

    /** A beacon of {@code bssid} announcing {@code ssid} on {@code channel}, WPA2-PSK or open. */
    public static byte[] beacon(long bssid, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        return beaconLike(FrameBuilder.beacon(), bssid, ssid, channel, wpa2, seq, tsf).build();
    }

    /** A probe response from {@code bssid} to {@code client}. */
    public static byte[] probeResponse(long bssid, long client, String ssid, int channel, boolean wpa2, int seq, long tsf) {
        return beaconLike(FrameBuilder.probeResponse().destination(client), bssid, ssid, channel, wpa2, seq, tsf).build();
    }

    /** A broadcast probe request from {@code client}, directed at {@code ssid} (empty for wildcard). */
    public static byte[] probeRequest(long client, String ssid, int seq) {
        return FrameBuilder.probeRequest().source(client).seq(seq).ssid(ssid).rates().build();
    }

    /** A CCMP-protected data frame from {@code client} to its AP (ToDS), {@code payload} bytes after the CCMP header. */
    public static byte[] dataToAp(long client, long bssid, long dst, int seq, int payload) {
        return FrameBuilder.data().toDs().bssid(bssid).source(client).destination(dst).seq(seq)
                .ccmp(1, 0).ciphertext(payload - 8).build(); // ciphertext + the 8-byte MIC
    }

    /** A deauthentication frame. */
    public static byte[] deauth(long from, long to, long bssid, int reason, int seq) {
        return FrameBuilder.deauth().source(from).destination(to).bssid(bssid).reason(reason).seq(seq).build();
    }

    /** A radiotap header (Channel with the band's flags, dBm Antenna Signal) and a frame. */
    public static byte[] withRadiotap(int channel, int signalDbm, byte[] frame) {
        return new RadiotapBuilder().channel(Channels.guessFrequency(channel)).antennaSignal(signalDbm).wrap(frame);
    }

    /** Classic pcap (microsecond timestamps, little-endian) through {@link PcapWriter}, counting records. */
    public static final class PcapBuilder {
        private final ByteArrayOutputStream memory;
        private final PcapWriter writer;
        private int records;

        public PcapBuilder(int linkType) {
            this.memory = new ByteArrayOutputStream();
            this.writer = open(new BufferedOutputStream(memory, 1 << 16), linkType);
        }

        /**
         * Streams the capture to {@code out} (e.g. a file) instead of keeping it in memory; a
         * {@link BufferedOutputStream} is written directly (closing it flushes everything),
         * any other stream is buffered here until {@link #flush()}.
         */
        public PcapBuilder(int linkType, OutputStream out) {
            this.memory = null;
            this.writer = open(out, linkType);
        }

        private static PcapWriter open(OutputStream out, int linkType) {
            try {
                return PcapWriter.create(out, linkType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public PcapBuilder add(long timestampNanos, byte[] packet) {
            writer.writeUnchecked(timestampNanos, packet);
            records++;
            return this;
        }

        public int records() { return records; }

        public void flush() {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The capture so far (only for a builder writing to memory). */
        public byte[] toByteArray() {
            if (memory == null) throw new IllegalStateException("the capture streams to a caller's output");
            flush();
            return memory.toByteArray();
        }
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
