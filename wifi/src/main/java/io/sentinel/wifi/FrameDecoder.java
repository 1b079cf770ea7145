package io.sentinel.wifi;

import io.sentinel.wifi.capture.CaptureRecord;
import io.sentinel.wifi.dot11.DecodedFrame;
import io.sentinel.wifi.dot11.Dot11Decoder;
import io.sentinel.wifi.radio.MutableRadio;
import io.sentinel.wifi.radio.AvsDecoder;
import io.sentinel.wifi.radio.PpiDecoder;
import io.sentinel.wifi.radio.PrismDecoder;
import io.sentinel.wifi.radio.RadiotapDecoder;

/**
 * Turns raw capture records into decoded {@link Frame}s. One decoder holds one reused frame:
 * the frame returned by {@link #decode} is overwritten by the next call. Not thread-safe; use
 * one decoder per thread. Never throws on bad bytes.
 */
public final class FrameDecoder {

    public static final int LINKTYPE_IEEE802_11 = 105;
    public static final int LINKTYPE_IEEE802_11_RADIOTAP = 127;
    public static final int LINKTYPE_PPI = 192;
    public static final int LINKTYPE_PRISM = 119;
    public static final int LINKTYPE_AVS = 163;

    private final DecodedFrame frame = new DecodedFrame();

    public static boolean supports(int linkType) {
        return linkType == LINKTYPE_IEEE802_11 || linkType == LINKTYPE_IEEE802_11_RADIOTAP || linkType == LINKTYPE_PPI
                || linkType == LINKTYPE_PRISM || linkType == LINKTYPE_AVS;
    }

    public Frame decode(CaptureRecord record) {
        frame.reset(record);
        if (!supports(record.linkType())) {
            frame.markUnsupportedLinkType();
            return frame;
        }
        var seg = record.segment();
        long off = record.dataOffset();
        int len = record.capturedLength();
        MutableRadio radio = frame.mutableRadio();
        int header = switch (record.linkType()) {
            case LINKTYPE_IEEE802_11_RADIOTAP -> RadiotapDecoder.decode(seg, off, len, radio);
            case LINKTYPE_PPI -> PpiDecoder.decode(seg, off, len, radio);
            case LINKTYPE_PRISM -> PrismDecoder.decode(seg, off, len, radio);
            case LINKTYPE_AVS -> AvsDecoder.decode(seg, off, len, radio);
            default -> 0;
        };
        if (header < 0) {
            frame.markMalformed(radio.fault() != null ? radio.fault() : "bad radio header");
            return frame;
        }
        // a usable header with an inconsistency inside (a field overrunning it_len): report, decode on
        if (radio.fault() != null) frame.markMalformed(radio.fault());
        boolean fcs = radio.fcsPresent() || record.fcsLength() == 4;
        Dot11Decoder.decode(seg, off + header, len - header, fcs, frame);
        return frame;
    }
}
