package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

class EapolDecodingTest {

    static final long AP = mac("00:11:22:33:44:55"), STA = mac("02:aa:bb:cc:dd:ee");
    static final byte[] PMKID = hex("00112233445566778899aabbccddeeff");

    private static DecodedFrame fromAp(EapolKeyBuilder k) { return frame(FrameBuilder.eapolFromAp(AP, STA, k).build()); }

    private static DecodedFrame toAp(EapolKeyBuilder k) { return frame(FrameBuilder.eapolToAp(AP, STA, k).build()); }

    @Test
    void messageOneWithPmkid() {
        byte[] anonce = new byte[32];
        for (int i = 0; i < 32; i++) anonce[i] = (byte) (0xA0 + i);
        var f = fromAp(EapolKeyBuilder.message(1).replayCounter(1).nonce(anonce).pmkid(PMKID));
        assertThat(f.etherType()).isEqualTo(0x888E);
        assertThat(f.isEapol()).isTrue();
        assertThat(f.eapolType()).isEqualTo(3);
        var k = f.eapolKey();
        assertThat(k.present()).isTrue();
        assertThat(k.descriptorType()).isEqualTo(2);
        assertThat(k.descriptorVersion()).isEqualTo(2);
        assertThat(k.keyInformation()).isEqualTo(0x008A);
        assertThat(k.message()).isEqualTo(1);
        assertThat(k.groupHandshake()).isFalse();
        assertThat(k.ack()).isTrue();
        assertThat(k.mic()).isFalse();
        assertThat(k.install()).isFalse();
        assertThat(k.secure()).isFalse();
        assertThat(k.keyLength()).isEqualTo(16);
        assertThat(k.replayCounter()).isEqualTo(1);
        assertThat(k.nonce()).isEqualTo(anonce);
        assertThat(k.nonceZero()).isFalse();
        assertThat(k.nonceHash()).isNotZero();
        assertThat(k.keyDataLength()).isEqualTo(22);
        assertThat(k.hasPmkid()).isTrue();
        assertThat(k.pmkid()).isEqualTo(PMKID);
        assertThat(k.pmkidZero()).isFalse();
        assertThat(k.micZero()).isTrue();
        assertThat(k.micLength()).isEqualTo(16);
        assertThat(f.source()).isEqualTo(AP);
        assertThat(f.destination()).isEqualTo(STA);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void zeroPmkidIsNoticed() {
        var k = fromAp(EapolKeyBuilder.message(1).pmkid(new byte[16])).eapolKey();
        assertThat(k.hasPmkid()).isTrue();
        assertThat(k.pmkidZero()).isTrue();
    }

    @Test
    void messageOneWithoutKeyData() {
        var k = fromAp(EapolKeyBuilder.message(1)).eapolKey();
        assertThat(k.message()).isEqualTo(1);
        assertThat(k.hasPmkid()).isFalse();
        assertThat(k.pmkidOffset()).isEqualTo(-1);
        assertThat(k.keyDataLength()).isZero();
    }

    @Test
    void messageTwoCarriesKeyDataAndASnonce() {
        var f = toAp(EapolKeyBuilder.message(2).replayCounter(1));
        var k = f.eapolKey();
        assertThat(k.message()).isEqualTo(2);
        assertThat(k.mic()).isTrue();
        assertThat(k.ack()).isFalse();
        assertThat(k.keyDataLength()).isEqualTo(22);
        assertThat(k.hasPmkid()).isFalse();
        assertThat(f.source()).isEqualTo(STA);
        assertThat(f.bssid()).isEqualTo(AP);
    }

    @Test
    void messageThree() {
        var k = fromAp(EapolKeyBuilder.message(3).replayCounter(2)).eapolKey();
        assertThat(k.message()).isEqualTo(3);
        assertThat(k.install()).isTrue();
        assertThat(k.secure()).isTrue();
        assertThat(k.encryptedKeyData()).isTrue();
        assertThat(k.replayCounter()).isEqualTo(2);
        assertThat(k.hasPmkid()).isFalse();
    }

    @Test
    void messageFourHasAZeroNonceAndNoKeyData() {
        var k = toAp(EapolKeyBuilder.message(4).replayCounter(2)).eapolKey();
        assertThat(k.message()).isEqualTo(4);
        assertThat(k.nonceZero()).isTrue();
        assertThat(k.keyDataLength()).isZero();
    }

    @Test
    void messageFourWithANonceIsStillFourWhenSecure() {
        byte[] n = new byte[32];
        n[5] = 1;
        var k = toAp(EapolKeyBuilder.message(4).nonce(n)).eapolKey();
        assertThat(k.message()).isEqualTo(4);
    }

    @Test
    void messageTwoWithoutKeyDataIsTwoWhenItsNonceIsSet() {
        var k = toAp(EapolKeyBuilder.message(2).keyData(new byte[0])).eapolKey();
        assertThat(k.message()).isEqualTo(2);
    }

    @Test
    void wpaDescriptor() {
        var k = fromAp(EapolKeyBuilder.message(1).descriptorType(254).keyInfo(0x0089)).eapolKey();
        assertThat(k.descriptorType()).isEqualTo(254);
        assertThat(k.descriptorVersion()).isEqualTo(1);
        assertThat(k.message()).isEqualTo(1);
    }

    @Test
    void groupKeyHandshakeIsMessageZero() {
        var k = fromAp(EapolKeyBuilder.groupMessage(1).replayCounter(9)).eapolKey();
        assertThat(k.groupHandshake()).isTrue();
        assertThat(k.message()).isZero();
        assertThat(k.replayCounter()).isEqualTo(9);
    }

    @Test
    void requestFramesAreNotHandshakeMessages() {
        var k = toAp(EapolKeyBuilder.message(4).keyInfo(0x0B0A)).eapolKey();
        assertThat(k.request()).isTrue();
        assertThat(k.message()).isEqualTo(-1);
    }

    @Test
    void replayCounterUsesAll64Bits() {
        var k = fromAp(EapolKeyBuilder.message(1).replayCounter(0x8000_0000_0000_0001L)).eapolKey();
        assertThat(k.replayCounter()).isEqualTo(0x8000_0000_0000_0001L);
    }

    @Test
    void keyDataLengthOverrunningTheFrameIsClamped() {
        var f = fromAp(EapolKeyBuilder.message(1).pmkid(PMKID).declaredKeyDataLength(500));
        assertThat(f.malformed()).isEqualTo("eapol key data overruns frame");
        assertThat(f.eapolKey().keyDataLength()).isEqualTo(22);
        assertThat(f.eapolKey().message()).isEqualTo(1);
        assertThat(f.eapolKey().hasPmkid()).isTrue();
    }

    @Test
    void truncatedKeyFrameKeepsTheKeyInformation() {
        byte[] b = FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(1).replayCounter(3)).build();
        var f = frame(b, 24 + 8 + 4 + 20, false);
        var k = f.eapolKey();
        assertThat(k.present()).isTrue();
        assertThat(k.keyInformation()).isEqualTo(0x008A);
        assertThat(k.replayCounter()).isEqualTo(3);
        assertThat(k.nonceOffset()).isEqualTo(-1);
        assertThat(k.message()).isEqualTo(1); // messages 1 and 3 need only the key information
        assertThat(f.malformed()).isEqualTo("truncated eapol-key");
    }

