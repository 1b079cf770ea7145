package io.sentinel.controller.dashboard.session;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The dashboard password, kept only as a PBKDF2-HMAC-SHA256 hash (600,000 iterations, random
 * salt) computed once at start. A login attempt is hashed the same way and compared in
 * constant time, so the plain password does not stay in memory and each guess costs the
 * attacker as much as it costs us.
 */
public final class DashboardPassword {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int HASH_BYTES = 32;

    private final byte[] salt;
    private final byte[] hash;
    private final int iterations;

    private DashboardPassword(byte[] salt, byte[] hash, int iterations) {
        this.salt = salt;
        this.hash = hash;
        this.iterations = iterations;
    }

    /** Hashes {@code password}; the caller should clear its array afterwards. */
    public static DashboardPassword hash(char[] password, int iterations) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("DASH_PASSWORD is empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new DashboardPassword(salt, pbkdf2(password, salt, iterations), iterations);
    }

    public boolean matches(char[] attempt) {
        if (attempt == null) {
            return false;
        }
        // an empty attempt is hashed too, so every refusal costs the same time
        byte[] candidate = pbkdf2(attempt.length == 0 ? new char[] {'\0'} : attempt, salt, iterations);
        boolean same = MessageDigest.isEqual(candidate, hash);
        Arrays.fill(candidate, (byte) 0);
        return same && attempt.length > 0;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
