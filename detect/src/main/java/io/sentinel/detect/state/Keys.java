package io.sentinel.detect.state;

/** Combines entity values into one 64-bit table key. */
public final class Keys {
    private Keys() {}

    /** A well-mixed key for a pair (e.g. BSSID and client); order matters. */
    public static long pair(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return h;
    }

    /** A key for an SSID hash (kept apart from MAC keys by construction). */
    public static long ssid(int ssidHash) { return pair(0x5_5151_D000L, ssidHash); }
}
