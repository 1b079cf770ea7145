package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;

/** Radiotap header decoder (https://www.radiotap.org). */
public final class RadiotapDecoder {
    private RadiotapDecoder() {}

    /**
     * Decodes the radiotap header at {@code off} into {@code out}.
     * @return the header length (offset of the 802.11 frame), or -1 when the header is unusable
     *     (then {@code out.fault()} says why)
     */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        // TODO(wifi-io)
        if (len < 8) return -1;
        return Short.toUnsignedInt(seg.get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), off + 2));
    }
}
