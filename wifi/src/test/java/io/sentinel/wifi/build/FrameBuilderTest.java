package io.sentinel.wifi.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.wifi.MacAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class FrameBuilderTest {

    static final HexFormat HEX = HexFormat.of();
    static final long AP = MacAddress.parse("00:11:22:33:44:55"), STA = MacAddress.parse("02:aa:bb:cc:dd:ee");

    static byte[] hex(String s) { return HEX.parseHex(s.replaceAll("\\s", "")); }

    @Test
    void beaconBytesFollowTheStandardLayout() {
        byte[] b = FrameBuilder.beacon().ap(AP).seq(1).timestamp(0x0102030405060708L).beaconInterval(100)
                .ssid("test").channel(6).rsn(Rsn.wpa2Psk()).build();
        assertThat(HEX.formatHex(b)).isEqualTo(
                "80000000" + "ffffffffffff" + "001122334455" + "001122334455" + "1000"
                + "0807060504030201" + "6400" + "1104"
                + "000474657374" + "030106"
                + "3014" + "0100" + "000fac04" + "0100000fac04" + "0100000fac02" + "0000");
    }

    @Test
    void fcsIsTheCrc32OfTheFrameLittleEndian() {
        byte[] frame = FrameBuilder.ack().receiver(STA).build();
        byte[] withFcs = FrameBuilder.ack().receiver(STA).fcs().build();
        assertThat(withFcs).hasSize(frame.length + 4);
        assertThat(Arrays.copyOf(withFcs, frame.length)).isEqualTo(frame);
        CRC32 crc = new CRC32();
        crc.update(frame);
        long v = crc.getValue();
        assertThat(Arrays.copyOfRange(withFcs, frame.length, frame.length + 4))
                .containsExactly((int) v & 0xFF, (int) (v >>> 8) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 24) & 0xFF);
        byte[] bad = FrameBuilder.ack().receiver(STA).badFcs().build();
        assertThat(Arrays.copyOfRange(bad, frame.length, frame.length + 4)).isNotEqualTo(Arrays.copyOfRange(withFcs, frame.length, frame.length + 4));
    }

    @Test
    void crcOfAKnownString() {
        // the CRC-32 check value of "123456789" is cbf43926
        CRC32 crc = new CRC32();
        crc.update("123456789".getBytes());
        assertThat(crc.getValue()).isEqualTo(0xCBF43926L);
    }

    @Test
    void rsnElementBytes() {
        assertThat(HEX.formatHex(Rsn.wpa3Sae().rsnElement()))
                .isEqualTo("301a" + "0100" + "000fac04" + "0100000fac04" + "0100000fac08" + "c000" + "0000" + "000fac06");
        assertThat(HEX.formatHex(Rsn.transition().rsnBody())).isEqualTo("0100000fac04" + "0100000fac04" + "0200000fac02000fac08" + "8000");
        assertThat(HEX.formatHex(Rsn.wpaPsk().wpaElement())).isEqualTo("dd16" + "0050f201" + "0100" + "0050f202" + "01000050f202" + "01000050f202");
        assertThat(HEX.formatHex(Rsn.wpa2Psk().pairwiseCount(9).rsnBody())).startsWith("0100000fac040900");
        assertThat(HEX.formatHex(Rsn.wpa2Psk().capabilities(-1).rsnBody())).isEqualTo("0100000fac040100000fac040100000fac02");
    }

    @Test
    void hostileElementLengths() {
        assertThat(InfoElements.withLength(0, 255, (byte) 'a')).containsExactly(0, 255, 'a');
        byte[] b = FrameBuilder.probeRequest().source(STA).raw(InfoElements.withLength(0, 200, new byte[3])).build();
        assertThat(b).hasSize(24 + 5);
        assertThat(b[25] & 0xFF).isEqualTo(200);
        assertThatThrownBy(() -> InfoElements.element(1, new byte[256])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataFramesPlaceAddressesByDsBits() {
        long host = MacAddress.parse("66:77:88:99:aa:bb");
        byte[] toDs = FrameBuilder.data().toDs().bssid(AP).source(STA).destination(host).build();
        assertThat(HEX.formatHex(toDs, 0, 22)).isEqualTo("08010000" + "001122334455" + "02aabbccddee" + "66778899aabb");
        byte[] fromDs = FrameBuilder.data().fromDs().bssid(AP).source(host).destination(STA).build();
        assertThat(HEX.formatHex(fromDs, 0, 22)).isEqualTo("08020000" + "02aabbccddee" + "001122334455" + "66778899aabb");
        byte[] wds = FrameBuilder.data().wds().receiver(AP).transmitter(STA).destination(host).source(STA).build();
        assertThat(wds).hasSize(30);
        assertThat(HEX.formatHex(wds, 24, 30)).isEqualTo("02aabbccddee");
    }

    @Test
    void eapolKeyMessagesSetTheUsualKeyInformation() {
        assertThat(keyInfo(EapolKeyBuilder.message(1))).isEqualTo(0x008A);
        assertThat(keyInfo(EapolKeyBuilder.message(2))).isEqualTo(0x010A);
        assertThat(keyInfo(EapolKeyBuilder.message(3))).isEqualTo(0x13CA);
        assertThat(keyInfo(EapolKeyBuilder.message(4))).isEqualTo(0x030A);
        byte[] m1 = EapolKeyBuilder.message(1).replayCounter(0x0102).pmkid(new byte[16]).bytes();
        assertThat(m1).hasSize(4 + 95 + 22);
        assertThat(HEX.formatHex(m1, 0, 4)).isEqualTo("02030075");
        assertThat(HEX.formatHex(m1, 9, 17)).isEqualTo("0000000000000102");
        assertThat(HEX.formatHex(m1, 99, 105)).isEqualTo("dd14000fac04");
        assertThatThrownBy(() -> EapolKeyBuilder.message(5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int keyInfo(EapolKeyBuilder k) {
        byte[] b = k.bytes();
        return ((b[5] & 0xFF) << 8) | (b[6] & 0xFF);
    }

    @Test
    void protectedFramesCarryTheirIvHeader() {
        byte[] ccmp = FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).ccmp(0x0000_0102_0304L, 1).ciphertext(0).build();
        assertThat(ccmp[1] & 0x40).isEqualTo(0x40);
        assertThat(HEX.formatHex(ccmp, 24, 32)).isEqualTo("0403006002010000");
        byte[] wep = FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).wep(0xABCDEF, 3).ciphertext(0).build();
        assertThat(HEX.formatHex(wep, 24, 28)).isEqualTo("abcdefc0");
    }

    @Test
    void controlFrameLengths() {
        assertThat(FrameBuilder.ack().receiver(STA).build()).hasSize(10);
        assertThat(FrameBuilder.cts().receiver(STA).build()).hasSize(10);
        assertThat(FrameBuilder.rts().receiver(AP).transmitter(STA).build()).hasSize(16);
        assertThat(FrameBuilder.psPoll().receiver(AP).transmitter(STA).build()).hasSize(16);
        assertThat(FrameBuilder.blockAckRequest().receiver(AP).transmitter(STA).build()).hasSize(20);
        assertThat(FrameBuilder.blockAck().receiver(AP).transmitter(STA).build()).hasSize(28);
    }

    @Test
    void byteRecordIsARecordOfLinkType105() {
        byte[] b = FrameBuilder.ack().receiver(STA).build();
        var r = ByteRecord.dot11(b, 7, 1_000_000_000L);
        assertThat(r.linkType()).isEqualTo(105);
        assertThat(r.recordNumber()).isEqualTo(7);
        assertThat(r.timestampNanos()).isEqualTo(1_000_000_000L);
        assertThat(r.capturedLength()).isEqualTo(10);
        assertThat(r.segment().byteSize()).isEqualTo(10);
        assertThat(r.segment()).isSameAs(r.segment());
    }
}
