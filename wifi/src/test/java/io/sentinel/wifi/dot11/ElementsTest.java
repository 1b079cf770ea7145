package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.InfoElements;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ElementsTest {

    static final long AP = mac("00:11:22:33:44:55");

    private static FrameBuilder beacon() { return FrameBuilder.beacon().ap(AP); }

    @Test
    void indexesEveryElementInOrder() {
        var f = frame(beacon().ssid("Lab").rates().channel(6).tim(0, 3).country("US").htCapabilities().vhtCapabilities()
                .heCapabilities().extendedCapabilities().build());
        var e = f.elements();
        assertThat(e.count()).isEqualTo(9);
        int[] ids = new int[e.count()];
        for (int i = 0; i < ids.length; i++) ids[i] = e.id(i);
        assertThat(ids).containsExactly(0, 1, 3, 5, 7, 45, 191, 255, 127);
        assertThat(e.extensionId(7)).isEqualTo(35);
        assertThat(e.extensionId(0)).isEqualTo(-1);
        assertThat(e.offset(0)).isEqualTo(24 + 12 + 2);
        assertThat(e.length(0)).isEqualTo(3);
        assertThat(e.find(3)).isEqualTo(2);
        assertThat(e.find(48)).isEqualTo(-1);
        assertThat(e.findExtension(35)).isEqualTo(7);
        assertThat(e.dsChannel()).isEqualTo(6);
        assertThat(f.channel()).isEqualTo(6);
        assertThat(f.freqMhz()).isEqualTo(2437);
        assertThat(e.hasTim()).isTrue();
        assertThat(e.timDtimPeriod()).isEqualTo(3);
        assertThat(e.countryCode()).isEqualTo(('U' << 8) | 'S');
        assertThat(e.hasHtCapabilities()).isTrue();
        assertThat(e.hasVhtCapabilities()).isTrue();
        assertThat(e.hasHeCapabilities()).isTrue();
        assertThat(e.hasExtendedCapabilities()).isTrue();
        assertThat(e.overrun()).isFalse();
        assertThat(e.truncatedCount()).isZero();
        assertThat(f.malformed()).isNull();
    }

    @Test
    void fiveGhzDsChannelGivesAFiveGhzFrequency() {
        var f = frame(beacon().ssid("a").channel(36).build());
        assertThat(f.freqMhz()).isEqualTo(5180);
        assertThat(f.channel()).isEqualTo(36);
    }

    @Test
    void ssidAccessorsDoNotNeedAString() {
        var f = frame(beacon().ssid("Café").build());
        var e = f.elements();
        byte[] utf8 = "Café".getBytes(StandardCharsets.UTF_8);
        assertThat(e.ssidLength()).isEqualTo(5);
        assertThat(e.ssidBytes()).isEqualTo(utf8);
        assertThat(e.ssidEquals(utf8)).isTrue();
        assertThat(e.ssidEquals("Cafe".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(e.ssidHidden()).isFalse();
        assertThat(f.ssid()).isEqualTo("Café");
        int h = e.ssidHash();
        assertThat(frame(beacon().ssid("Café").channel(1).build()).elements().ssidHash()).isEqualTo(h);
        assertThat(frame(beacon().ssid("Cafe").build()).elements().ssidHash()).isNotEqualTo(h);
    }

    @Test
    void ssidThatIsNotUtf8HasNoText() {
        var f = frame(beacon().ssid(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x41}).build());
        assertThat(f.ssid()).isNull();
        assertThat(f.elements().ssidBytes()).containsExactly(0xFF, 0xFE, 0x41);
    }

    @Test
    void zeroFilledSsidIsHidden() {
        var f = frame(beacon().hiddenSsid(8).build());
        assertThat(f.elements().ssidHidden()).isTrue();
        assertThat(f.elements().ssidLength()).isEqualTo(8);
        assertThat(frame(beacon().rates().build()).elements().ssidHidden()).isTrue();
        assertThat(frame(beacon().rates().build()).elements().hasSsid()).isFalse();
    }

    @Test
    void ssidLongerThan32IsMalformedButKept() {
        var f = frame(beacon().ssid("x".repeat(40)).channel(3).build());
        assertThat(f.malformed()).isEqualTo("ssid longer than 32");
        assertThat(f.elements().ssidLength()).isEqualTo(40);
        assertThat(f.ssid()).hasSize(40);
        assertThat(f.elements().dsChannel()).isEqualTo(3);
    }

    @Test
    void firstSsidWins() {
        var f = frame(beacon().ssid("one").ssid("two").build());
        assertThat(f.ssid()).isEqualTo("one");
        assertThat(f.elements().count()).isEqualTo(2);
    }

    @Test
    void elementOverrunningTheBodyStopsTheWalk() {
        var f = frame(beacon().ssid("ok").raw(InfoElements.withLength(221, 200, new byte[] {0, 0x50, (byte) 0xF2, 4})).build());
        assertThat(f.malformed()).isEqualTo("element overruns body");
        assertThat(f.elements().overrun()).isTrue();
        assertThat(f.elements().count()).isEqualTo(1);
        assertThat(f.ssid()).isEqualTo("ok");
        assertThat(f.elements().hasWps()).isFalse();
    }

    @Test
    void aSingleTrailingByteIsAnOverrun() {
        var f = frame(beacon().ssid("ok").raw((byte) 7).build());
        assertThat(f.elements().overrun()).isTrue();
        assertThat(f.malformed()).isEqualTo("element overruns body");
    }

    @Test
    void indexIsCappedAndTheRestCountedButStillInterpreted() {
        var b = beacon().ssid("many");
        for (int i = 0; i < 100; i++) b.vendor(0x001018, (byte) 2, (byte) i);
        b.channel(9);
        var f = frame(b.build());
        var e = f.elements();
        assertThat(e.count()).isEqualTo(DecodedElements.CAPACITY);
        assertThat(e.truncatedCount()).isEqualTo(101 + 1 - DecodedElements.CAPACITY);
        assertThat(e.vendorCount()).isEqualTo(DecodedElements.CAPACITY - 1);
        assertThat(e.dsChannel()).isEqualTo(9);
        assertThat(f.malformed()).isNull();
    }

    @Test
    void vendorElementsByOui() {
        var f = frame(beacon().ssid("v").vendor(InfoElements.OUI_APPLE, (byte) 0x0A, (byte) 1).wps().vendor(0x00_10_18, (byte) 2).build());
        var e = f.elements();
        assertThat(e.vendorCount()).isEqualTo(3);
        assertThat(e.vendorOui(0)).isEqualTo(0x0017F2);
        assertThat(e.vendorType(0)).isEqualTo(0x0A);
        assertThat(e.vendorIndex(0)).isEqualTo(1);
        assertThat(e.vendorOui(1)).isEqualTo(0x0050F2);
        assertThat(e.vendorType(1)).isEqualTo(4);
        assertThat(e.vendorIndex(2)).isEqualTo(3);
        assertThat(e.hasWps()).isTrue();
    }

    @Test
    void vendorElementWithoutOuiIsMalformed() {
        var f = frame(beacon().ssid("v").element(221, (byte) 0, (byte) 1).build());
        assertThat(f.malformed()).isEqualTo("bad vendor element");
        assertThat(f.elements().vendorCount()).isZero();
    }

    @Test
    void channelSwitchAnnouncement() {
        var f = frame(beacon().ssid("c").channel(1).channelSwitch(1, 11, 3).build());
        var e = f.elements();
        assertThat(e.hasChannelSwitch()).isTrue();
        assertThat(e.csaMode()).isEqualTo(1);
        assertThat(e.csaNewChannel()).isEqualTo(11);
        assertThat(e.csaCount()).isEqualTo(3);
        assertThat(e.csaOperatingClass()).isEqualTo(-1);
    }

    @Test
    void extendedChannelSwitchAnnouncement() {
        var e = frame(beacon().ssid("c").extendedChannelSwitch(0, 115, 40, 10).build()).elements();
        assertThat(e.hasChannelSwitch()).isTrue();
        assertThat(e.csaMode()).isZero();
        assertThat(e.csaOperatingClass()).isEqualTo(115);
        assertThat(e.csaNewChannel()).isEqualTo(40);
        assertThat(e.csaCount()).isEqualTo(10);
    }

    @Test
    void shortChannelSwitchIsMalformed() {
        var f = frame(beacon().ssid("c").element(37, (byte) 1, (byte) 6).build());
        assertThat(f.elements().hasChannelSwitch()).isFalse();
        assertThat(f.malformed()).isEqualTo("bad channel switch element");
    }

    @Test
    void ratesCountSupportedAndExtended() {
        var e = frame(beacon().ssid("r").rates(2, 4, 11, 22).extendedRates(12, 18, 24, 36, 48, 72, 96, 108).build()).elements();
        assertThat(e.rateCount()).isEqualTo(12);
    }

    @Test
    void segmentIsTheFramesSegment() {
        var f = frame(beacon().ssid("s").build());
        assertThat(f.elements().segment()).isSameAs(f.segment());
    }

    @Test
    void htOperationPrimaryChannelIsTheFallbackWithoutDsParameter() {
        var f = frame(beacon().ssid("h").raw(InfoElements.htOperation(44)).build());
        assertThat(f.elements().dsChannel()).isEqualTo(-1);
        assertThat(f.elements().htPrimaryChannel()).isEqualTo(44);
        assertThat(f.channel()).isEqualTo(44);
        assertThat(f.freqMhz()).isEqualTo(5220);
        var both = frame(beacon().ssid("h").channel(40).raw(InfoElements.htOperation(44)).build());
        assertThat(both.channel()).isEqualTo(40);
    }
}
