package io.sentinel.wifi.radio;

import java.lang.foreign.MemorySegment;

/** PPI (Per-Packet Information, link type 192) header decoder. */
public final class PpiDecoder {
    private PpiDecoder() {}

    /** Like {@link RadiotapDecoder#decode}: returns the header length or -1. */
    public static int decode(MemorySegment seg, long off, int len, MutableRadio out) {
        // TODO(wifi-io)
        return -1;
    }
}
