package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.Subtype;
import org.junit.jupiter.api.Test;

/** Frames written out byte by byte from the 802.11 layouts, independent of the builders. */
class KnownFrameVectorsTest {

    static final String BEACON =
            "8000 0000 ffffffffffff 001122334455 001122334455 1000"     // header, seq 1 frag 0
            + "0807060504030201 6400 1104"                                   // tsf, interval 100, capability ESS|privacy|short slot
            + "0004 74657374"                                                // SSID "test"
            + "0108 8284 8b96 0c12 1824"                                     // supported rates
            + "0301 06"                                                      // DS parameter set: channel 6
            + "3014 0100 000fac04 0100 000fac04 0100 000fac02 0c00";         // RSN: CCMP/CCMP/PSK, caps 0x000c

    @Test
    void wpa2PskBeacon() {
        var f = frame(hex(BEACON));
        assertThat(f.subtype()).isEqualTo(Subtype.BEACON);
        assertThat(MacAddress.format(f.bssid())).isEqualTo("00:11:22:33:44:55");
        assertThat(f.destination()).isEqualTo(MacAddress.BROADCAST);
        assertThat(f.sequence()).isEqualTo(1);
        assertThat(f.tsf()).isEqualTo(0x0102030405060708L);
        assertThat(f.beaconInterval()).isEqualTo(100);
        assertThat(f.capabilityInfo()).isEqualTo(0x0411);
        assertThat(f.ssid()).isEqualTo("test");
        assertThat(f.elements().rateCount()).isEqualTo(8);
        assertThat(f.channel()).isEqualTo(6);
        Security s = f.security();
        assertThat(s.label()).isEqualTo("wpa2-psk");
        assertThat(s.groupCipher()).isEqualTo(Security.CIPHER_CCMP);
        assertThat(s.pairwiseCiphers()).isEqualTo(Security.CIPHER_CCMP);
        assertThat(s.akms()).isEqualTo(Security.AKM_PSK);
        assertThat(s.rsnCapabilities()).isEqualTo(0x000C);
        assertThat(s.pmfCapable()).isFalse();
        assertThat(f.malformed()).isNull();
    }

    static final String EAPOL_M1 =
            "0802 3a01 020c4182b255 000d9382363a 000d9382363a 8000"        // FromDS data, seq 8
            + "aaaa03 000000 888e"                                            // LLC/SNAP EAPOL
            + "0203 0075"                                                     // EAPOL v2, key, length 117
            + "02 008a 0010 0000000000000001"                                 // RSN descriptor, info, key len 16, replay 1
            + "3e8e967dacd960324cac5b6aa721235bf57b949771c867989f49d04ed47c6933" // ANonce
            + "00000000000000000000000000000000 0000000000000000 0000000000000000" // IV, RSC, reserved
            + "00000000000000000000000000000000 0016"                         // MIC, key data length 22
            + "dd14 000fac04 5a2b1e76f1b3e6e88c5d0e9b3a1f7c42";               // PMKID KDE

    @Test
    void eapolMessageOneWithPmkid() {
        var f = frame(hex(EAPOL_M1));
        assertThat(f.subtype()).isEqualTo(Subtype.DATA);
        assertThat(f.fromDs()).isTrue();
        assertThat(MacAddress.format(f.destination())).isEqualTo("02:0c:41:82:b2:55");
        assertThat(MacAddress.format(f.bssid())).isEqualTo("00:0d:93:82:36:3a");
        assertThat(f.sequence()).isEqualTo(8);
        var k = f.eapolKey();
        assertThat(k.message()).isEqualTo(1);
        assertThat(k.replayCounter()).isEqualTo(1);
        assertThat(k.nonce()[0]).isEqualTo((byte) 0x3e);
        assertThat(k.nonceOffset()).isEqualTo(24 + 8 + 4 + 13);
        assertThat(k.keyDataOffset()).isEqualTo(24 + 8 + 4 + 95);
        assertThat(k.pmkid()).isEqualTo(hex("5a2b1e76f1b3e6e88c5d0e9b3a1f7c42"));
        assertThat(f.malformed()).isNull();
    }

    @Test
    void ccmpProtectedQosData() {
        var f = frame(hex("8841 2c00 001122334455 020c4182b255 ffffffffffff 3000 0000"
                + "0500 0020 00000000" + "deadbeefdeadbeef 0102030405060708"));
        assertThat(f.subtype()).isEqualTo(Subtype.QOS_DATA);
        assertThat(f.toDs()).isTrue();
        assertThat(f.protectedFrame()).isTrue();
        assertThat(f.ccmpPacketNumber()).isEqualTo(5);
        assertThat(f.keyId()).isZero();
        assertThat(f.source()).isEqualTo(mac("02:0c:41:82:b2:55"));
    }

    @Test
    void deauthenticationReasonSeven() {
        var f = frame(hex("c000 3a01 020c4182b255 001122334455 001122334455 2000 0700"));
        assertThat(f.subtype()).isEqualTo(Subtype.DEAUTH);
        assertThat(f.reasonCode()).isEqualTo(7);
        assertThat(f.sequence()).isEqualTo(2);
        assertThat(f.durationId()).isEqualTo(314);
    }

    @Test
    void saeCommitGroup19() {
        var f = frame(hex("b000 3a01 001122334455 020c4182b255 001122334455 1000 0300 0100 0000 1300" + "11".repeat(96)));
        assertThat(f.isSaeCommit()).isTrue();
        assertThat(f.saeGroup()).isEqualTo(19);
    }

    @Test
    void ackAndRts() {
        var ack = frame(hex("d400 0000 020c4182b255"));
        assertThat(ack.subtype()).isEqualTo(Subtype.ACK);
        assertThat(ack.receiver()).isEqualTo(mac("02:0c:41:82:b2:55"));
        var rts = frame(hex("b400 2c01 001122334455 020c4182b255"));
        assertThat(rts.subtype()).isEqualTo(Subtype.RTS);
        assertThat(rts.transmitter()).isEqualTo(mac("02:0c:41:82:b2:55"));
    }
}