    @Test
    void eapolStartIsEapolButNotAKey() {
        var f = frame(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).eapolPacket(1).build());
        assertThat(f.isEapol()).isTrue();
        assertThat(f.eapolType()).isEqualTo(1);
        assertThat(f.eapolKey().present()).isFalse();
        assertThat(f.malformed()).isNull();
    }

    @Test
    void eapolInsideQosData() {
        var f = frame(FrameBuilder.qosData().qos(7).fromDs().bssid(AP).source(AP).destination(STA)
                .eapol(EapolKeyBuilder.message(3)).build());
        assertThat(f.eapolKey().message()).isEqualTo(3);
    }

    @Test
    void amsduPayloadIsNotReadAsLlc() {
        var f = frame(FrameBuilder.qosData().qos(0x80).fromDs().bssid(AP).source(AP).destination(STA)
                .eapol(EapolKeyBuilder.message(1)).build());
        assertThat(f.etherType()).isEqualTo(-1);
        assertThat(f.isEapol()).isFalse();
    }

    @Test
    void twentyFourByteMicIsRecognisedByTheBodyLength() {
        // key descriptor with a 24-byte MIC (AKM 12): 95 + 8 bytes, key data length at 101
        byte[] body = new byte[103 + 4];
        body[0] = 2;
        body[1] = 0x01; // key info 0x010A: pairwise, mic, version 2 ... (msg 2)
        body[2] = 0x0A;
        for (int i = 13; i < 45; i++) body[i] = 0x33;
        body[102] = 4; // key data length 4
        byte[] eapol = new byte[4 + body.length];
        eapol[0] = 2;
        eapol[1] = 3;
        eapol[3] = (byte) body.length;
        System.arraycopy(body, 0, eapol, 4, body.length);
        var f = frame(FrameBuilder.data().toDs().bssid(AP).source(STA).destination(AP).llcSnap(0x888E, eapol).build());
        var k = f.eapolKey();
        assertThat(k.micLength()).isEqualTo(24);
        assertThat(k.keyDataLength()).isEqualTo(4);
        assertThat(k.message()).isEqualTo(2);
        assertThat(f.malformed()).isNull();
    }
}
