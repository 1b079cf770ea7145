package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;

/**
 * AVS capture header (link type 163, "AVS WLAN monitor header" version 1 or 2) decoder. All
 * fields are big-endian: version (0x8021100N), header length (64 for version 1), MAC time (8),
 * host time (8), PHY type, channel, data rate (100 kb/s units), antenna, priority, SSI type
 * (0 none, 1 normalised RSSI, 2 dBm, 3 raw RSSI), SSI signal, SSI noise, preamble, encoding.
 * No allocation.
 */
public final class AvsDecoder {
    private AvsDecoder() {}

    static final int VERSION_MASKED = 0x8021_1000;
    static final String SHORT = "AVS header shorter than 64 bytes";
    static final String BAD_VERSION = "unsupported AVS header version";
    static final String BAD_LENGTH = "AVS header length out of range";
    static final int SSI_DBM = 2;

    /** Like {@link RadiotapDecoder#decode}: returns the header length or -1 (with {@code out.fault()}). */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        if (len < 8) return fail(out, SHORT);
        int version = PrismDecoder.be32(seg, off);
        if ((version & 0xFFFF_F000) != VERSION_MASKED) return fail(out, BAD_VERSION);
        int hdrLen = PrismDecoder.be32(seg, off + 4);
        if (hdrLen < 64 || hdrLen > len || hdrLen > 1024) return fail(out, hdrLen > len ? BAD_LENGTH : len < 64 ? SHORT : BAD_LENGTH);
        out.present = true;
        out.headerLength = hdrLen;
        out.tsft = ((long) PrismDecoder.be32(seg, off + 8) << 32) | (PrismDecoder.be32(seg, off + 12) & 0xFFFF_FFFFL);
        int channel = PrismDecoder.be32(seg, off + 28);
        int f = Channels.guessFrequency(channel);
        if (f > 0) out.freqMhz = f;
        int rate100k = PrismDecoder.be32(seg, off + 32);
        if (rate100k > 0 && rate100k < 100_000) out.rate = Math.max(1, rate100k / 5);
        out.antenna = PrismDecoder.be32(seg, off + 36);
        if (PrismDecoder.be32(seg, off + 44) == SSI_DBM) {
            int s = PrismDecoder.be32(seg, off + 48), n = PrismDecoder.be32(seg, off + 52);
            if (s < 0 && s > -128) {
                out.hasSignal = true;
                out.signalDbm = s;
            }
            if (n < 0 && n > -128) {
                out.hasNoise = true;
                out.noiseDbm = n;
            }
        }
        return hdrLen;
    }

    private static int fail(MutableRadio out, String why) {
        out.fault = why;
        return -1;
    }
}
