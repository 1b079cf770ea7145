package io.sentinel.controller.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** CIDR matching (IPv4, IPv6, mapped) and the right-most-untrusted rule for X-Forwarded-For. */
class TrustedProxiesTest {

    static InetAddress ip(String s) {
        return Cidr.parseAddress(s).orElseThrow();
    }

    @Test
    void ipv4AndIpv6NetworksMatchTheirMembersOnly() {
        Cidr v4 = Cidr.parse("10.20.0.0/14");
        assertThat(v4.contains(ip("10.23.255.255"))).isTrue();
        assertThat(v4.contains(ip("10.24.0.0"))).isFalse();
        assertThat(v4.contains(ip("::ffff:10.21.1.1"))).as("IPv4-mapped IPv6").isTrue();
        Cidr v6 = Cidr.parse("2001:db8:abcd::/48");
        assertThat(v6.contains(ip("2001:db8:abcd:ffff::1"))).isTrue();
        assertThat(v6.contains(ip("2001:db8:abce::1"))).isFalse();
        assertThat(v6.contains(ip("10.20.0.1"))).isFalse();
        assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.1"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void namesAndBadPrefixesAreRefusedWithoutDnsLookups() {
        assertThatThrownBy(() -> Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parseAddress("not an ip")).isEmpty();
        assertThat(Cidr.parseAddress("300.1.1.1")).isEmpty();
    }

    @Test
    void clientIsTheRightMostUntrustedHop() {
        TrustedProxies p = TrustedProxies.parse("10.0.0.0/8, fd00::/8");
        var view = p.resolve("10.0.0.5", "http", "ctl:5000", "1.1.1.1, 203.0.113.9, 10.9.9.9", "https", "wids.example.org");
        assertThat(view.clientIp()).isEqualTo("203.0.113.9");
        assertThat(view.scheme()).isEqualTo("https");
        assertThat(view.host()).isEqualTo("wids.example.org");
        assertThat(view.secure()).isTrue();
        // IPv6 peer and hops with ports
        var v6 = p.resolve("fd00::1", "http", "h", "[2001:db8::7]:4711, 198.51.100.2:80", null, null);
        assertThat(v6.clientIp()).isEqualTo("198.51.100.2");
        // every hop trusted: the left-most is the client
        assertThat(p.resolve("10.0.0.5", "http", "h", "10.1.1.1, 10.2.2.2", null, null).clientIp()).isEqualTo("10.1.1.1");
        // garbage in the chain stops at the last address a trusted proxy vouched for
        assertThat(p.resolve("10.0.0.5", "http", "h", "evil, 10.2.2.2", null, null).clientIp()).isEqualTo("10.2.2.2");
        // an unexpected proto is ignored
        assertThat(p.resolve("10.0.0.5", "http", "h", null, "gopher", null).scheme()).isEqualTo("http");
    }

    @Test
    void headersFromUntrustedPeersAreIgnored() {
        TrustedProxies p = TrustedProxies.parse("10.0.0.0/8");
        var view = p.resolve("198.51.100.77", "http", "ctl", "10.0.0.1", "https", "spoofed.example");
        assertThat(view.clientIp()).isEqualTo("198.51.100.77");
        assertThat(view.scheme()).isEqualTo("http");
        assertThat(view.host()).isEqualTo("ctl");
        assertThat(view.viaTrustedProxy()).isFalse();
        assertThat(TrustedProxies.none().resolve("10.0.0.1", "http", "h", "1.2.3.4", "https", null).clientIp())
                .isEqualTo("10.0.0.1");
    }
}
