package io.sentinel.wifi.dot11;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.ByteRecord;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.radio.RadiotapBuilder;
import org.junit.jupiter.api.Test;

/** The 802.11 decoder behind the radiotap dispatcher: offsets, FCS and radio-derived channel. */
class FrameDecoderPipelineTest {

    static final long AP = MacAddress.parse("00:11:22:33:44:55"), STA = MacAddress.parse("02:aa:bb:cc:dd:ee");

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void radiotapBeaconWithFcsDecodesLikeTheBareFrame() {
        byte[] dot11 = FrameBuilder.beacon().ap(AP).seq(77).ssid("Pipe").channel(6).rsn(Rsn.wpa2Psk()).fcs().build();
        byte[] radiotap = new RadiotapBuilder().flags(0x10).channel(2437).antennaSignal(-42).build();
        var f = new FrameDecoder().decode(new ByteRecord(concat(radiotap, dot11), 127, 1, 5_000_000_000L, -1));
        assertThat(f.malformed()).isNull();
        assertThat(f.dot11Offset()).isEqualTo(radiotap.length);
        assertThat(f.dot11Length()).isEqualTo(dot11.length - 4);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.sequence()).isEqualTo(77);
        assertThat(f.ssid()).isEqualTo("Pipe");
        assertThat(f.elements().ssidOffset()).isEqualTo(radiotap.length + 24 + 12 + 2);
        assertThat(f.security().label()).isEqualTo("wpa2-psk");
        assertThat(f.elements().count()).isEqualTo(3); // the FCS was not read as an element
        assertThat(f.freqMhz()).isEqualTo(2437);
        assertThat(f.channel()).isEqualTo(6);
        assertThat(f.radio().signalDbm()).isEqualTo(-42);
    }

    @Test
    void radioFrequencyWinsOverTheDsParameter() {
        byte[] dot11 = FrameBuilder.beacon().ap(AP).ssid("Off").channel(1).build();
        byte[] radiotap = new RadiotapBuilder().channel(2462).build();
        var f = new FrameDecoder().decode(new ByteRecord(concat(radiotap, dot11), 127, 1, 0, -1));
        assertThat(f.channel()).isEqualTo(11);
        assertThat(f.freqMhz()).isEqualTo(2462);
        assertThat(f.elements().dsChannel()).isEqualTo(1);
    }

    @Test
    void eapolBehindRadiotap() {
        byte[] dot11 = FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(1).replayCounter(5).pmkid(new byte[16])).build();
        byte[] radiotap = new RadiotapBuilder().channel(5180).build();
        var f = new FrameDecoder().decode(new ByteRecord(concat(radiotap, dot11), 127, 1, 0, -1));
        assertThat(f.eapolKey().message()).isEqualTo(1);
        assertThat(f.eapolKey().replayCounter()).isEqualTo(5);
        assertThat(f.eapolKey().pmkidZero()).isTrue();
        assertThat(f.eapolKey().nonceOffset()).isEqualTo(radiotap.length + 24 + 8 + 4 + 13);
    }

    @Test
    void fcsDeclaredByTheInterfaceIsLeftOut() {
        byte[] dot11 = FrameBuilder.deauth().ap(AP).destination(STA).reason(4).fcs().build();
        var f = new FrameDecoder().decode(new ByteRecord(dot11, 105, 1, 0, 4));
        assertThat(f.reasonCode()).isEqualTo(4);
        assertThat(f.dot11Length()).isEqualTo(26);
        assertThat(f.malformed()).isNull();
    }
}
