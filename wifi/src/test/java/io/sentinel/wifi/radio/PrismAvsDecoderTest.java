package io.sentinel.wifi.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PrismAvsDecoderTest {

    final MutableRadio radio = new MutableRadio();

    /** A wlan-ng prism2 header of 144 bytes in the given byte order (message code 0x44, items 1..10). */
    static byte[] prism(ByteOrder order, int channel, int signal, int rate, int statusOfSignal) {
        ByteBuffer b = ByteBuffer.allocate(144 + 2).order(order);
        b.putInt(0x44).putInt(144).put("wlan0\0\0\0\0\0\0\0\0\0\0\0".getBytes());
        int[] data = {1000, 2000, channel, 0, 0, signal, -95, rate, 0, 100};
        for (int i = 0; i < 10; i++) {
            b.putInt(((i + 1) << 16) | 0x44).putShort((short) (i == 5 ? statusOfSignal : 0)).putShort((short) 4).putInt(data[i]);
        }
        b.put((byte) 0x80).put((byte) 0); // first bytes of an 802.11 beacon
        return b.array();
    }

    int prismDecode(byte[] b) {
        radio.reset();
        return PrismDecoder.decode(MemorySegment.ofArray(b), 0, b.length, radio);
    }

    @Test
    void prismLittleEndianGivesChannelSignalAndRate() {
        assertThat(prismDecode(prism(ByteOrder.LITTLE_ENDIAN, 6, -57, 22, 0))).isEqualTo(144);
        assertThat(radio.freqMhz()).isEqualTo(2437);
        assertThat(radio.hasSignal()).isTrue();
        assertThat(radio.signalDbm()).isEqualTo(-57);
        assertThat(radio.noiseDbm()).isEqualTo(-95);
        assertThat(radio.rate500Kbps()).isEqualTo(22);
        assertThat(radio.tsft()).isEqualTo(2000);
        assertThat(radio.fault()).isNull();
    }

    @Test
    void prismBigEndianHostIsReadInItsOrder() {
        assertThat(prismDecode(prism(ByteOrder.BIG_ENDIAN, 36, -70, 12, 0))).isEqualTo(144);
        assertThat(radio.freqMhz()).isEqualTo(5180);
        assertThat(radio.signalDbm()).isEqualTo(-70);
    }

    @Test
    void prismItemWithNoValueStatusAndPositiveRssiAreNotSignal() {
        prismDecode(prism(ByteOrder.LITTLE_ENDIAN, 1, -60, 2, 1));
        assertThat(radio.hasSignal()).isFalse();
        prismDecode(prism(ByteOrder.LITTLE_ENDIAN, 1, 57, 2, 0));
        assertThat(radio.hasSignal()).isFalse();
        assertThat(radio.freqMhz()).isEqualTo(2412);
    }

    @Test
    void prismLengthBeyondTheRecordIsRefused() {
        byte[] b = prism(ByteOrder.LITTLE_ENDIAN, 1, -60, 2, 0);
        assertThat(prismDecode(java.util.Arrays.copyOf(b, 100))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PrismDecoder.BAD_LENGTH);
        assertThat(prismDecode(new byte[10])).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PrismDecoder.SHORT);
    }

    static byte[] avs(int channel, int rate100k, int ssiType, int signal, int noise) {
        ByteBuffer b = ByteBuffer.allocate(66).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x80211001).putInt(64).putLong(123_456L).putLong(0).putInt(4).putInt(channel).putInt(rate100k)
                .putInt(1).putInt(0).putInt(ssiType).putInt(signal).putInt(noise).putInt(0).putInt(0);
        b.put((byte) 0x80).put((byte) 0);
        return b.array();
    }

    @Test
    void avsGivesMacTimeChannelRateAndDbmSignal() {
        byte[] b = avs(11, 540, AvsDecoder.SSI_DBM, -48, -92);
        radio.reset();
        assertThat(AvsDecoder.decode(MemorySegment.ofArray(b), 0, b.length, radio)).isEqualTo(64);
        assertThat(radio.tsft()).isEqualTo(123_456L);
        assertThat(radio.freqMhz()).isEqualTo(2462);
        assertThat(radio.rate500Kbps()).isEqualTo(108);
        assertThat(radio.signalDbm()).isEqualTo(-48);
        assertThat(radio.noiseDbm()).isEqualTo(-92);
        assertThat(radio.antenna()).isEqualTo(1);
    }

    @Test
    void avsWithRssiInsteadOfDbmHasNoSignalAndBadVersionIsRefused() {
        byte[] b = avs(1, 10, 1, 40, 0);
        radio.reset();
        assertThat(AvsDecoder.decode(MemorySegment.ofArray(b), 0, b.length, radio)).isEqualTo(64);
        assertThat(radio.hasSignal()).isFalse();
        b[0] = 0x12;
        radio.reset();
        assertThat(AvsDecoder.decode(MemorySegment.ofArray(b), 0, b.length, radio)).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(AvsDecoder.BAD_VERSION);
    }

    @Test
    void avsHeaderUnderThePrismLinkTypeIsRecognised() {
        byte[] b = avs(6, 10, AvsDecoder.SSI_DBM, -50, -90);
        assertThat(prismDecode(b)).isEqualTo(64);
        assertThat(radio.freqMhz()).isEqualTo(2437);
    }
}
