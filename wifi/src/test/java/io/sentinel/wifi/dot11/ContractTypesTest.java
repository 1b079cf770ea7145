package io.sentinel.wifi.dot11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.FrameBuilder;
import org.junit.jupiter.api.Test;

/** The small value types of the frame contract: subtypes, frame types, MAC addresses. */
class ContractTypesTest {

    @Test
    void everyTypeAndSubtypeCodeMapsToASubtypeOfThatType() {
        for (int t = 0; t < 4; t++) {
            for (int s = 0; s < 16; s++) {
                Subtype st = Subtype.of(t, s);
                assertThat(st.type()).isEqualTo(FrameType.ofCode(t));
                assertThat(st.code()).isIn(s, -1);
            }
        }
        assertThat(Subtype.of(0, 7)).isEqualTo(Subtype.MGMT_RESERVED);
        assertThat(Subtype.of(2, 13)).isEqualTo(Subtype.DATA_RESERVED);
        assertThat(Subtype.of(0, 8).json()).isEqualTo("beacon");
        assertThat(Subtype.of(1, 11).json()).isEqualTo("rts");
        assertThat(Subtype.of(2, 12).json()).isEqualTo("qos_null");
        assertThat(FrameType.CTRL.json()).isEqualTo("ctrl");
    }

    @Test
    void qosAndNoDataSubtypes() {
        assertThat(Subtype.QOS_DATA.isQos()).isTrue();
        assertThat(Subtype.QOS_NULL.isQos()).isTrue();
        assertThat(Subtype.DATA.isQos()).isFalse();
        assertThat(Subtype.BEACON.isQos()).isFalse();
        assertThat(Subtype.NULL.carriesNoData()).isTrue();
        assertThat(Subtype.QOS_NULL.carriesNoData()).isTrue();
        assertThat(Subtype.QOS_DATA.carriesNoData()).isFalse();
        assertThat(Subtype.DATA_CF_ACK.carriesNoData()).isFalse();
    }

    @Test
    void decodedSubtypeMatchesEveryBuiltSubtype() {
        for (Subtype st : Subtype.values()) {
            if (st.code() < 0) continue;
            byte[] b = FrameBuilder.of(st).source(1L).destination(2L).bssid(3L).build();
            var f = Decode.frame(b);
            assertThat(f.subtype()).as("%s", st).isEqualTo(st);
            assertThat(f.type()).isEqualTo(st.type());
            assertThat(f.malformed()).as("%s", st).isNotEqualTo(Malformed.DECODER_FAULT);
        }
    }

    @Test
    void macAddressesFormatAndParse() {
        long m = MacAddress.parse("0A:1b:2C:3d:4E:5f");
        assertThat(m).isEqualTo(0x0A1B2C3D4E5FL);
        assertThat(MacAddress.format(m)).isEqualTo("0a:1b:2c:3d:4e:5f");
        assertThat(MacAddress.parse("00-11-22-33-44-55")).isEqualTo(0x001122334455L);
        assertThat(MacAddress.format(MacAddress.NONE)).isNull();
        assertThat(MacAddress.isBroadcast(MacAddress.BROADCAST)).isTrue();
        assertThat(MacAddress.isGroup(MacAddress.parse("01:00:5e:00:00:01"))).isTrue();
        assertThat(MacAddress.isGroup(m)).isFalse();
        assertThat(MacAddress.isLocallyAdministered(MacAddress.parse("02:00:00:00:00:01"))).isTrue();
        assertThat(MacAddress.oui(m)).isEqualTo(0x0A1B2C);
        assertThatThrownBy(() -> MacAddress.parse("00:11:22:33:44")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.parse("00:11:22:33:44:zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
