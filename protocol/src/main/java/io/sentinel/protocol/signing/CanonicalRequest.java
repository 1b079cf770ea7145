package io.sentinel.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The string a sensor signs (protocol v1): these lines joined by {@code \n}, no trailing
 * newline: {@code v1}, method, path as sent, query as sent (empty if none), timestamp, nonce,
 * sensor id, content encoding ({@code identity} when absent), and the lower-case hex SHA-256 of
 * the body bytes as sent.
 */
public record CanonicalRequest(
        String method,
        String path,
        String query,
        long timestamp,
        String nonce,
        String sensorId,
        String contentEncoding,
        String bodySha256Hex) {

    /** The version tag that starts the canonical string and the signature header. */
    public static final String VERSION = "v1";

    public CanonicalRequest {
        query = query == null ? "" : query;
        contentEncoding = contentEncoding == null || contentEncoding.isEmpty() ? "identity" : contentEncoding;
    }

    /** Builds the canonical request of a body, hashing it. */
    public static CanonicalRequest of(String method, String path, String query, long timestamp, String nonce,
            String sensorId, String contentEncoding, byte[] body) {
        return new CanonicalRequest(method, path, query, timestamp, nonce, sensorId, contentEncoding,
                sha256Hex(body == null ? new byte[0] : body));
    }

    /** The exact text that is signed. */
    public String toSigningString() {
        return String.join("\n", VERSION, method, path, query, Long.toString(timestamp), nonce, sensorId,
                contentEncoding, bodySha256Hex);
    }

    /** The signing string as UTF-8 bytes. */
    public byte[] toSigningBytes() {
        return toSigningString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code v1=} followed by the lower-case hex HMAC-SHA256 of the signing string under {@code key}. */
    public String signature(byte[] key) {
        return VERSION + "=" + HexFormat.of().formatHex(SensorKeyDeriver.hmac(key, toSigningBytes()));
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
