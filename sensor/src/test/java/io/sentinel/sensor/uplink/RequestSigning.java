package io.sentinel.sensor.uplink;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent implementation of the v1 request signature, written from the text of CONTRACTS.md
 * for the stand-in controller of the tests (the sensor itself signs with the protocol module).
 * Protocol v1 request signatures (CONTRACTS.md, "Signing of sensor requests"): HMAC-SHA256
 * under the sensor key over {@code v1, method, path, query, timestamp, nonce, sensor id,
 * content encoding, sha256(body as sent)} joined by newlines.
 */
final class RequestSigning {
    private static final HexFormat HEX = HexFormat.of();

    private RequestSigning() {}

    /** The canonical string that is signed. */
    public static String canonical(String method, String path, String query, long timestamp, String nonce,
            String sensorId, String contentEncoding, byte[] body) {
        return String.join("\n", "v1", method, path, query == null ? "" : query, Long.toString(timestamp), nonce,
                sensorId, contentEncoding == null || contentEncoding.isEmpty() ? "identity" : contentEncoding,
                sha256Hex(body));
    }

    /** The value of the {@code X-Sentinel-Signature} header: {@code v1=} and 64 hex characters. */
    public static String signature(byte[] key, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "v1=" + HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
