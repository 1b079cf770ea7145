package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;

/**
 * Prism monitor header (link type 119, the linux-wlan-ng / old madwifi "prism2" header) decoder.
 * Layout: message code (4), message length (4), device name (16), then ten items of 12 bytes
 * each (did 4, status 2, length 2, data 4): host time, MAC time, channel, RSSI, signal quality,
 * signal, noise, rate (500 kb/s units), is-tx, frame length. Fields are in the byte order of the
 * capturing host: the order is taken from the message length (144 in either order). An item is
 * used only when its status is 0 ("data ok"). Some drivers wrote an AVS header under link type
 * 119; that is recognised by its version word and handed to {@link AvsDecoder}. No allocation.
 */
public final class PrismDecoder {
    private PrismDecoder() {}

    static final String SHORT = "Prism header shorter than 24 bytes";
    static final String BAD_LENGTH = "Prism header length out of range";

    static final int ITEM_CHANNEL = 3, ITEM_SIGNAL = 6, ITEM_NOISE = 7, ITEM_RATE = 8, ITEM_MACTIME = 2;

    /** Like {@link RadiotapDecoder#decode}: returns the header length or -1 (with {@code out.fault()}). */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        if (len >= 8 && (be32(seg, off) & 0xFFFF_F000) == AvsDecoder.VERSION_MASKED) return AvsDecoder.decode(seg, off, len, out);
        if (len < 24) return fail(out, SHORT);
        int leLen = RadiotapDecoder.u32(seg, off + 4);
        int beLen = be32(seg, off + 4);
        boolean little;
        int msgLen;
        if (leLen >= 24 && leLen <= len && leLen <= 1024) {
            little = true;
            msgLen = leLen;
        } else if (beLen >= 24 && beLen <= len && beLen <= 1024) {
            little = false;
            msgLen = beLen;
        } else {
            return fail(out, BAD_LENGTH);
        }
        out.present = true;
        out.headerLength = msgLen;
        for (long p = off + 24; p + 12 <= off + msgLen; p += 12) {
            int did = little ? RadiotapDecoder.u32(seg, p) : be32(seg, p);
            int status = little ? RadiotapDecoder.u16(seg, p + 4) : be16(seg, p + 4);
            int data = little ? RadiotapDecoder.u32(seg, p + 8) : be32(seg, p + 8);
            if (status != 0) continue;
            switch ((did >>> 16) & 0xFF) {
                case ITEM_MACTIME -> out.tsft = data & 0xFFFF_FFFFL;
                case ITEM_CHANNEL -> {
                    int f = Channels.guessFrequency(data);
                    if (f > 0) out.freqMhz = f;
                }
                case ITEM_SIGNAL -> {
                    // drivers put dBm (negative) or a positive RSSI here; only dBm is a signal level
                    if (data < 0 && data > -128) {
                        out.hasSignal = true;
                        out.signalDbm = data;
                    }
                }
                case ITEM_NOISE -> {
                    if (data < 0 && data > -128) {
                        out.hasNoise = true;
                        out.noiseDbm = data;
                    }
                }
                case ITEM_RATE -> {
                    if (data > 0 && data < 0x10000) out.rate = data;
                }
                default -> { }
            }
        }
        return msgLen;
    }

    static int be32(MemorySegment seg, long off) {
        return Integer.reverseBytes(RadiotapDecoder.u32(seg, off));
    }

    static int be16(MemorySegment seg, long off) {
        return Short.toUnsignedInt(Short.reverseBytes((short) RadiotapDecoder.u16(seg, off)));
    }

    private static int fail(MutableRadio out, String why) {
        out.fault = why;
        return -1;
    }
}
