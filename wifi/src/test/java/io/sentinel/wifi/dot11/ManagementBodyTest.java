package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

class ManagementBodyTest {

    static final long AP = mac("00:11:22:33:44:55"), STA = mac("02:aa:bb:cc:dd:ee"), OLD_AP = mac("00:11:22:00:00:01");

    @Test
    void beaconFixedFields() {
        var f = frame(FrameBuilder.beacon().ap(AP).timestamp(0x0102_0304_0506_0708L).beaconInterval(102).capability(0x0431)
                .ssid("Lab").build());
        assertThat(f.subtype()).isEqualTo(Subtype.BEACON);
        assertThat(f.destination()).isEqualTo(MacAddress.BROADCAST);
        assertThat(f.tsf()).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(f.beaconInterval()).isEqualTo(102);
        assertThat(f.capabilityInfo()).isEqualTo(0x0431);
        assertThat(f.privacy()).isTrue();
        assertThat(f.ssid()).isEqualTo("Lab");
        assertThat(f.security().known()).isTrue();
        assertThat(f.malformed()).isNull();
    }

    @Test
    void probeResponseHasTheBeaconLayout() {
        var f = frame(FrameBuilder.probeResponse().ap(AP).destination(STA).beaconInterval(100).ssid("Lab").channel(11).build());
        assertThat(f.subtype()).isEqualTo(Subtype.PROBE_RESP);
        assertThat(f.destination()).isEqualTo(STA);
        assertThat(f.beaconInterval()).isEqualTo(100);
        assertThat(f.elements().dsChannel()).isEqualTo(11);
        assertThat(f.security().label()).isEqualTo("open");
    }

    @Test
    void probeRequestHasOnlyElements() {
        var f = frame(FrameBuilder.probeRequest().source(STA).ssid("Home").rates().build());
        assertThat(f.subtype()).isEqualTo(Subtype.PROBE_REQ);
        assertThat(f.bssid()).isEqualTo(MacAddress.BROADCAST);
        assertThat(f.ssid()).isEqualTo("Home");
        assertThat(f.elements().rateCount()).isEqualTo(8);
        assertThat(f.capabilityInfo()).isEqualTo(-1);
        assertThat(f.security().known()).isFalse();
    }

    @Test
    void broadcastProbeRequestHasAnEmptySsid() {
        var f = frame(FrameBuilder.probeRequest().source(STA).ssid("").rates().build());
        assertThat(f.elements().hasSsid()).isTrue();
        assertThat(f.elements().ssidLength()).isZero();
        assertThat(f.elements().ssidHidden()).isTrue();
        assertThat(f.ssid()).isEmpty();
    }

    @Test
    void associationRequest() {
        var f = frame(FrameBuilder.assocRequest().bssid(AP).destination(AP).source(STA).capability(0x0411).listenInterval(20)
                .ssid("Lab").rsn(io.sentinel.wifi.build.Rsn.wpa2Psk().pmkids(1)).build());
        assertThat(f.subtype()).isEqualTo(Subtype.ASSOC_REQ);
        assertThat(f.capabilityInfo()).isEqualTo(0x0411);
        assertThat(f.listenInterval()).isEqualTo(20);
        assertThat(f.ssid()).isEqualTo("Lab");
        assertThat(f.security().label()).isEqualTo("wpa2-psk");
        assertThat(f.security().pmkidCount()).isEqualTo(1);
    }

    @Test
    void reassociationRequestNamesTheCurrentAp() {
        var f = frame(FrameBuilder.reassocRequest().bssid(AP).destination(AP).source(STA).currentAp(OLD_AP).listenInterval(5).ssid("Lab").build());
        assertThat(f.subtype()).isEqualTo(Subtype.REASSOC_REQ);
        assertThat(f.currentApAddress()).isEqualTo(OLD_AP);
        assertThat(f.listenInterval()).isEqualTo(5);
        assertThat(f.ssid()).isEqualTo("Lab");
    }

    @Test
    void associationResponsesCarryStatusAndAid() {
        for (var b : new FrameBuilder[] {FrameBuilder.assocResponse(), FrameBuilder.reassocResponse()}) {
            var f = frame(b.ap(AP).destination(STA).status(17).aid(42).rates().build());
            assertThat(f.statusCode()).isEqualTo(17);
            assertThat(f.associationId()).isEqualTo(42);
            assertThat(f.elements().rateCount()).isEqualTo(8);
        }
    }

    @Test
    void deauthAndDisassocCarryTheReason() {
        var d = frame(FrameBuilder.deauth().ap(AP).destination(MacAddress.BROADCAST).reason(7).build());
        assertThat(d.subtype()).isEqualTo(Subtype.DEAUTH);
        assertThat(d.reasonCode()).isEqualTo(7);
        var x = frame(FrameBuilder.disassoc().ap(AP).destination(STA).reason(8).build());
        assertThat(x.subtype()).isEqualTo(Subtype.DISASSOC);
        assertThat(x.reasonCode()).isEqualTo(8);
    }

