package io.sentinel.store.notify;

import io.sentinel.protocol.signing.SensorKeyDeriver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals channel secrets at rest: AES-256-GCM under a key derived with HKDF-SHA256 from
 * {@code CONTROLLER_SECRET_KEY} (salt {@code sentinel/v1/notify-secrets}, info
 * {@code channel-secrets}), which both the controller (that stores them) and the worker (that
 * uses them) are given. The channel id is the additional authenticated data, so a sealed value
 * cannot be moved to another channel. Layout: version byte 1, 4-byte key id, 12-byte random
 * nonce, ciphertext with its 16-byte tag. The key id tells a rotated key apart from tampering.
 */
public final class SecretBox {
    private static final byte VERSION = 1;
    private static final byte[] SALT = "sentinel/v1/notify-secrets".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "channel-secrets".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] derived) {
        this.key = new SecretKeySpec(derived, "AES");
        try {
            this.keyId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(derived), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The box of a deployment, from the 32 bytes of {@code CONTROLLER_SECRET_KEY}. */
    public static SecretBox fromControllerSecret(byte[] controllerSecret) {
        if (controllerSecret.length < 32) {
            throw new IllegalArgumentException("the controller secret must be 32 bytes");
        }
        return new SecretBox(SensorKeyDeriver.hkdf(SALT, controllerSecret, INFO, 32));
    }

    /** Raised when a sealed value cannot be opened: another key (rotated secret) or altered bytes. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    public byte[] seal(byte[] plaintext, String channelId) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext);
            return ByteBuffer.allocate(1 + keyId.length + NONCE + sealed.length).put(VERSION).put(keyId).put(nonce)
                    .put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public byte[] open(byte[] sealed, String channelId) throws Unreadable {
        if (sealed.length < 1 + 4 + NONCE + 16 || sealed[0] != VERSION) {
            throw new Unreadable("the stored secrets are not in a known format");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sealed, 1, 5), keyId)) {
            throw new Unreadable("the stored secrets were sealed under another CONTROLLER_SECRET_KEY; enter them again");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 5, NONCE));
            c.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, 5 + NONCE, sealed.length - 5 - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Unreadable("the stored secrets failed their integrity check");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
