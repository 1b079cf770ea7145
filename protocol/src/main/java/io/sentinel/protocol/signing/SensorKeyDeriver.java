package io.sentinel.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives each sensor's signing key from {@code CONTROLLER_HMAC_SECRET}: HKDF-SHA256 (RFC 5869)
 * with IKM = the 32 secret bytes, salt = {@code sentinel/v1/sensor-key}, info =
 * {@code <sensor id>|<key epoch>}, 32 bytes of output. The controller stores only the epoch.
 */
public final class SensorKeyDeriver {
    /** The HKDF salt of protocol v1. */
    public static final byte[] SALT = "sentinel/v1/sensor-key".getBytes(StandardCharsets.US_ASCII);
    /** Length of a derived sensor key in bytes. */
    public static final int KEY_LENGTH = 32;

    private final byte[] prk;

    /**
     * @param masterSecret the 32 bytes of {@code CONTROLLER_HMAC_SECRET} (hex-decoded)
     */
    public SensorKeyDeriver(byte[] masterSecret) {
        if (masterSecret == null || masterSecret.length != 32) {
            throw new IllegalArgumentException("CONTROLLER_HMAC_SECRET must be 32 bytes (64 hex characters)");
        }
        this.prk = extract(SALT, masterSecret);
    }

    /** Builds a deriver from the 64-hex-character form of the master secret. */
    public static SensorKeyDeriver fromHex(String masterSecretHex) {
        if (masterSecretHex == null || masterSecretHex.length() != 64) {
            throw new IllegalArgumentException("CONTROLLER_HMAC_SECRET must be 64 hex characters");
        }
        try {
            return new SensorKeyDeriver(HexFormat.of().parseHex(masterSecretHex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONTROLLER_HMAC_SECRET must be 64 hex characters");
        }
    }

    /** The signing key of {@code sensorId} at {@code keyEpoch} (32 bytes). */
    public byte[] deriveKey(String sensorId, long keyEpoch) {
        if (keyEpoch < 1) {
            throw new IllegalArgumentException("key epoch starts at 1");
        }
        byte[] info = (sensorId + "|" + keyEpoch).getBytes(StandardCharsets.US_ASCII);
        return expand(prk, info, KEY_LENGTH);
    }

    /** The signing key of {@code sensorId} at {@code keyEpoch} as 64 lower-case hex characters. */
    public String deriveKeyHex(String sensorId, long keyEpoch) {
        return HexFormat.of().formatHex(deriveKey(sensorId, keyEpoch));
    }

    /** HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zeros. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? new byte[32] : salt;
        return hmac(s, ikm);
    }

    /** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC-Hash(PRK, T(i-1) | info | i), OKM = first L bytes. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * 32) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be 1..8160");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] okm = new byte[length];
            byte[] t = new byte[0];
            int filled = 0;
            for (int i = 1; filled < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(t.length, length - filled);
                System.arraycopy(t, 0, okm, filled, n);
                filled += n;
            }
            Arrays.fill(t, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** HKDF (extract then expand). */
    public static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