    @Test
    void protectedDeauthHidesItsReasonButShowsThePacketNumber() {
        var f = frame(FrameBuilder.deauth().ap(AP).destination(STA).ccmp(77, 0).ciphertext(2).build());
        assertThat(f.protectedFrame()).isTrue();
        assertThat(f.reasonCode()).isEqualTo(-1);
        assertThat(f.extendedIv()).isTrue();
        assertThat(f.ccmpPacketNumber()).isEqualTo(77);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void openSystemAuthentication() {
        var f = frame(FrameBuilder.auth().bssid(AP).destination(AP).source(STA).authAlgorithm(0).authSeq(1).status(0).build());
        assertThat(f.subtype()).isEqualTo(Subtype.AUTH);
        assertThat(f.authAlgorithm()).isZero();
        assertThat(f.authSequence()).isEqualTo(1);
        assertThat(f.statusCode()).isZero();
        assertThat(f.isSaeCommit()).isFalse();
    }

    @Test
    void sharedKeyChallengeIsAnElement() {
        var f = frame(FrameBuilder.auth().ap(AP).destination(STA).authAlgorithm(1).authSeq(2).element(16, new byte[128]).build());
        assertThat(f.authAlgorithm()).isEqualTo(1);
        assertThat(f.elements().find(16)).isZero();
        assertThat(f.elements().length(0)).isEqualTo(128);
    }

    @Test
    void saeCommitCarriesItsGroup() {
        var f = frame(FrameBuilder.saeCommit(19).bssid(AP).destination(AP).source(STA).build());
        assertThat(f.isSaeCommit()).isTrue();
        assertThat(f.isSaeConfirm()).isFalse();
        assertThat(f.saeGroup()).isEqualTo(19);
        assertThat(f.elements().count()).isZero(); // scalar and element are not information elements
        assertThat(f.malformed()).isNull();
    }

    @Test
    void saeCommitWithHashToElementStatusStillNamesTheGroup() {
        var f = frame(FrameBuilder.saeCommit(20).status(126).bssid(AP).destination(AP).source(STA).build());
        assertThat(f.saeGroup()).isEqualTo(20);
    }

    @Test
    void saeConfirm() {
        var f = frame(FrameBuilder.saeConfirm().bssid(AP).destination(STA).source(AP).build());
        assertThat(f.isSaeConfirm()).isTrue();
        assertThat(f.saeGroup()).isEqualTo(-1);
    }

    @Test
    void actionFrameCategoryAndCode() {
        var f = frame(FrameBuilder.action().ap(AP).destination(STA).category(10).actionCode(7).payload(hex("0102")).build());
        assertThat(f.subtype()).isEqualTo(Subtype.ACTION);
        assertThat(f.actionCategory()).isEqualTo(10);
        assertThat(f.actionCode()).isEqualTo(7);
    }

    @Test
    void vendorActionFrameHasNoActionCode() {
        var f = frame(FrameBuilder.action().ap(AP).destination(STA).category(127).actionCode(0x00).payload(hex("17f201")).build());
        assertThat(f.actionCategory()).isEqualTo(127);
        assertThat(f.actionCode()).isEqualTo(-1);
    }

    @Test
    void truncatedBeaconBodyKeepsTheTimestamp() {
        byte[] b = FrameBuilder.beacon().ap(AP).timestamp(99).ssid("x").build();
        var f = frame(b, 24 + 9, false);
        assertThat(f.tsf()).isEqualTo(99);
        assertThat(f.beaconInterval()).isEqualTo(-1);
        assertThat(f.malformed()).isEqualTo("truncated body");
    }

    @Test
    void atimHasAnEmptyBody() {
        var f = frame(FrameBuilder.of(Subtype.ATIM).ap(AP).destination(STA).build());
        assertThat(f.subtype()).isEqualTo(Subtype.ATIM);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void timingAdvertisement() {
        var f = frame(FrameBuilder.of(Subtype.TIMING_ADV).ap(AP).timestamp(5).capability(0x01).country("DE").build());
        assertThat(f.subtype()).isEqualTo(Subtype.TIMING_ADV);
        assertThat(f.tsf()).isEqualTo(5);
        assertThat(f.capabilityInfo()).isEqualTo(1);
        assertThat(f.elements().countryCode()).isEqualTo(('D' << 8) | 'E');
    }

    @Test
    void channelSwitchActionFrameCarriesItsElement() {
        var f = frame(FrameBuilder.action().ap(AP).destination(MacAddress.BROADCAST).category(0).actionCode(4)
                .channelSwitch(1, 149, 2).build());
        assertThat(f.actionCategory()).isZero();
        assertThat(f.actionCode()).isEqualTo(4);
        assertThat(f.elements().hasChannelSwitch()).isTrue();
        assertThat(f.elements().csaNewChannel()).isEqualTo(149);
        assertThat(f.elements().csaCount()).isEqualTo(2);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void extendedChannelSwitchActionFrameHasFixedFields() {
        var f = frame(FrameBuilder.action().ap(AP).destination(MacAddress.BROADCAST).category(4).actionCode(4)
                .payload(hex("01 7c 95 05")).build());
        var e = f.elements();
        assertThat(e.hasChannelSwitch()).isTrue();
        assertThat(e.csaMode()).isEqualTo(1);
        assertThat(e.csaOperatingClass()).isEqualTo(124);
        assertThat(e.csaNewChannel()).isEqualTo(149);
        assertThat(e.csaCount()).isEqualTo(5);
        assertThat(f.malformed()).isNull();
        var cut = frame(FrameBuilder.action().ap(AP).category(4).actionCode(4).payload(hex("01 7c")).build());
        assertThat(cut.elements().hasChannelSwitch()).isFalse();
        assertThat(cut.malformed()).isEqualTo("truncated body");
    }
}
