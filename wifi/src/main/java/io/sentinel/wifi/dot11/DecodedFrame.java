package io.sentinel.wifi.dot11;

import io.sentinel.wifi.*;
import io.sentinel.wifi.capture.CaptureRecord;
import io.sentinel.wifi.radio.MutableRadio;
import java.lang.foreign.MemorySegment;

/** The reusable {@link Frame} implementation filled by the decoders. */
public final class DecodedFrame implements Frame {
    // TODO(wifi-80211): real fields; this placeholder only keeps the build green.
    private final MutableRadio radio = new MutableRadio();
    private CaptureRecord record;
    private String malformed;

    public void reset(CaptureRecord record) { this.record = record; this.malformed = null; radio.reset(); }
    public MutableRadio mutableRadio() { return radio; }
    public void markMalformed(String reason) { if (malformed == null) malformed = reason; }
    public void markUnsupportedLinkType() { markMalformed("unsupported link type"); }

    @Override public long recordNumber() { return record.recordNumber(); }
    @Override public long timestampNanos() { return record.timestampNanos(); }
    @Override public int capturedLength() { return record.capturedLength(); }
    @Override public int originalLength() { return record.originalLength(); }
    @Override public int linkType() { return record.linkType(); }
    @Override public boolean supportedLinkType() { return false; }
    @Override public Radio radio() { return radio; }
    @Override public int freqMhz() { return -1; }
    @Override public int channel() { return -1; }
    @Override public boolean hasDot11() { return false; }
    @Override public FrameType type() { return null; }
    @Override public Subtype subtype() { return null; }
    @Override public int frameControl() { return -1; }
    @Override public boolean toDs() { return false; }
    @Override public boolean fromDs() { return false; }
    @Override public boolean moreFragments() { return false; }
    @Override public boolean retry() { return false; }
    @Override public boolean powerManagement() { return false; }
    @Override public boolean moreData() { return false; }
    @Override public boolean protectedFrame() { return false; }
    @Override public boolean order() { return false; }
    @Override public int durationId() { return -1; }
    @Override public long addr1() { return -1; }
    @Override public long addr2() { return -1; }
    @Override public long addr3() { return -1; }
    @Override public long addr4() { return -1; }
    @Override public long receiver() { return -1; }
    @Override public long transmitter() { return -1; }
    @Override public long bssid() { return -1; }
    @Override public long source() { return -1; }
    @Override public long destination() { return -1; }
    @Override public boolean hasSequence() { return false; }
    @Override public int sequence() { return -1; }
    @Override public int fragment() { return -1; }
    @Override public int qosControl() { return -1; }
    @Override public int reasonCode() { return -1; }
    @Override public int statusCode() { return -1; }
    @Override public int authAlgorithm() { return -1; }
    @Override public int authSequence() { return -1; }
    @Override public int capabilityInfo() { return -1; }
    @Override public int beaconInterval() { return -1; }
    @Override public long tsf() { return -1; }
    @Override public int listenInterval() { return -1; }
    @Override public long currentApAddress() { return -1; }
    @Override public int actionCategory() { return -1; }
    @Override public int actionCode() { return -1; }
    @Override public Elements elements() { return null; }
    @Override public String ssid() { return null; }
    @Override public Security security() { return null; }
    @Override public int etherType() { return -1; }
    @Override public EapolKey eapolKey() { return null; }
    @Override public boolean isEapol() { return false; }
    @Override public int eapolType() { return -1; }
    @Override public boolean hasWepIv() { return false; }
    @Override public int wepIv() { return -1; }
    @Override public int keyId() { return -1; }
    @Override public boolean extendedIv() { return false; }
    @Override public long ccmpPacketNumber() { return -1; }
    @Override public MemorySegment segment() { return record.segment(); }
    @Override public long dot11Offset() { return -1; }
    @Override public int dot11Length() { return -1; }
    @Override public String malformed() { return malformed; }
}
