package io.sentinel.wifi;

/**
 * MAC addresses as 48-bit values in a {@code long} (first octet in the most significant byte),
 * so that the hot path never allocates. {@link #NONE} marks an absent address.
 */
public final class MacAddress {
    public static final long NONE = -1L;
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddress() {}

    /** Lower-case colon-separated form, e.g. {@code 00:11:22:aa:bb:cc}; null for {@link #NONE}. */
    public static String format(long mac) {
        if (mac == NONE) return null;
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) (mac >>> (40 - 8 * i)) & 0xFF;
            out[i * 3] = HEX[b >>> 4];
            out[i * 3 + 1] = HEX[b & 15];
            if (i < 5) out[i * 3 + 2] = ':';
        }
        return new String(out);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-...}; throws IllegalArgumentException otherwise. */
    public static long parse(String text) {
        if (text == null || text.length() != 17) throw new IllegalArgumentException("not a MAC address: " + text);
        long v = 0;
        for (int i = 0; i < 6; i++) {
            int hi = Character.digit(text.charAt(i * 3), 16), lo = Character.digit(text.charAt(i * 3 + 1), 16);
            if (hi < 0 || lo < 0 || (i < 5 && text.charAt(i * 3 + 2) != ':' && text.charAt(i * 3 + 2) != '-'))
                throw new IllegalArgumentException("not a MAC address: " + text);
            v = (v << 8) | (hi << 4) | lo;
        }
        return v;
    }

    public static boolean isGroup(long mac) { return mac != NONE && ((mac >>> 40) & 1) != 0; }

    public static boolean isBroadcast(long mac) { return mac == BROADCAST; }

    /** Locally administered bit set: typical of randomised client MACs and of spoofing tools. */
    public static boolean isLocallyAdministered(long mac) { return mac != NONE && ((mac >>> 40) & 2) != 0; }

    /** The 24-bit OUI (first three octets). */
    public static int oui(long mac) { return (int) (mac >>> 24) & 0xFF_FFFF; }
}
