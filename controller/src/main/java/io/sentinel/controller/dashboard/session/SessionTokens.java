package io.sentinel.controller.dashboard.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring dashboard sessions and the CSRF token bound to each of them.
 *
 * <p>A session cookie is {@code v1.<issued>.<expires>.<session id>.<mac>}: times in epoch
 * seconds, a random 128-bit id, and HMAC-SHA256 over the rest with a key derived from
 * {@code CONTROLLER_SECRET_KEY}. Nothing is stored server-side except the ids of sessions
 * that logged out before they expired ({@link RevokedSessions}). The CSRF token of a session
 * is an HMAC of its id under a second derived key, so a form token cannot be forged without
 * the secret and cannot be replayed against another session.
 */
public final class SessionTokens {

    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();
    private final byte[] sessionKey;
    private final byte[] csrfKey;
    private final Duration lifetime;

    public SessionTokens(byte[] controllerSecret, Duration lifetime) {
        if (controllerSecret == null || controllerSecret.length < 16) {
            throw new IllegalArgumentException("CONTROLLER_SECRET_KEY must hold at least 16 bytes");
        }
        this.sessionKey = hmac(controllerSecret, "sentinel/dashboard/session-mac");
        this.csrfKey = hmac(controllerSecret, "sentinel/dashboard/csrf");
        this.lifetime = lifetime;
    }

    /** An established session. */
    public record Session(String id, Instant issued, Instant expires) {}

    public Duration lifetime() {
        return lifetime;
    }

    public Session newSession(Instant now) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new Session(HEX.formatHex(id), now, now.plus(lifetime));
    }

    public String encode(Session s) {
        String body = "v1." + s.issued().getEpochSecond() + "." + s.expires().getEpochSecond() + "." + s.id();
        return body + "." + HEX.formatHex(hmac(sessionKey, body));
    }

    /** The session of a cookie value when it is well formed, authentic and not expired at {@code now}. */
    public Optional<Session> decode(String cookie, Instant now) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        int macAt = cookie.lastIndexOf('.');
        if (macAt < 0) {
            return Optional.empty();
        }
        String body = cookie.substring(0, macAt);
        byte[] mac;
        try {
            mac = HEX.parseHex(cookie.substring(macAt + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, hmac(sessionKey, body))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (!now.isBefore(expires) || now.isBefore(issued.minusSeconds(60))) {
                return Optional.empty();
            }
            return Optional.of(new Session(parts[3], issued, expires));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String csrfToken(Session s) {
        return HEX.formatHex(hmac(csrfKey, s.id()));
    }

    public boolean csrfMatches(Session s, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                csrfToken(s).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** A random token for the login form (double-submitted as a cookie). */
    public String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
