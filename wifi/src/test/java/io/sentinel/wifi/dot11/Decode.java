package io.sentinel.wifi.dot11;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.ByteRecord;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

/** Test helper: decodes bare 802.11 frames with {@link Dot11Decoder}. */
final class Decode {
    private Decode() {}

    static DecodedFrame frame(byte[] bytes) {
        return frame(bytes, bytes.length, false);
    }

    static DecodedFrame frame(byte[] bytes, int len, boolean fcs) {
        DecodedFrame f = new DecodedFrame();
        return into(f, bytes, len, fcs);
    }

    static DecodedFrame into(DecodedFrame f, byte[] bytes, int len, boolean fcs) {
        f.reset(ByteRecord.dot11(bytes));
        Dot11Decoder.decode(MemorySegment.ofArray(bytes), 0, len, fcs, f);
        return f;
    }

    static byte[] hex(String s) { return HexFormat.of().parseHex(s.replaceAll("[\\s:]", "")); }

    static long mac(String s) { return MacAddress.parse(s); }
}
