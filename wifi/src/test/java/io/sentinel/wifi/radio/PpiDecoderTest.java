package io.sentinel.wifi.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PpiDecoderTest {

    static final HexFormat HEX = HexFormat.of();
    final MutableRadio radio = new MutableRadio();

    int decode(String hex) {
        byte[] b = HEX.parseHex(hex);
        radio.reset();
        return PpiDecoder.decode(MemorySegment.ofArray(b), 0, b.length, radio);
    }

    static final String COMMON = "0200" + "1400" // 802.11-Common, 20 bytes
            + "0100000000000000" // TSF 1
            + "0500" // flags: FCS present, FCS invalid
            + "0c00" // rate 6 Mb/s
            + "8509" + "a000" // 2437 MHz, 2 GHz CCK
            + "00" + "00" // FHSS
            + "c9" + "a1"; // signal -55 dBm, noise -95 dBm

    @Test
    void commonFieldGivesChannelSignalNoiseAndFcs() {
        assertThat(decode("00" + "00" + "2000" + "69000000" + COMMON)).isEqualTo(32);
        assertThat(radio.present()).isTrue();
        assertThat(radio.tsft()).isEqualTo(1);
        assertThat(radio.freqMhz()).isEqualTo(2437);
        assertThat(radio.channelFlags()).isEqualTo(0xa0);
        assertThat(radio.rate500Kbps()).isEqualTo(12);
        assertThat(radio.signalDbm()).isEqualTo(-55);
        assertThat(radio.noiseDbm()).isEqualTo(-95);
        assertThat(radio.fcsPresent()).isTrue();
        assertThat(radio.badFcs()).isTrue();
        assertThat(radio.fault()).isNull();
    }

    @Test
    void eleven_nMacPhyFieldGivesMcsAndFortyMegahertz() {
        String macPhy = "0400" + "3000" + "02000000" + "2a000000" + "00" + "07" + "00".repeat(38);
        assertThat(decode("00" + "00" + "5400" + "69000000" + COMMON + macPhy)).isEqualTo(84);
        assertThat(radio.mcsIndex()).isEqualTo(7);
        assertThat(radio.bandwidthMhz()).isEqualTo(40);
        assertThat(radio.ampduReference()).isEqualTo(42);
        assertThat(radio.freqMhz()).isEqualTo(2437);
    }

    @Test
    void alignedFieldsArePaddedToFourBytes() {
        // an unknown 3-byte field (type 30000) padded to 4, then the common field
        String unknown = "3075" + "0300" + "abcdef" + "00";
        assertThat(decode("00" + "01" + "2800" + "69000000" + unknown + COMMON)).isEqualTo(40);
        assertThat(radio.freqMhz()).isEqualTo(2437);
        assertThat(radio.signalDbm()).isEqualTo(-55);
    }

    @Test
    void headersThatCannotBeUsedAreRefused() {
        assertThat(decode("000008006900")).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PpiDecoder.SHORT);
        assertThat(decode("0100080069000000")).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PpiDecoder.BAD_VERSION);
        assertThat(decode("0000ff0069000000")).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PpiDecoder.BAD_LENGTH);
        assertThat(decode("000008007f000000")).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(PpiDecoder.NOT_80211);
        assertThat(decode("00000e0069000000" + "02001400" + "0000")).isEqualTo(14);
        assertThat(radio.fault()).isEqualTo(PpiDecoder.FIELD_OVERRUN);
    }
}
