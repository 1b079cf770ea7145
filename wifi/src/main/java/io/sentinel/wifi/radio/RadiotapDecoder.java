package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Radiotap header decoder (https://www.radiotap.org): walks every presence bitmap word
 * (extended bitmaps via bit 31), switches between the radiotap namespace (bit 29) and vendor
 * namespaces (bit 30, skipped with their skip_length), aligns each field to its natural
 * boundary relative to the header start, and decodes the fields 0-27. At a field whose size
 * it does not know the walk stops (what was decoded stays, {@link MutableRadio#stoppedAtField()}
 * names the field) and the header length still comes from {@code it_len}. No allocation.
 */
public final class RadiotapDecoder {
    private RadiotapDecoder() {}

    public static final int TSFT = 0, FLAGS = 1, RATE = 2, CHANNEL = 3, FHSS = 4, DBM_ANTSIGNAL = 5,
            DBM_ANTNOISE = 6, LOCK_QUALITY = 7, TX_ATTENUATION = 8, DB_TX_ATTENUATION = 9, DBM_TX_POWER = 10,
            ANTENNA = 11, DB_ANTSIGNAL = 12, DB_ANTNOISE = 13, RX_FLAGS = 14, TX_FLAGS = 15, RTS_RETRIES = 16,
            DATA_RETRIES = 17, XCHANNEL = 18, MCS = 19, AMPDU_STATUS = 20, VHT = 21, TIMESTAMP = 22, HE = 23,
            HE_MU = 24, HE_MU_OTHER_USER = 25, ZERO_LENGTH_PSDU = 26, LSIG = 27, TLV = 28,
            RADIOTAP_NAMESPACE = 29, VENDOR_NAMESPACE = 30, EXT = 31;

    /** Size in bytes and alignment of fields 0..27 (index = field number). */
    static final int[] SIZE = {8, 1, 1, 4, 2, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 8, 3, 8, 12, 12, 12, 12, 6, 1, 4};
    static final int[] ALIGN = {8, 1, 1, 2, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 4, 1, 4, 2, 8, 2, 2, 2, 1, 2};

    static final String SHORT = "radiotap header shorter than 8 bytes";
    static final String BAD_VERSION = "unsupported radiotap version";
    static final String BAD_LENGTH = "radiotap length below 8 bytes";
    static final String TOO_LONG = "radiotap header longer than the record";
    static final String BITMAP_OVERRUN = "radiotap presence bitmap overruns the header";
    static final String FIELD_OVERRUN = "radiotap field overruns the header";
    static final String VENDOR_OVERRUN = "radiotap vendor namespace overruns the header";

    /** Bandwidth in MHz by the VHT bandwidth code (0..25). */
    private static final int[] VHT_BANDWIDTH = {20, 40, 20, 20, 80, 40, 40, 20, 20, 20, 20, 160, 80, 80, 40, 40,
            40, 40, 20, 20, 20, 20, 20, 20, 20, 20};
    private static final int[] HE_BANDWIDTH = {20, 40, 80, 160};

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * Decodes the radiotap header at {@code off} into {@code out} (which the caller has reset).
     *
     * @param len bytes available from {@code off} (the captured length of the record)
     * @return the header length (offset of the 802.11 frame), or -1 when the header is unusable
     *     (then {@code out.fault()} says why); a header that is usable but inconsistent inside
     *     returns its length and also sets {@code out.fault()}
     */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        if (len < 8) return fail(out, SHORT);
        if (u8(seg, off) != 0) return fail(out, BAD_VERSION);
        int itLen = u16(seg, off + 2);
        if (itLen < 8) return fail(out, BAD_LENGTH);
        if (itLen > len) return fail(out, TOO_LONG);
        out.present = true;
        out.headerLength = itLen;
        long end = off + itLen;
        long p = off + 4;
        int words = 0;
        while (true) {
            if (p + 4 > end) {
                out.present = false;
                return fail(out, BITMAP_OVERRUN);
            }
            int w = seg.get(U32, p);
            p += 4;
            words++;
            if (w >= 0) break; // bit 31 clear: last bitmap word
        }
        out.presenceWords = words;
        long q = p;
        boolean radiotapNs = true;
        int nsWord = 0;
        for (int i = 0; i < words; i++) {
            int w = seg.get(U32, off + 4 + 4L * i);
            if (radiotapNs) {
                int bits = w & 0x1FFF_FFFF;
                while (bits != 0) {
                    int bit = Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int field = nsWord * 32 + bit;
                    if (field >= SIZE.length) {
                        // bit 28 announces TLVs; anything else is a field we cannot size
                        out.stoppedAtField = field;
                        return itLen;
                    }
                    int a = ALIGN[field];
                    q = off + ((q - off + a - 1) & -a);
                    if (q + SIZE[field] > end) {
                        out.fault = FIELD_OVERRUN;
                        return itLen;
                    }
                    // the fields every monitor-mode driver sends, inline; the rest in rareField
                    switch (field) {
                        case TSFT -> out.tsft = seg.get(U64, q);
                        case FLAGS -> {
                            int f = seg.get(ValueLayout.JAVA_BYTE, q) & 0xFF;
                            out.flags = f;
                            out.fcs = (f & MutableRadio.FLAG_FCS) != 0;
                            out.badFcs = (f & MutableRadio.FLAG_BAD_FCS) != 0;
                        }
                        case RATE -> out.rate = seg.get(ValueLayout.JAVA_BYTE, q) & 0xFF;
                        case CHANNEL -> {
                            int v = seg.get(U32, q);
                            out.freqMhz = v & 0xFFFF;
                            out.channelFlags = v >>> 16;
                        }
                        case DBM_ANTSIGNAL -> {
                            // per-antenna namespaces repeat the field; the first one is the combined signal
                            if (!out.hasSignal) {
                                out.hasSignal = true;
                                out.signalDbm = seg.get(ValueLayout.JAVA_BYTE, q);
                            }
                        }
                        case DBM_ANTNOISE -> {
                            if (!out.hasNoise) {
                                out.hasNoise = true;
                                out.noiseDbm = seg.get(ValueLayout.JAVA_BYTE, q);
                            }
                        }
                        case ANTENNA -> { if (out.antenna < 0) out.antenna = seg.get(ValueLayout.JAVA_BYTE, q) & 0xFF; }
                        case RX_FLAGS -> out.rxFlags = seg.get(U16, q) & 0xFFFF;
                        default -> rareField(seg, q, field, out);
                    }
                    q += SIZE[field];
                }
            }
            if ((w & (1 << VENDOR_NAMESPACE)) != 0) {
                q = off + ((q - off + 1) & -2);
                if (q + 6 > end) {
                    out.fault = VENDOR_OVERRUN;
                    return itLen;
                }
                int skip = u16(seg, q + 4);
                q += 6 + skip;
                if (q > end) {
                    out.fault = VENDOR_OVERRUN;
                    return itLen;
                }
                out.vendorNamespaces++;
                radiotapNs = false;
            } else if ((w & (1 << RADIOTAP_NAMESPACE)) != 0) {
                radiotapNs = true;
                nsWord = 0;
            } else if (radiotapNs) {
                nsWord++;
            }
        }
        return itLen;
    }

    private static void rareField(MemorySegment seg, long q, int field, MutableRadio out) {
        out.rareSet = true;
        switch (field) {
            case FHSS -> {
                out.fhssHopSet = u8(seg, q);
                out.fhssPattern = u8(seg, q + 1);
            }
            case LOCK_QUALITY -> out.lockQuality = u16(seg, q);
            case TX_ATTENUATION -> out.txAttenuation = u16(seg, q);
            case DB_TX_ATTENUATION -> out.dbTxAttenuation = u16(seg, q);
            case DBM_TX_POWER -> {
                out.hasDbmTxPower = true;
                out.dbmTxPower = seg.get(ValueLayout.JAVA_BYTE, q);
            }
            case DB_ANTSIGNAL -> { if (out.dbSignal < 0) out.dbSignal = u8(seg, q); }
            case DB_ANTNOISE -> { if (out.dbNoise < 0) out.dbNoise = u8(seg, q); }
            case TX_FLAGS -> out.txFlags = u16(seg, q);
            case XCHANNEL -> {
                if (out.freqMhz < 0) {
                    out.freqMhz = u16(seg, q + 4);
                    out.channelFlags = seg.get(U32, q) & 0xFFFF;
                }
            }
            case MCS -> {
                int known = u8(seg, q), flags = u8(seg, q + 1);
                out.mcsKnown = known;
                out.mcsFlags = flags;
                if ((known & 0x02) != 0) out.mcsIndex = u8(seg, q + 2);
                if ((known & 0x01) != 0) out.bandwidth = (flags & 3) == 1 ? 40 : 20;
            }
            case AMPDU_STATUS -> {
                out.ampduReference = seg.get(U32, q) & 0xFFFF_FFFFL;
                out.ampduFlags = u16(seg, q + 4);
            }
            case VHT -> {
                int known = u16(seg, q);
                out.vhtKnown = known;
                int user0 = u8(seg, q + 4);
                if ((user0 & 0x0F) != 0) {
                    out.vhtNss = user0 & 0x0F;
                    out.vhtMcs = user0 >>> 4;
                }
                int bw = u8(seg, q + 3) & 0x1F;
                if ((known & 0x0040) != 0 && bw < VHT_BANDWIDTH.length) out.bandwidth = VHT_BANDWIDTH[bw];
            }
            case TIMESTAMP -> out.timestamp = seg.get(U64, q);
            case HE -> {
                out.hasHe = true;
                int data1 = u16(seg, q), data3 = u16(seg, q + 4), data5 = u16(seg, q + 8);
                if ((data1 & 0x0020) != 0) out.heMcs = (data3 >>> 8) & 0x0F;
                if ((data1 & 0x4000) != 0 && (data5 & 0x0F) < 4) out.bandwidth = HE_BANDWIDTH[data5 & 0x0F];
            }
            case HE_MU -> out.hasHeMu = true;
            case ZERO_LENGTH_PSDU -> out.zeroLengthPsdu = u8(seg, q);
            case LSIG -> {
                out.lsigData1 = u16(seg, q);
                out.lsigData2 = u16(seg, q + 2);
            }
            default -> { /* FHSS-like fields we size but do not keep (retries, HE-MU other user) */ }
        }
    }

    private static int fail(MutableRadio out, String why) {
        out.fault = why;
        return -1;
    }

    static int u8(MemorySegment seg, long off) {
        return seg.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    static int u16(MemorySegment seg, long off) {
        return seg.get(U16, off) & 0xFFFF;
    }

    static int u32(MemorySegment seg, long off) {
        return seg.get(U32, off);
    }

    static long u64(MemorySegment seg, long off) {
        return seg.get(U64, off);
    }
}
