package io.sentinel.sensor.telemetry;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a client MAC by a keyed hash that still looks like a MAC: the first six bytes of
 * HMAC-SHA256(key, the six address bytes), with the locally-administered bit set and the group
 * bit cleared (so it can never collide with a vendor-assigned address and passes MAC checks).
 * The same key always gives the same pseudonym, so a device can be followed across intervals
 * and sensor restarts without revealing its address; without the key it cannot be reversed
 * by enumerating vendor prefixes. Not thread-safe (one {@link Mac} instance).
 */
public final class MacPseudonymizer {
    private final Mac mac;
    private final byte[] in = new byte[6];

    public MacPseudonymizer(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("pseudonymisation key must be at least 16 bytes");
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The pseudonym of a MAC given as a 48-bit value (see {@code io.sentinel.wifi.MacAddress}). */
    public long pseudonym(long address) {
        for (int i = 0; i < 6; i++) in[i] = (byte) (address >>> (40 - 8 * i));
        byte[] h = mac.doFinal(in);
        long v = 0;
        for (int i = 0; i < 6; i++) v = (v << 8) | (h[i] & 0xFF);
        v |= 0x02L << 40;
        v &= ~(0x01L << 40);
        return v;
    }
}
