package io.sentinel.controller.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** One IPv4 or IPv6 network in CIDR notation; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a bare address; never resolves names. */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = parseAddress(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: '" + addressPart + "'"));
        int max = address.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("bad prefix length: '" + prefixText + "'");
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length " + prefix + " is larger than " + max);
            }
        }
        return new Cidr(mask(address.getAddress(), prefix), prefix);
    }

    /**
     * Parses an IP literal (no DNS): IPv4 dotted quad, IPv6 (optionally in brackets or with a zone),
     * IPv4-mapped IPv6 addresses collapsed to IPv4.
     */
    public static Optional<InetAddress> parseAddress(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.ofLiteral(s);
            return Optional.of(normalise(address));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes the IPv4 address so one rule matches both forms. */
    static InetAddress normalise(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = normalise(address).getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        byte[] masked = mask(candidate, prefixLength);
        return java.util.Arrays.equals(masked, network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            int m = bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff;
            out[i] = (byte) (out[i] & m);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            return "?/" + prefixLength;
        }
    }

    @Override
    public byte[] network() {
        return network.clone();
    }
}
