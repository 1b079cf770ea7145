package io.sentinel.wifi.dot11;

import io.sentinel.wifi.*;
import io.sentinel.wifi.capture.CaptureRecord;
import io.sentinel.wifi.radio.Channels;
import io.sentinel.wifi.radio.MutableRadio;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The reusable {@link Frame} filled by {@link io.sentinel.wifi.FrameDecoder}: radio fields by the
 * radiotap/PPI decoders, the rest by {@link Dot11Decoder}. One instance is overwritten per record;
 * {@link #reset} costs a few dozen field stores and allocates nothing.
 *
 * <p>It can also be used without a capture record ({@code reset(null)}): the record fields are
 * then -1.
 */
public final class DecodedFrame implements Frame {

    private final MutableRadio radio = new MutableRadio();
    final DecodedElements elements = new DecodedElements();
    final DecodedSecurity security = new DecodedSecurity();
    final DecodedEapolKey eapolKey = new DecodedEapolKey();

    private CaptureRecord record;
    private String malformed;
    private boolean unsupportedLinkType;
    MemorySegment seg = MemorySegment.NULL;

    boolean hasDot11;
    FrameType type;
    Subtype subtype;
    int frameControl, durationId;
    long addr1, addr2, addr3, addr4, bssid, source, destination;
    int sequence, fragment, qosControl, htControl, blockAckControl;
    int reasonCode, statusCode, authAlgorithm, authSequence, saeGroup, capabilityInfo, beaconInterval,
            listenInterval, associationId, actionCategory, actionCode;
    long tsf, currentAp;
    int etherType, eapolType, eapolVersion;
    boolean eapol, wepIvPresent, extendedIv;
    int wepIv, keyId;
    long packetNumber;
    long dot11Offset, bodyOffset;
    int dot11Length;

    public DecodedFrame() {
        reset(null);
    }

    /** Clears every decoded field for a new record (null: a frame decoded without a capture record). */
    public void reset(CaptureRecord record) {
        this.record = record;
        malformed = null;
        unsupportedLinkType = false;
        radio.reset();
        seg = record == null ? MemorySegment.NULL : record.segment();
        hasDot11 = false;
        type = null;
        subtype = null;
        frameControl = durationId = -1;
        addr1 = addr2 = addr3 = addr4 = bssid = source = destination = MacAddress.NONE;
        sequence = fragment = qosControl = htControl = blockAckControl = -1;
        reasonCode = statusCode = authAlgorithm = authSequence = saeGroup = capabilityInfo = beaconInterval = -1;
        listenInterval = associationId = actionCategory = actionCode = -1;
        tsf = -1;
        currentAp = MacAddress.NONE;
        etherType = eapolType = eapolVersion = -1;
        eapol = wepIvPresent = extendedIv = false;
        wepIv = keyId = -1;
        packetNumber = -1;
        dot11Offset = bodyOffset = -1;
        dot11Length = -1;
        elements.reset(seg);
        security.reset();
        eapolKey.reset(seg);
    }

    /** Points the views at the segment being decoded (it may differ from the record's). */
    void segment(MemorySegment s) {
        if (s == seg) return;
        seg = s;
        elements.reset(s);
        eapolKey.reset(s);
    }

    public MutableRadio mutableRadio() { return radio; }

    /** Records why the frame is malformed; the first reason wins. Use constant strings. */
    public void markMalformed(String reason) { if (malformed == null) malformed = reason; }

    public void markUnsupportedLinkType() {
        unsupportedLinkType = true;
        markMalformed("unsupported link type");
    }

    @Override public long recordNumber() { return record == null ? -1 : record.recordNumber(); }
    @Override public long timestampNanos() { return record == null ? -1 : record.timestampNanos(); }
    @Override public int capturedLength() { return record == null ? dot11Length : record.capturedLength(); }
    @Override public int originalLength() { return record == null ? dot11Length : record.originalLength(); }
    @Override public int linkType() { return record == null ? -1 : record.linkType(); }
    @Override public boolean supportedLinkType() { return !unsupportedLinkType; }
    @Override public Radio radio() { return radio; }

    /** The capture record this frame was decoded from, or null. */
    CaptureRecord record() { return record; }

    @Override
    public int freqMhz() {
        int f = radio.freqMhz();
        if (f > 0) return f;
        return Channels.guessFrequency(elementChannel());
    }

    private int elementChannel() {
        int c = elements.dsChannel();
        return c >= 0 ? c : elements.htPrimaryChannel();
    }

    @Override
    public int channel() {
        int f = radio.freqMhz();
        if (f > 0) {
            int c = Channels.channel(f);
            if (c > 0) return c;
        }
        return elementChannel();
    }

    @Override public boolean hasDot11() { return hasDot11; }
    @Override public FrameType type() { return type; }
    @Override public Subtype subtype() { return subtype; }
    @Override public int frameControl() { return frameControl; }
    private boolean flag(int bit) { return frameControl >= 0 && (frameControl & (bit << 8)) != 0; }
    @Override public boolean toDs() { return flag(0x01); }
    @Override public boolean fromDs() { return flag(0x02); }
    @Override public boolean moreFragments() { return flag(0x04); }
    @Override public boolean retry() { return flag(0x08); }
    @Override public boolean powerManagement() { return flag(0x10); }
    @Override public boolean moreData() { return flag(0x20); }
    @Override public boolean protectedFrame() { return flag(0x40); }
    @Override public boolean order() { return flag(0x80); }
    @Override public int durationId() { return durationId; }
    @Override public long addr1() { return addr1; }
    @Override public long addr2() { return addr2; }
    @Override public long addr3() { return addr3; }
    @Override public long addr4() { return addr4; }
    @Override public long receiver() { return addr1; }
    @Override public long transmitter() { return addr2; }
    @Override public long bssid() { return bssid; }
    @Override public long source() { return source; }
    @Override public long destination() { return destination; }
    @Override public boolean hasSequence() { return sequence >= 0; }
    @Override public int sequence() { return sequence; }
    @Override public int fragment() { return fragment; }
    @Override public int qosControl() { return qosControl; }
    @Override public int htControl() { return htControl; }

    /** BAR/BA control field of BlockAckReq and BlockAck frames, or -1. */
    public int blockAckControl() { return blockAckControl; }

    @Override public int reasonCode() { return reasonCode; }
    @Override public int statusCode() { return statusCode; }
    @Override public int authAlgorithm() { return authAlgorithm; }
    @Override public int authSequence() { return authSequence; }
    @Override public int saeGroup() { return saeGroup; }
    @Override public int capabilityInfo() { return capabilityInfo; }
    @Override public int beaconInterval() { return beaconInterval; }
    @Override public long tsf() { return tsf; }
    @Override public int listenInterval() { return listenInterval; }
    @Override public int associationId() { return associationId; }
    @Override public long currentApAddress() { return currentAp; }
    @Override public int actionCategory() { return actionCategory; }
    @Override public int actionCode() { return actionCode; }
    @Override public Elements elements() { return elements; }

    @Override
    public String ssid() {
        if (!elements.hasSsid()) return null;
        byte[] b = elements.ssidBytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override public Security security() { return security; }
    @Override public int etherType() { return etherType; }
    @Override public EapolKey eapolKey() { return eapolKey; }
    @Override public boolean isEapol() { return eapol; }
    @Override public int eapolType() { return eapolType; }
    @Override public boolean hasWepIv() { return wepIvPresent; }
    @Override public int wepIv() { return wepIv; }
    @Override public int keyId() { return keyId; }
    @Override public boolean extendedIv() { return extendedIv; }
    @Override public long ccmpPacketNumber() { return packetNumber; }
    @Override public MemorySegment segment() { return seg; }
    @Override public long dot11Offset() { return dot11Offset; }
    @Override public int dot11Length() { return dot11Length; }
    @Override public long bodyOffset() { return bodyOffset; }
    @Override public String malformed() { return malformed; }
}
