package io.sentinel.wifi.radio;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The dispatcher: link type -> radio header -> 802.11 decoder. */
class FrameDecoderRadioTest {

    final FrameDecoder decoder = new FrameDecoder();
    final byte[] beacon = FrameBuilder.beacon().ap("00:11:22:33:44:55").ssid("lab").channel(6).seq(5).build();

    Frame decode(int linkType, byte[] bytes) {
        MutableCaptureRecord r = new MutableCaptureRecord().set(1, 0, linkType, 0, MemorySegment.ofArray(bytes), 0,
                bytes.length, bytes.length, -1);
        return decoder.decode(r);
    }

    static byte[] ppi(int freq, int signal, int flags, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(32 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 0).putShort((short) 32).putInt(105);
        b.putShort((short) 2).putShort((short) 20).putLong(7).putShort((short) flags).putShort((short) 12)
                .putShort((short) freq).putShort((short) 0xa0).put((byte) 0).put((byte) 0).put((byte) signal).put((byte) -95);
        return b.put(frame).array();
    }

    @Test
    void radiotapRecordGivesRadioAndFrame() {
        Frame f = decode(127, new RadiotapBuilder().flags(0).channel(2437).antennaSignal(-48).wrap(beacon));
        assertThat(f.supportedLinkType()).isTrue();
        assertThat(f.radio().present()).isTrue();
        assertThat(f.radio().signalDbm()).isEqualTo(-48);
        assertThat(f.freqMhz()).isEqualTo(2437);
        assertThat(f.subtype()).isEqualTo(Subtype.BEACON);
        assertThat(f.sequence()).isEqualTo(5);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void ppiRecordGivesRadioAndFrame() {
        Frame f = decode(192, ppi(5180, -61, 0, beacon));
        assertThat(f.radio().freqMhz()).isEqualTo(5180);
        assertThat(f.radio().signalDbm()).isEqualTo(-61);
        assertThat(f.channel()).isEqualTo(36);
        assertThat(f.subtype()).isEqualTo(Subtype.BEACON);
        assertThat(f.ssid()).isEqualTo("lab");
        assertThat(f.malformed()).isNull();
    }

    @Test
    void fcsAnnouncedByTheRadioHeaderIsNotPartOfTheFrame() {
        byte[] withFcs = FrameBuilder.beacon().ap("00:11:22:33:44:55").ssid("lab").seq(5).fcs().build();
        byte[] record = new RadiotapBuilder().flags(MutableRadio.FLAG_FCS).channel(2412).wrap(withFcs);
        Frame f = decode(127, record);
        assertThat(f.radio().fcsPresent()).isTrue();
        assertThat(f.dot11Length()).isEqualTo(withFcs.length - 4);
        assertThat(f.ssid()).isEqualTo("lab");
        Frame p = decode(192, ppi(2412, -40, 0x1, withFcs));
        assertThat(p.dot11Length()).isEqualTo(withFcs.length - 4);
    }

    @Test
    void unusableRadioHeaderMakesTheRecordMalformedWithoutA80211Decode() {
        Frame f = decode(127, new byte[] {0, 0, 100, 0, 0, 0, 0, 0, 0, 0});
        assertThat(f.malformed()).isEqualTo("radiotap header longer than the record");
        assertThat(f.hasDot11()).isFalse();
        Frame p = decode(192, new byte[] {0, 0, 8, 0, 1, 0, 0, 0, 0, 0});
        assertThat(p.malformed()).isEqualTo("PPI carries a link type other than 802.11");
    }

    @Test
    void inconsistentButUsableRadiotapIsReportedAndTheFrameStillDecoded() {
        // it_len 18; presence word: bit 30 (vendor namespace), no more words; the vendor header
        // (OUI 00:11:22, sub-namespace 0) says 255 bytes of vendor data follow: past it_len
        byte[] header = {0, 0, 18, 0, 0, 0, 0, 0x40, 0x00, 0x11, 0x22, 0, (byte) 0xff, 0, 1, 2, 3, 4};
        byte[] record = new byte[header.length + beacon.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(beacon, 0, record, header.length, beacon.length);
        Frame f = decode(127, record);
        assertThat(f.malformed()).isEqualTo("radiotap vendor namespace overruns the header");
        assertThat(f.subtype()).isEqualTo(Subtype.BEACON);
        assertThat(f.ssid()).isEqualTo("lab");
    }

    @Test
    void foreignLinkTypeIsNotDecoded() {
        Frame f = decode(1, new byte[60]);
        assertThat(f.supportedLinkType()).isFalse();
        assertThat(f.hasDot11()).isFalse();
        assertThat(FrameDecoder.supports(105)).isTrue();
        assertThat(FrameDecoder.supports(127)).isTrue();
        assertThat(FrameDecoder.supports(192)).isTrue();
        assertThat(FrameDecoder.supports(1)).isFalse();
    }

    @Test
    void dataPadFlagSkipsThePaddingAfterAQosHeader() {
        byte[] qos = FrameBuilder.qosData().bssid("00:11:22:33:44:55").source("00:11:22:33:44:55")
                .destination("66:77:88:99:aa:bb")
                .eapol(io.sentinel.wifi.build.EapolKeyBuilder.message(1).replayCounter(7)).build();
        // the 26-byte QoS header padded to 28 bytes, as drivers that set radiotap flag 0x20 deliver it
        byte[] padded = new byte[qos.length + 2];
        System.arraycopy(qos, 0, padded, 0, 26);
        System.arraycopy(qos, 26, padded, 28, qos.length - 26);
        Frame f = decode(127, new RadiotapBuilder().flags(MutableRadio.FLAG_DATA_PAD).channel(2437).wrap(padded));
        assertThat(f.malformed()).isNull();
        assertThat(f.eapolKey().present()).isTrue();
        assertThat(f.eapolKey().replayCounter()).isEqualTo(7);
        Frame unpaddedWithoutFlag = decode(127, new RadiotapBuilder().flags(0).channel(2437).wrap(qos));
        assertThat(unpaddedWithoutFlag.eapolKey().replayCounter()).isEqualTo(7);
        Frame paddedWithoutFlag = decode(127, new RadiotapBuilder().flags(0).channel(2437).wrap(padded));
        assertThat(paddedWithoutFlag.eapolKey().present()).as("the padding is only skipped when announced").isFalse();
    }
}
