package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Decode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.Security;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityMappingTest {

    static final long AP = mac("00:11:22:33:44:55");

    private static Security securityOf(FrameBuilder b) {
        var f = frame(b.ap(AP).ssid("net").build());
        assertThat(f.malformed()).isNull();
        return f.security();
    }

    @ParameterizedTest(name = "akms {0} caps {1} -> {2}")
    @CsvSource({
            "2,      0,   wpa2-psk,      3",
            "4,      0,   wpa2-psk,      3",
            "6,      192, wpa2-psk,      3",
            "1,      0,   wpa2-eap,      3",
            "3,      0,   wpa2-eap,      3",
            "5,      128, wpa2-eap,      3",
            "5,      192, wpa3-eap,      5",
            "1 5,    192, wpa3-eap,      5",
            "12,     192, wpa3-eap,      5",
            "11,     192, wpa3-eap,      5",
            "8,      192, wpa3-sae,      5",
            "8 9,    192, wpa3-sae,      5",
            "24,     192, wpa3-sae,      5",
            "2 8,    128, wpa2/wpa3-sae, 4",
            "4 9,    128, wpa2/wpa3-sae, 4",
            "6 8,    128, wpa2/wpa3-sae, 4",
            "18,     192, owe,           5",
            "7,      0,   wpa2,          3",
    })
    void rsnAkmsMapToLabels(String akms, int caps, String label, int strength) {
        int[] a = java.util.Arrays.stream(akms.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        var s = securityOf(FrameBuilder.beacon().rsn(Rsn.of().akms(a).capabilities(caps)));
        assertThat(s.known()).isTrue();
        assertThat(s.hasRsn()).isTrue();
        assertThat(s.label()).isEqualTo(label);
        assertThat(s.strength()).isEqualTo(strength);
    }

    @Test
    void openNetwork() {
        var s = securityOf(FrameBuilder.beacon());
        assertThat(s.label()).isEqualTo("open");
        assertThat(s.strength()).isZero();
        assertThat(s.privacy()).isFalse();
        assertThat(s.hasRsn()).isFalse();
        assertThat(s.rsnCapabilities()).isEqualTo(-1);
    }

    @Test
    void privacyWithoutRsnOrWpaIsWep() {
        var s = securityOf(FrameBuilder.beacon().privacy(true));
        assertThat(s.label()).isEqualTo("wep");
        assertThat(s.strength()).isEqualTo(1);
        assertThat(s.privacy()).isTrue();
    }

    @Test
    void wpaVendorElement() {
        var s = securityOf(FrameBuilder.beacon().wpa(Rsn.wpaPsk()));
        assertThat(s.label()).isEqualTo("wpa-psk");
        assertThat(s.strength()).isEqualTo(2);
        assertThat(s.hasWpa()).isTrue();
        assertThat(s.hasRsn()).isFalse();
        assertThat(s.groupCipher()).isEqualTo(Security.CIPHER_TKIP);
        assertThat(s.pairwiseCiphers()).isEqualTo(Security.CIPHER_TKIP);
        assertThat(s.akms()).isEqualTo(Security.AKM_PSK);
        assertThat(securityOf(FrameBuilder.beacon().wpa(Rsn.wpaPsk().akms(1))).label()).isEqualTo("wpa-eap");
    }

    @Test
    void mixedWpaAndRsnTakesRsnButKeepsWpaCiphers() {
        var s = securityOf(FrameBuilder.beacon().wpa(Rsn.wpaPsk()).rsn(Rsn.wpa2Psk().pairwise(Rsn.CIPHER_CCMP, Rsn.CIPHER_TKIP).group(Rsn.CIPHER_TKIP)));
        assertThat(s.label()).isEqualTo("wpa2-psk");
        assertThat(s.hasWpa()).isTrue();
        assertThat(s.pairwiseCiphers()).isEqualTo(Security.CIPHER_CCMP | Security.CIPHER_TKIP);
        assertThat(s.groupCipher()).isEqualTo(Security.CIPHER_TKIP);
        assertThat(s.wpaPairwiseCiphers()).isEqualTo(Security.CIPHER_TKIP);
        assertThat(s.wpaAkms()).isEqualTo(Security.AKM_PSK);
    }

    @Test
    void rsnFieldsAreDecoded() {
        var s = securityOf(FrameBuilder.beacon().rsn(Rsn.wpa3Sae().pairwise(Rsn.CIPHER_CCMP, Rsn.CIPHER_GCMP256).pmkids(2)));
        assertThat(s.rsnVersion()).isEqualTo(1);
        assertThat(s.groupCipher()).isEqualTo(Security.CIPHER_CCMP);
        assertThat(s.pairwiseCiphers()).isEqualTo(Security.CIPHER_CCMP | Security.CIPHER_GCMP256);
        assertThat(s.akms()).isEqualTo(Security.AKM_SAE);
        assertThat(s.rsnCapabilities()).isEqualTo(0xC0);
        assertThat(s.pmfCapable()).isTrue();
        assertThat(s.pmfRequired()).isTrue();
        assertThat(s.pmkidCount()).isEqualTo(2);
        assertThat(s.groupManagementCipher()).isEqualTo(Security.CIPHER_BIP_CMAC);
    }

    @Test
    void transitionModeIsPmfCapableNotRequired() {
        var s = securityOf(FrameBuilder.beacon().rsn(Rsn.transition()));
        assertThat(s.label()).isEqualTo("wpa2/wpa3-sae");
        assertThat(s.pmfCapable()).isTrue();
        assertThat(s.pmfRequired()).isFalse();
        assertThat(s.akms()).isEqualTo(Security.AKM_PSK | Security.AKM_SAE);
    }

    @Test
    void suitesUnderAnotherOuiAreOther() {
        var s = securityOf(FrameBuilder.beacon().rsn(Rsn.of().pairwise(0x00_10_18_04).akms(0x00_10_18_02, Rsn.AKM_PSK)));
        assertThat(s.pairwiseCiphers()).isEqualTo(Security.CIPHER_OTHER);
        assertThat(s.akms()).isEqualTo(Security.AKM_OTHER | Security.AKM_PSK);
        assertThat(s.label()).isEqualTo("wpa2-psk");
    }

    @Test
    void rsnWithOnlyAVersionTakesTheStandardDefaults() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("d").privacy(true).element(48, (byte) 1, (byte) 0).build());
        assertThat(f.malformed()).isNull();
        assertThat(f.security().pairwiseCiphers()).isEqualTo(Security.CIPHER_CCMP);
        assertThat(f.security().akms()).isEqualTo(Security.AKM_8021X);
        assertThat(f.security().label()).isEqualTo("wpa2-eap");
    }

    @Test
    void pairwiseCountOverrunningTheElementIsBadRsn() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("h").rsn(Rsn.wpa2Psk().pairwiseCount(60)).channel(6).build());
        assertThat(f.malformed()).isEqualTo("bad rsn element");
        assertThat(f.security().hasRsn()).isTrue();
        assertThat(f.security().label()).isEqualTo("wpa2-eap"); // the AKM list was never reached: the default stays
        assertThat(f.elements().dsChannel()).isEqualTo(6);
    }

    @Test
    void akmCountOverrunningTheElementIsBadRsn() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("h").rsn(Rsn.wpa2Psk().akmCount(0xFFFF)).build());
        assertThat(f.malformed()).isEqualTo("bad rsn element");
        assertThat(f.security().pairwiseCiphers()).isEqualTo(Security.CIPHER_CCMP);
    }

    @Test
    void unknownRsnVersionIsBadRsn() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("h").rsn(Rsn.wpa2Psk().version(2)).build());
        assertThat(f.malformed()).isEqualTo("bad rsn element");
    }

    @Test
    void halfASuiteIsBadRsn() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("h").privacy(true).element(48, (byte) 1, (byte) 0, (byte) 0, (byte) 0x0f).build());
        assertThat(f.malformed()).isEqualTo("bad rsn element");
    }

    @Test
    void badWpaElement() {
        var f = frame(FrameBuilder.beacon().ap(AP).ssid("h").vendor(0x0050F2, (byte) 1, (byte) 1, (byte) 0, (byte) 0).build());
        assertThat(f.malformed()).isEqualTo("bad wpa element");
        assertThat(f.security().hasWpa()).isTrue();
    }

    @Test
    void securityIsUnknownForFramesThatDoNotAdvertiseIt() {
        var f = frame(FrameBuilder.deauth().ap(AP).reason(1).build());
        assertThat(f.security().known()).isFalse();
        assertThat(f.security().label()).isNull();
        assertThat(f.security().strength()).isEqualTo(-1);
    }

    @org.junit.jupiter.api.Test
    void twoRsnElementsOfferTheUnionOfTheirAkms() {
        // a real AP (aircrack-ng pmkid-not-recognized.cap) lists PSK in one RSN element and PSK+SAE in a second
        var s = securityOf(FrameBuilder.beacon().rsn(Rsn.wpa2Psk().capabilities(Rsn.CAP_MFPC))
                .rsn(Rsn.of().akms(Rsn.AKM_PSK, Rsn.AKM_SAE).capabilities(Rsn.CAP_MFPC)));
        assertThat(s.label()).isEqualTo("wpa2/wpa3-sae");
        // a second element that is malformed adds nothing
        var t = frame(FrameBuilder.beacon().ap(AP).ssid("net").rsn(Rsn.wpa2Psk())
                .raw(io.sentinel.wifi.build.InfoElements.element(48, (byte) 1, (byte) 0, (byte) 0)).build()).security();
        assertThat(t.label()).isEqualTo("wpa2-psk");
    }

    @org.junit.jupiter.api.Test
    void aTruncatedProbeResponseWithoutASecurityElementHasUnknownSecurityNotOpen() {
        // cut inside an element before the RSN element would come: absence of RSN proves nothing
        var cut = frame(FrameBuilder.probeResponse().ap(AP).ssid("net")
                .raw(io.sentinel.wifi.build.InfoElements.withLength(221, 60, (byte) 0, (byte) 0x50, (byte) 0xf2)).build());
        assertThat(cut.malformed()).isNotNull();
        assertThat(cut.security().known()).isFalse();
        assertThat(cut.security().label()).isNull();
        // the same cut after an RSN element keeps what was read
        var withRsn = frame(FrameBuilder.probeResponse().ap(AP).ssid("net").rsn(Rsn.wpa2Psk())
                .raw(io.sentinel.wifi.build.InfoElements.withLength(221, 60, (byte) 0, (byte) 0x50, (byte) 0xf2)).build());
        assertThat(withRsn.security().label()).isEqualTo("wpa2-psk");
        // an intact frame without security elements is open
        assertThat(securityOf(FrameBuilder.probeResponse()).label()).isEqualTo("open");
    }
}
