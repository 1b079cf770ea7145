package io.sentinel.wifi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VendorsTest {

    @Test
    void tableShipsAllThreeRegistries() {
        assertThat(Vendors.size()).isGreaterThan(40_000);
        assertThat(Vendors.source()).contains("ieee-data");
    }

    @Test
    void longestRegisteredPrefixWins() {
        // MA-L
        assertThat(Vendors.name(MacAddress.parse("00:00:00:12:34:56"))).isEqualTo("XEROX CORPORATION");
        assertThat(Vendors.name(MacAddress.parse("f4:bd:9e:01:02:03"))).isEqualTo("Cisco Systems, Inc");
        // MA-M block 20:85:93:B inside the IEEE's own MA-L 20:85:93
        assertThat(Vendors.name(MacAddress.parse("20:85:93:b1:22:33"))).isEqualTo("IOG Products LLC");
        // MA-S block 70:B3:D5:F2:F inside 70:B3:D5
        assertThat(Vendors.name(MacAddress.parse("70:b3:d5:f2:f1:23"))).isEqualTo("TELEPLATFORMS");
    }

    @Test
    void locallyAdministeredGroupAndUnregisteredAddressesHaveNoVendor() {
        assertThat(Vendors.name(MacAddress.parse("02:00:00:00:01:00"))).isNull();
        assertThat(Vendors.describe(MacAddress.parse("02:00:00:00:01:00"))).isEqualTo("locally administered");
        assertThat(Vendors.name(MacAddress.BROADCAST)).isNull();
        assertThat(Vendors.name(MacAddress.NONE)).isNull();
    }
}
