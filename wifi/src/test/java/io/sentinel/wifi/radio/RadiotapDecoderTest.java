package io.sentinel.wifi.radio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RadiotapDecoderTest {

    static final HexFormat HEX = HexFormat.of();
    final MutableRadio radio = new MutableRadio();

    int decode(byte[] bytes) {
        radio.reset();
        return RadiotapDecoder.decode(MemorySegment.ofArray(bytes), 0, bytes.length, radio);
    }

    int decodeAtOffset(byte[] bytes, int prefix) {
        byte[] shifted = new byte[bytes.length + prefix];
        System.arraycopy(bytes, 0, shifted, prefix, bytes.length);
        radio.reset();
        return RadiotapDecoder.decode(MemorySegment.ofArray(shifted), prefix, bytes.length, radio);
    }

    @Test
    void typicalEighteenByteHeaderOfAMonitorModeCard() {
        // flags, rate, channel, dBm signal, antenna, RX flags
        byte[] h = HEX.parseHex("000012002e48000000026c09a000c4010000");
        assertThat(decode(h)).isEqualTo(18);
        assertThat(radio.present()).isTrue();
        assertThat(radio.flags()).isEqualTo(0);
        assertThat(radio.rate500Kbps()).isEqualTo(2);
        assertThat(radio.freqMhz()).isEqualTo(2412);
        assertThat(radio.channelFlags()).isEqualTo(0x00a0);
        assertThat(radio.hasSignal()).isTrue();
        assertThat(radio.signalDbm()).isEqualTo(-60);
        assertThat(radio.antenna()).isEqualTo(1);
        assertThat(radio.rxFlags()).isEqualTo(0);
        assertThat(radio.hasNoise()).isFalse();
        assertThat(radio.fcsPresent()).isFalse();
        assertThat(radio.tsft()).isEqualTo(-1);
        assertThat(radio.fault()).isNull();
        assertThat(radio.stoppedAtField()).isEqualTo(-1);
        // the same header deeper in a segment: alignment is relative to the header start
        assertThat(decodeAtOffset(h, 3)).isEqualTo(18);
        assertThat(radio.freqMhz()).isEqualTo(2412);
        assertThat(radio.signalDbm()).isEqualTo(-60);
    }

    @Test
    void channelIsAlignedToTwoBytesAfterTheOneByteFlags() {
        // flags (0x10: FCS at the end), one pad byte, channel 2437, signal -55
        byte[] h = HEX.parseHex("00000f00" + "2a000000" + "10" + "00" + "8509a000" + "c9");
        assertThat(decodeAtOffset(h, 1)).isEqualTo(15);
        assertThat(radio.freqMhz()).isEqualTo(2437);
        assertThat(radio.signalDbm()).isEqualTo(-55);
        assertThat(radio.fcsPresent()).isTrue();
        assertThat(radio.badFcs()).isFalse();
    }

    @Test
    void extendedBitmapMovesTheEightByteAlignedTsft() {
        // two bitmap words (the second empty): data starts at 12, TSFT is padded to 16
        byte[] h = HEX.parseHex("00001800" + "01000080" + "00000000" + "00000000" + "0807060504030201");
        assertThat(decode(h)).isEqualTo(24);
        assertThat(radio.presenceWords()).isEqualTo(2);
        assertThat(radio.tsft()).isEqualTo(0x0102030405060708L);
        assertThat(new RadiotapBuilder().tsft(0x0102030405060708L).extensionWords(1).build()).isEqualTo(h);
    }

    @Test
    void perAntennaRadiotapNamespacesKeepTheCombinedSignal() {
        byte[] expected = HEX.parseHex(
                "00002600" + "2f4000a0" + "200800a0" + "20080000" // three bitmap words, bit 29 + 31 chaining
                + "efcdab8967452301" + "10" + "0c" + "6c16" + "4001" + "d8" + "00" + "0000" // TSFT..RX flags
                + "d6" + "00" // antenna 0: -42 dBm
                + "d3" + "01"); // antenna 1: -45 dBm
        byte[] built = new RadiotapBuilder().tsft(0x0123456789abcdefL).flags(0x10).rate(12).channel(5740, 0x0140)
                .antennaSignal(-40).rxFlags(0)
                .radiotapNamespace().antennaSignal(-42).antenna(0)
                .radiotapNamespace().antennaSignal(-45).antenna(1)
                .build();
        assertThat(HEX.formatHex(built)).isEqualTo(HEX.formatHex(expected));
        assertThat(decode(expected)).isEqualTo(38);
        assertThat(radio.presenceWords()).isEqualTo(3);
        assertThat(radio.tsft()).isEqualTo(0x0123456789abcdefL);
        assertThat(radio.rate500Kbps()).isEqualTo(12);
        assertThat(radio.freqMhz()).isEqualTo(5740);
        assertThat(radio.signalDbm()).isEqualTo(-40);
        assertThat(radio.antenna()).isEqualTo(0);
        assertThat(radio.stoppedAtField()).isEqualTo(-1);
        assertThat(radio.fault()).isNull();
    }

    @Test
    void vendorNamespaceIsSkippedWithItsSkipLength() {
        byte[] expected = HEX.parseHex(
                "00002100" + "0a0000c0" + "010000a0" + "20080000" // radiotap -> vendor (bit 30) -> radiotap (bit 29)
                + "02" + "00" + "9e098000" // flags (short preamble), pad, channel 2462
                + "001122" + "01" + "0300" + "aabbcc" // vendor OUI 00:11:22, sub-namespace 1, 3 bytes of vendor data
                + "c4" + "02"); // back in radiotap: signal -60, antenna 2
        byte[] built = new RadiotapBuilder().flags(0x02).channel(2462, 0x0080)
                .vendorNamespace(0x001122, 1, 0x1, new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc})
                .antennaSignal(-60).antenna(2)
                .build();
        assertThat(HEX.formatHex(built)).isEqualTo(HEX.formatHex(expected));
        assertThat(decode(expected)).isEqualTo(33);
        assertThat(radio.vendorNamespaces()).isEqualTo(1);
        assertThat(radio.freqMhz()).isEqualTo(2462);
        assertThat(radio.signalDbm()).isEqualTo(-60);
        assertThat(radio.antenna()).isEqualTo(2);
        assertThat(radio.fault()).isNull();
    }

    @Test
    void vendorNamespaceWhoseDataRunsPastTheHeaderIsAFaultButKeepsTheLength() {
        byte[] h = HEX.parseHex("00001400" + "020000c0" + "01000000" + "40" + "00" + "001122" + "01" + "ff00" + "00");
        assertThat(decode(h)).isEqualTo(20);
        assertThat(radio.flags()).isEqualTo(0x40);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.VENDOR_OVERRUN);
    }

    @Test
    void unknownFieldStopsTheWalkButKeepsWhatWasDecodedAndTheLength() {
        // bitmap: flags + extension; second word (radiotap namespace) has bit 0 = field 32, not defined
        byte[] h = HEX.parseHex("00001000" + "02000080" + "01000000" + "40" + "112233");
        assertThat(decode(h)).isEqualTo(16);
        assertThat(radio.flags()).isEqualTo(0x40);
        assertThat(radio.badFcs()).isTrue();
        assertThat(radio.stoppedAtField()).isEqualTo(32);
        assertThat(radio.fault()).isNull();
    }

    @Test
    void tlvListAfterBit28StopsTheWalkCleanly() {
        // dBm signal then bit 28: a TLV (type 32, length 4) follows the fields
        byte[] h = HEX.parseHex("00001400" + "20000010" + "b5" + "000000" + "2000" + "0400" + "01020304");
        assertThat(decode(h)).isEqualTo(20);
        assertThat(radio.signalDbm()).isEqualTo(-75);
        assertThat(radio.stoppedAtField()).isEqualTo(28);
    }

    @Test
    void badFcsFlagIsReported() {
        byte[] h = new RadiotapBuilder().flags(MutableRadio.FLAG_FCS | MutableRadio.FLAG_BAD_FCS).build();
        assertThat(decode(h)).isEqualTo(9);
        assertThat(radio.fcsPresent()).isTrue();
        assertThat(radio.badFcs()).isTrue();
        assertThat(radio.dataPad()).isFalse();
    }

    @Test
    void unusableHeadersAreRefusedWithAReason() {
        assertThat(decode(HEX.parseHex("000008"))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.SHORT);
        assertThat(decode(HEX.parseHex("0100080000000000"))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.BAD_VERSION);
        assertThat(decode(HEX.parseHex("0000400000000000"))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.TOO_LONG);
        assertThat(decode(HEX.parseHex("0000040000000000"))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.BAD_LENGTH);
        // every bitmap word says "another word follows" until the header ends
        assertThat(decode(HEX.parseHex("00000c00" + "00000080" + "00000080"))).isEqualTo(-1);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.BITMAP_OVERRUN);
        // channel announced, but it_len leaves room for two bytes only
        assertThat(decode(HEX.parseHex("00000a00" + "08000000" + "6c09"))).isEqualTo(10);
        assertThat(radio.fault()).isEqualTo(RadiotapDecoder.FIELD_OVERRUN);
    }

    @Test
    void everyDefinedFieldRoundTripsThroughTheBuilder() {
        byte[] h = new RadiotapBuilder()
                .tsft(123456789L).flags(0x22).rate(108).channel(5180).fhss(3, 4).antennaSignal(-71).antennaNoise(-96)
                .lockQuality(77).txAttenuation(5).dbTxAttenuation(6).dbmTxPower(20).antenna(3)
                .dbAntennaSignal(40).dbAntennaNoise(10).rxFlags(0x0002).txFlags(0x0008)
                .field(RadiotapDecoder.RTS_RETRIES, new byte[] {1}).field(RadiotapDecoder.DATA_RETRIES, new byte[] {2})
                .xchannel(0x140, 5200, 40, 30).mcs(0x03, 0x01, 15).ampduStatus(0xDEADBEEFL, 0x0004)
                .vht(4, 9, 2).timestamp(987654321L, 1, 0x11, 0).he(11, 3).heMu().heMuOtherUser()
                .zeroLengthPsdu(1).lsig(0x1234, 0x5678)
                .build();
        assertThat(decode(h)).isEqualTo(h.length);
        assertThat(radio.fault()).isNull();
        assertThat(radio.stoppedAtField()).isEqualTo(-1);
        assertThat(radio.tsft()).isEqualTo(123456789L);
        assertThat(radio.flags()).isEqualTo(0x22);
        assertThat(radio.dataPad()).isTrue();
        assertThat(radio.rate500Kbps()).isEqualTo(108);
        assertThat(radio.freqMhz()).isEqualTo(5180); // channel wins over XChannel
        assertThat(radio.channelFlags()).isEqualTo(0x0140);
        assertThat(radio.fhssHopSet()).isEqualTo(3);
        assertThat(radio.fhssPattern()).isEqualTo(4);
        assertThat(radio.signalDbm()).isEqualTo(-71);
        assertThat(radio.hasNoise()).isTrue();
        assertThat(radio.noiseDbm()).isEqualTo(-96);
        assertThat(radio.lockQuality()).isEqualTo(77);
        assertThat(radio.txAttenuation()).isEqualTo(5);
        assertThat(radio.dbTxAttenuation()).isEqualTo(6);
        assertThat(radio.hasDbmTxPower()).isTrue();
        assertThat(radio.dbmTxPower()).isEqualTo(20);
        assertThat(radio.antenna()).isEqualTo(3);
        assertThat(radio.dbSignal()).isEqualTo(40);
        assertThat(radio.dbNoise()).isEqualTo(10);
        assertThat(radio.rxFlags()).isEqualTo(2);
        assertThat(radio.txFlags()).isEqualTo(8);
        assertThat(radio.mcsIndex()).isEqualTo(15);
        assertThat(radio.ampduReference()).isEqualTo(0xDEADBEEFL);
        assertThat(radio.ampduFlags()).isEqualTo(4);
        assertThat(radio.vhtMcs()).isEqualTo(9);
        assertThat(radio.vhtNss()).isEqualTo(2);
        assertThat(radio.timestamp()).isEqualTo(987654321L);
        assertThat(radio.hasHe()).isTrue();
        assertThat(radio.heMcs()).isEqualTo(11);
        assertThat(radio.bandwidthMhz()).isEqualTo(160); // HE comes last and says 160
        assertThat(radio.hasHeMu()).isTrue();
        assertThat(radio.zeroLengthPsdu()).isEqualTo(1);
        assertThat(radio.lsigData1()).isEqualTo(0x1234);
        assertThat(radio.lsigData2()).isEqualTo(0x5678);
    }

    @Test
    void bandwidthFromMcsAndVhtAndFrequencyFromXChannel() {
        assertThat(decode(new RadiotapBuilder().mcs(0x03, 0x01, 7).build())).isPositive();
        assertThat(radio.bandwidthMhz()).isEqualTo(40);
        assertThat(radio.mcsIndex()).isEqualTo(7);
        assertThat(decode(new RadiotapBuilder().vht(4, 8, 1).build())).isPositive();
        assertThat(radio.bandwidthMhz()).isEqualTo(80);
        assertThat(decode(new RadiotapBuilder().xchannel(0x140, 5745, 149, 0).build())).isPositive();
        assertThat(radio.freqMhz()).isEqualTo(5745);
        assertThat(radio.mcsIndex()).isEqualTo(-1);
    }

    @Test
    void resetClearsEverything() {
        decode(new RadiotapBuilder().flags(0x50).channel(2412).antennaSignal(-30).build());
        radio.reset();
        assertThat(radio.present()).isFalse();
        assertThat(radio.freqMhz()).isEqualTo(-1);
        assertThat(radio.hasSignal()).isFalse();
        assertThat(radio.flags()).isEqualTo(-1);
        assertThat(radio.badFcs()).isFalse();
        decode(new RadiotapBuilder().mcs(0x03, 0x01, 7).he(3, 1).lockQuality(9).build());
        assertThat(radio.mcsIndex()).isEqualTo(7);
        radio.reset();
        assertThat(radio.mcsIndex()).isEqualTo(-1);
        assertThat(radio.hasHe()).isFalse();
        assertThat(radio.bandwidthMhz()).isEqualTo(-1);
        assertThat(radio.lockQuality()).isEqualTo(-1);
    }
}
