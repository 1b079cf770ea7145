package io.sentinel.wifi.dot11;

import java.lang.foreign.MemorySegment;

/** Decodes an 802.11 MAC frame (header, management body, elements, data/EAPOL) into a {@link DecodedFrame}. */
public final class Dot11Decoder {
    private Dot11Decoder() {}

    /**
     * @param fcsPresent the last 4 bytes are the FCS and must not be decoded as body
     */
    public static void decode(MemorySegment seg, long off, int len, boolean fcsPresent, DecodedFrame out) {
        // TODO(wifi-80211)
    }
}
