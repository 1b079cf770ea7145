package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

class ProtectionTest {

    static final long AP = mac("00:11:22:33:44:55"), STA = mac("02:aa:bb:cc:dd:ee");

    @Test
    void wepIvAndKeyId() {
        var f = frame(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).wep(0xABCDEF, 2).build());
        assertThat(f.protectedFrame()).isTrue();
        assertThat(f.hasWepIv()).isTrue();
        assertThat(f.wepIv()).isEqualTo(0xABCDEF);
        assertThat(f.keyId()).isEqualTo(2);
        assertThat(f.extendedIv()).isFalse();
        assertThat(f.ccmpPacketNumber()).isEqualTo(-1);
        assertThat(f.etherType()).isEqualTo(-1);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void ccmpPacketNumberUsesAll48Bits() {
        var f = frame(FrameBuilder.qosData().fromDs().bssid(AP).source(AP).destination(STA).ccmp(0xA1B2_C3D4_E5F6L, 1).build());
        assertThat(f.extendedIv()).isTrue();
        assertThat(f.hasWepIv()).isFalse();
        assertThat(f.wepIv()).isEqualTo(-1);
        assertThat(f.keyId()).isEqualTo(1);
        assertThat(f.ccmpPacketNumber()).isEqualTo(0xA1B2_C3D4_E5F6L);
    }

    @Test
    void truncatedIv() {
        byte[] b = FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).ccmp(5, 0).build();
        var f = frame(b, 24 + 6, false);
        assertThat(f.keyId()).isZero();
        assertThat(f.extendedIv()).isTrue();
        assertThat(f.ccmpPacketNumber()).isEqualTo(-1);
        assertThat(f.malformed()).isEqualTo("truncated iv");
        f = frame(b, 24 + 2, false);
        assertThat(f.keyId()).isEqualTo(-1);
        assertThat(f.malformed()).isEqualTo("truncated iv");
    }

    @Test
    void sharedKeyAuthenticationThirdFrameIsWep() {
        var f = frame(FrameBuilder.auth().bssid(AP).destination(AP).source(STA).wep(0x000102, 0).build());
        assertThat(f.hasWepIv()).isTrue();
        assertThat(f.wepIv()).isEqualTo(0x000102);
        assertThat(f.authAlgorithm()).isEqualTo(-1);
    }
}
