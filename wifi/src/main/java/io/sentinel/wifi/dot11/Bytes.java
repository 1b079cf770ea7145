package io.sentinel.wifi.dot11;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Unaligned reads from a segment; callers check bounds against the frame end first. */
final class Bytes {
    private Bytes() {}

    private static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static int u8(MemorySegment s, long o) { return s.get(U8, o) & 0xFF; }

    static int le16(MemorySegment s, long o) { return s.get(LE16, o) & 0xFFFF; }

    static int be16(MemorySegment s, long o) { return s.get(BE16, o) & 0xFFFF; }

    static int be32(MemorySegment s, long o) { return s.get(BE32, o); }

    static long le32u(MemorySegment s, long o) { return s.get(LE32, o) & 0xFFFF_FFFFL; }

    static long be64(MemorySegment s, long o) { return s.get(BE64, o); }

    static long le64(MemorySegment s, long o) { return s.get(LE64, o); }

    /** A MAC address as transmitted, first octet most significant. */
    static long mac(MemorySegment s, long o) {
        return ((long) be16(s, o) << 32) | (s.get(BE32, o + 2) & 0xFFFF_FFFFL);
    }

    /** 24-bit big-endian value (an OUI). */
    static int be24(MemorySegment s, long o) { return (u8(s, o) << 16) | be16(s, o + 1); }

    static boolean allZero(MemorySegment s, long o, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) if (s.get(LE64, o + i) != 0) return false;
        for (; i < n; i++) if (s.get(U8, o + i) != 0) return false;
        return true;
    }

    /** FNV-1a over n bytes: stable across runs and JVMs. */
    static int fnv1a(MemorySegment s, long o, int n) {
        int h = 0x811C9DC5;
        for (int i = 0; i < n; i++) {
            h ^= s.get(U8, o + i) & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    static byte[] copy(MemorySegment s, long o, int n) {
        byte[] out = new byte[n];
        MemorySegment.copy(s, U8, o, out, 0, n);
        return out;
    }
}
