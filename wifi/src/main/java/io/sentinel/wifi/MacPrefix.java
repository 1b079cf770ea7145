package io.sentinel.wifi;

import java.util.Locale;

/**
 * A range of MAC addresses sharing a prefix: an OUI ({@code 00:1a:1e}, 24 bits), any whole
 * number of octets ({@code 00:1a:1e:10}), or an address with a prefix length in bits
 * ({@code 00:1a:1e:10:00:00/28}, as the IEEE MA-M and MA-S blocks are assigned).
 */
public record MacPrefix(long value, int bits) {

    public MacPrefix {
        if (bits < 1 || bits > 48) throw new IllegalArgumentException("prefix length must be 1-48 bits");
        value &= mask(bits);
    }

    private static long mask(int bits) { return (0xFFFF_FFFF_FFFFL << (48 - bits)) & 0xFFFF_FFFF_FFFFL; }

    /** @throws IllegalArgumentException saying why {@code text} is not a prefix */
    public static MacPrefix parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        if (slash >= 0) {
            int bits;
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + text);
            }
            return new MacPrefix(MacAddress.parse(t.substring(0, slash)), bits);
        }
        String[] octets = t.split(":", -1);
        if (octets.length < 1 || octets.length > 6) throw new IllegalArgumentException("not a MAC prefix: " + text);
        long v = 0;
        for (String o : octets) {
            if (!o.matches("[0-9a-f]{2}")) throw new IllegalArgumentException("not a MAC prefix: " + text);
            v = (v << 8) | Integer.parseInt(o, 16);
        }
        return new MacPrefix(v << (8 * (6 - octets.length)), 8 * octets.length);
    }

    public boolean contains(long mac) { return (mac & mask(bits)) == value; }

    @Override
    public String toString() { return MacAddress.format(value) + "/" + bits; }
}
