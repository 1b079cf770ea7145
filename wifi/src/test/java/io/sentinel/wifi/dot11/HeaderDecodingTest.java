package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

class HeaderDecodingTest {

    static final long AP = mac("00:11:22:33:44:55"), STA = mac("02:aa:bb:cc:dd:ee"), HOST = mac("66:77:88:99:aa:bb"),
            PEER = mac("0a:0b:0c:0d:0e:0f");

    @Test
    void managementFrameTakesDestinationSourceBssidFromAddr123() {
        var f = frame(FrameBuilder.deauth().bssid(AP).source(AP).destination(STA).seq(1234).fragment(3).retry().duration(314).build());
        assertThat(f.hasDot11()).isTrue();
        assertThat(f.type()).isEqualTo(FrameType.MGMT);
        assertThat(f.subtype()).isEqualTo(Subtype.DEAUTH);
        assertThat(f.addr1()).isEqualTo(STA);
        assertThat(f.addr2()).isEqualTo(AP);
        assertThat(f.addr3()).isEqualTo(AP);
        assertThat(f.addr4()).isEqualTo(MacAddress.NONE);
        assertThat(f.destination()).isEqualTo(STA);
        assertThat(f.source()).isEqualTo(AP);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.receiver()).isEqualTo(STA);
        assertThat(f.transmitter()).isEqualTo(AP);
        assertThat(f.sequence()).isEqualTo(1234);
        assertThat(f.fragment()).isEqualTo(3);
        assertThat(f.retry()).isTrue();
        assertThat(f.durationId()).isEqualTo(314);
        assertThat(f.malformed()).isNull();
        assertThat(f.dot11Offset()).isZero();
        assertThat(f.bodyOffset()).isEqualTo(24);
    }

    @Test
    void dataFrameWithoutDsBitsIsAdHoc() {
        var f = frame(FrameBuilder.data().destination(STA).source(HOST).bssid(AP).build());
        assertThat(f.toDs()).isFalse();
        assertThat(f.fromDs()).isFalse();
        assertThat(f.destination()).isEqualTo(STA);
        assertThat(f.source()).isEqualTo(HOST);
        assertThat(f.bssid()).isEqualTo(AP);
    }

    @Test
    void toDsDataFrameHasBssidFirstThenSourceThenDestination() {
        byte[] b = FrameBuilder.data().toDs().bssid(AP).source(STA).destination(HOST).build();
        var f = frame(b);
        assertThat(f.toDs()).isTrue();
        assertThat(f.addr1()).isEqualTo(AP);
        assertThat(f.addr2()).isEqualTo(STA);
        assertThat(f.addr3()).isEqualTo(HOST);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.source()).isEqualTo(STA);
        assertThat(f.destination()).isEqualTo(HOST);
    }

    @Test
    void fromDsDataFrameHasDestinationThenBssidThenSource() {
        var f = frame(FrameBuilder.data().fromDs().bssid(AP).source(HOST).destination(STA).build());
        assertThat(f.fromDs()).isTrue();
        assertThat(f.addr1()).isEqualTo(STA);
        assertThat(f.addr2()).isEqualTo(AP);
        assertThat(f.addr3()).isEqualTo(HOST);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.source()).isEqualTo(HOST);
        assertThat(f.destination()).isEqualTo(STA);
    }

    @Test
    void fourAddressFrameHasNoBssidAndTakesSourceFromAddr4() {
        var f = frame(FrameBuilder.qosData().wds().receiver(AP).transmitter(PEER).destination(HOST).source(STA).qos(5)
                .llcSnap(0x0800, new byte[20]).build());
        assertThat(f.addr1()).isEqualTo(AP);
        assertThat(f.addr2()).isEqualTo(PEER);
        assertThat(f.addr3()).isEqualTo(HOST);
        assertThat(f.addr4()).isEqualTo(STA);
        assertThat(f.receiver()).isEqualTo(AP);
        assertThat(f.transmitter()).isEqualTo(PEER);
        assertThat(f.bssid()).isEqualTo(MacAddress.NONE);
        assertThat(f.source()).isEqualTo(STA);
        assertThat(f.destination()).isEqualTo(HOST);
        assertThat(f.qosControl()).isEqualTo(5);
        assertThat(f.etherType()).isEqualTo(0x0800);
        assertThat(f.bodyOffset()).isEqualTo(32);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void qosDataWithOrderBitCarriesHtControl() {
        var f = frame(FrameBuilder.qosData().toDs().bssid(AP).source(STA).destination(HOST).qos(0x0006)
                .htControl(0x1234_5678).llcSnap(0x86DD, new byte[8]).build());
        assertThat(f.order()).isTrue();
        assertThat(f.qosControl()).isEqualTo(6);
        assertThat(f.htControl()).isEqualTo(0x1234_5678);
        assertThat(f.etherType()).isEqualTo(0x86DD);
    }

    @Test
    void managementFrameWithOrderBitCarriesHtControlBeforeTheBody() {
        var f = frame(FrameBuilder.deauth().ap(AP).destination(STA).htControl(0x0000_00FF).reason(3).build());
        assertThat(f.htControl()).isEqualTo(0xFF);
        assertThat(f.reasonCode()).isEqualTo(3);
        assertThat(f.bodyOffset()).isEqualTo(28);
    }

    @Test
    void nonQosDataWithOrderBitHasNoHtControl() {
        var f = frame(FrameBuilder.data().toDs().order().bssid(AP).source(STA).destination(HOST).llcSnap(0x0806, new byte[28]).build());
        assertThat(f.htControl()).isEqualTo(-1);
        assertThat(f.etherType()).isEqualTo(0x0806);
    }

    @Test
    void nullFunctionFrameHasNoPayload() {
        var f = frame(FrameBuilder.nullData().toDs().powerManagement().bssid(AP).source(STA).destination(AP).build());
        assertThat(f.subtype()).isEqualTo(Subtype.NULL);
        assertThat(f.powerManagement()).isTrue();
        assertThat(f.etherType()).isEqualTo(-1);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void flagsAreDecodedBitByBit() {
        var f = frame(FrameBuilder.data().flags(0xFF & ~0x40).bssid(AP).source(STA).destination(HOST).build());
        assertThat(f.toDs()).isTrue();
        assertThat(f.fromDs()).isTrue();
        assertThat(f.moreFragments()).isTrue();
        assertThat(f.retry()).isTrue();
        assertThat(f.powerManagement()).isTrue();
        assertThat(f.moreData()).isTrue();
        assertThat(f.protectedFrame()).isFalse();
        assertThat(f.order()).isTrue();
    }

    @Test
    void ctsAndAckCarryOnlyTheReceiver() {
        for (var b : new FrameBuilder[] {FrameBuilder.cts(), FrameBuilder.ack()}) {
            var f = frame(b.receiver(STA).duration(44).build());
            assertThat(f.dot11Length()).isEqualTo(10);
            assertThat(f.type()).isEqualTo(FrameType.CTRL);
            assertThat(f.receiver()).isEqualTo(STA);
            assertThat(f.destination()).isEqualTo(STA);
            assertThat(f.transmitter()).isEqualTo(MacAddress.NONE);
            assertThat(f.source()).isEqualTo(MacAddress.NONE);
            assertThat(f.bssid()).isEqualTo(MacAddress.NONE);
            assertThat(f.hasSequence()).isFalse();
            assertThat(f.malformed()).isNull();
        }
    }

    @Test
    void rtsCarriesReceiverAndTransmitter() {
        var f = frame(FrameBuilder.rts().receiver(AP).transmitter(STA).build());
        assertThat(f.subtype()).isEqualTo(Subtype.RTS);
        assertThat(f.dot11Length()).isEqualTo(16);
        assertThat(f.receiver()).isEqualTo(AP);
        assertThat(f.transmitter()).isEqualTo(STA);
        assertThat(f.source()).isEqualTo(STA);
        assertThat(f.destination()).isEqualTo(AP);
        assertThat(f.bssid()).isEqualTo(MacAddress.NONE);
    }

    @Test
    void psPollNamesTheBssidAndTheAssociationId() {
        var f = frame(FrameBuilder.psPoll().receiver(AP).transmitter(STA).duration(0xC000 | 7).build());
        assertThat(f.subtype()).isEqualTo(Subtype.PS_POLL);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.associationId()).isEqualTo(7);
    }

    @Test
    void cfEndNamesTheBssidInAddr2() {
        var f = frame(FrameBuilder.cfEnd().receiver(MacAddress.BROADCAST).transmitter(AP).build());
        assertThat(f.subtype()).isEqualTo(Subtype.CF_END);
        assertThat(f.bssid()).isEqualTo(AP);
    }

    @Test
    void blockAckFramesDecodeTheirControlField() {
        var bar = frame(FrameBuilder.blockAckRequest().receiver(AP).transmitter(STA).seq(100).build());
        assertThat(bar.subtype()).isEqualTo(Subtype.BLOCK_ACK_REQ);
        assertThat(bar.transmitter()).isEqualTo(STA);
        assertThat(bar.blockAckControl()).isEqualTo(4);
        var ba = frame(FrameBuilder.blockAck().receiver(STA).transmitter(AP).build());
        assertThat(ba.subtype()).isEqualTo(Subtype.BLOCK_ACK);
        assertThat(ba.blockAckControl()).isEqualTo(5);
        assertThat(ba.malformed()).isNull();
    }

    @Test
    void controlWrapperCarriesHtControl() {
        var f = frame(FrameBuilder.controlWrapper().receiver(STA).htControl(0x0ABC_DEF0).payload(hex("001122334455")).build());
        assertThat(f.subtype()).isEqualTo(Subtype.CTRL_WRAPPER);
        assertThat(f.htControl()).isEqualTo(0x0ABC_DEF0);
        assertThat(f.receiver()).isEqualTo(STA);
    }

    @Test
    void fcsIsExcludedFromTheFrame() {
        byte[] b = FrameBuilder.deauth().ap(AP).destination(STA).reason(7).fcs().build();
        var f = frame(b, b.length, true);
        assertThat(f.dot11Length()).isEqualTo(26);
        assertThat(f.reasonCode()).isEqualTo(7);
        assertThat(f.elements().count()).isZero();
        assertThat(f.malformed()).isNull();
    }

    @Test
    void truncatedHeadersKeepWhatWasRead() {
        byte[] b = FrameBuilder.deauth().ap(AP).destination(STA).reason(7).build();
        var f = frame(b, 1, false);
        assertThat(f.hasDot11()).isFalse();
        assertThat(f.malformed()).isEqualTo("truncated header");
        f = frame(b, 0, false);
        assertThat(f.malformed()).isEqualTo("empty frame");
        f = frame(b, 12, false);
        assertThat(f.subtype()).isEqualTo(Subtype.DEAUTH);
        assertThat(f.addr1()).isEqualTo(STA);
        assertThat(f.addr2()).isEqualTo(MacAddress.NONE);
        assertThat(f.malformed()).isEqualTo("truncated header");
        f = frame(b, 23, false);
        assertThat(f.source()).isEqualTo(AP);
        assertThat(f.bssid()).isEqualTo(AP);
        assertThat(f.hasSequence()).isFalse();
        f = frame(b, 25, false);
        assertThat(f.hasSequence()).isTrue();
        assertThat(f.reasonCode()).isEqualTo(-1);
        assertThat(f.malformed()).isEqualTo("truncated body");
    }

    @Test
    void nonZeroProtocolVersionIsNotDecodedFurther() {
        var f = frame(FrameBuilder.beacon().protocolVersion(1).ap(AP).ssid("x").build());
        assertThat(f.hasDot11()).isTrue();
        assertThat(f.malformed()).isEqualTo("unsupported protocol version");
        assertThat(f.addr1()).isEqualTo(MacAddress.NONE);
    }

    @Test
    void lengthBeyondTheSegmentIsClampedNotThrown() {
        byte[] b = FrameBuilder.beacon().ap(AP).ssid("abc").build();
        var f = new DecodedFrame();
        f.reset(null);
        Dot11Decoder.decode(java.lang.foreign.MemorySegment.ofArray(b), 0, b.length + 100, false, f);
        assertThat(f.dot11Length()).isEqualTo(b.length);
        assertThat(f.ssid()).isEqualTo("abc");
        Dot11Decoder.decode(java.lang.foreign.MemorySegment.ofArray(b), b.length + 5, 10, false, f);
        assertThat(f.malformed()).isEqualTo("empty frame");
    }

    @Test
    void frameReusedForTheNextRecordForgetsThePreviousOne() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("first").channel(6).rsn(io.sentinel.wifi.build.Rsn.wpa2Psk()).build());
        assertThat(f.security().label()).isEqualTo("wpa2-psk");
        Decode.into(f, FrameBuilder.ack().receiver(STA).build(), 10, false);
        assertThat(f.subtype()).isEqualTo(Subtype.ACK);
        assertThat(f.elements().count()).isZero();
        assertThat(f.elements().hasSsid()).isFalse();
        assertThat(f.ssid()).isNull();
        assertThat(f.security().known()).isFalse();
        assertThat(f.security().label()).isNull();
        assertThat(f.channel()).isEqualTo(-1);
        assertThat(f.sequence()).isEqualTo(-1);
        assertThat(f.eapolKey().present()).isFalse();
    }
}
