package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * PPI (Per-Packet Information, link type 192) header decoder: the 802.11-Common field (type 2:
 * TSF, flags with FCS present / FCS error, rate, channel frequency and flags, FHSS, signal and
 * noise in dBm) and the 802.11n MAC (3) and MAC+PHY (4) fields (A-MPDU id, 40 MHz, MCS).
 * Other fields are skipped. All PPI values are little-endian. No allocation.
 */
public final class PpiDecoder {
    private PpiDecoder() {}

    public static final int FIELD_80211_COMMON = 2, FIELD_80211N_MAC = 3, FIELD_80211N_MAC_PHY = 4;

    static final String SHORT = "PPI header shorter than 8 bytes";
    static final String BAD_VERSION = "unsupported PPI version";
    static final String BAD_LENGTH = "PPI header length out of range";
    static final String NOT_80211 = "PPI carries a link type other than 802.11";
    static final String FIELD_OVERRUN = "PPI field overruns the header";

    /** Like {@link RadiotapDecoder#decode}: returns the header length or -1 (with {@code out.fault()}). */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        if (len < 8) return fail(out, SHORT);
        if (RadiotapDecoder.u8(seg, off) != 0) return fail(out, BAD_VERSION);
        boolean aligned = (RadiotapDecoder.u8(seg, off + 1) & 1) != 0;
        int pphLen = RadiotapDecoder.u16(seg, off + 2);
        if (pphLen < 8 || pphLen > len) return fail(out, BAD_LENGTH);
        if (RadiotapDecoder.u32(seg, off + 4) != 105) return fail(out, NOT_80211);
        out.present = true;
        out.headerLength = pphLen;
        out.rareSet = true; // FHSS, A-MPDU, bandwidth, MCS
        long end = off + pphLen;
        long p = off + 8;
        while (p + 4 <= end) {
            int type = RadiotapDecoder.u16(seg, p);
            int flen = RadiotapDecoder.u16(seg, p + 2);
            long d = p + 4;
            if (d + flen > end) {
                out.fault = FIELD_OVERRUN;
                break;
            }
            switch (type) {
                case FIELD_80211_COMMON -> {
                    if (flen >= 20) {
                        out.tsft = RadiotapDecoder.u64(seg, d);
                        int flags = RadiotapDecoder.u16(seg, d + 8);
                        out.fcs = (flags & 0x0001) != 0;
                        out.badFcs = (flags & 0x0004) != 0;
                        int rate = RadiotapDecoder.u16(seg, d + 10);
                        if (rate != 0) out.rate = rate;
                        int freq = RadiotapDecoder.u16(seg, d + 12);
                        if (freq != 0) {
                            out.freqMhz = freq;
                            out.channelFlags = RadiotapDecoder.u16(seg, d + 14);
                        }
                        out.fhssHopSet = RadiotapDecoder.u8(seg, d + 16);
                        out.fhssPattern = RadiotapDecoder.u8(seg, d + 17);
                        out.hasSignal = true;
                        out.signalDbm = seg.get(ValueLayout.JAVA_BYTE, d + 18);
                        out.hasNoise = true;
                        out.noiseDbm = seg.get(ValueLayout.JAVA_BYTE, d + 19);
                    }
                }
                case FIELD_80211N_MAC, FIELD_80211N_MAC_PHY -> {
                    if (flen >= 12) {
                        int flags = RadiotapDecoder.u32(seg, d);
                        out.bandwidth = (flags & 0x0002) != 0 ? 40 : 20;
                        out.ampduReference = RadiotapDecoder.u32(seg, d + 4) & 0xFFFF_FFFFL;
                        if (type == FIELD_80211N_MAC_PHY && flen >= 10) out.mcsIndex = RadiotapDecoder.u8(seg, d + 9);
                    }
                }
                default -> { }
            }
            p = d + flen;
            if (aligned) p = off + ((p - off + 3) & ~3L);
        }
        return pphLen;
    }

    private static int fail(MutableRadio out, String why) {
        out.fault = why;
        return -1;
    }
}
