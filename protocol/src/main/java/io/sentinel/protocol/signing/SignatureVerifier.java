package io.sentinel.protocol.signing;

import io.sentinel.protocol.signing.SignatureException.Reason;
import io.sentinel.protocol.wire.Identifiers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Verifies signed sensor requests (protocol v1): header formats, clock skew (300 s by default),
 * signature over the canonical string compared in constant time, then the nonce against the
 * replay cache. The nonce is recorded only after the signature checks out, so that forged
 * requests cannot fill the cache. Thread-safe.
 *
 * <pre>{@code
 * SignatureVerifier v = new SignatureVerifier(Clock.systemUTC(), Duration.ofSeconds(300), nonceCache);
 * String sensorId = v.verify(headers, "POST", path, rawQuery, bodyAsSent,
 *         id -> sensors.activeKeyEpoch(id).map(epoch -> deriver.deriveKey(id, epoch)));
 * }</pre>
 */
public final class SignatureVerifier {
    /** Default allowed difference between the sensor's timestamp and the controller's clock. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(300);

    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("v1=[0-9a-f]{64}");

    private final Clock clock;
    private final Duration maxSkew;
    private final NonceCache nonces;

    public SignatureVerifier(Clock clock, Duration maxSkew, NonceCache nonces) {
        if (maxSkew.isNegative() || maxSkew.isZero()) {
            throw new IllegalArgumentException("max skew must be positive");
        }
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.nonces = nonces;
    }

    /**
     * Verifies one request.
     *
     * @param headers the signature headers as received (null values for absent headers)
     * @param method HTTP method as sent
     * @param path the path as sent, without query
     * @param query the raw query string as sent, empty or null if none
     * @param body the body bytes as sent (still compressed if compressed)
     * @param keyOf the signing key of an active sensor, empty for an unknown or revoked one
     * @return the authenticated sensor id
     * @throws SignatureException with the reason of the refusal
     */
    public String verify(SignatureHeaders headers, String method, String path, String query, byte[] body,
            Function<String, Optional<byte[]>> keyOf) throws SignatureException {
        String sensorId = require(headers.sensorId(), SignatureHeaders.SENSOR);
        String ts = require(headers.timestamp(), SignatureHeaders.TIMESTAMP);
        String nonce = require(headers.nonce(), SignatureHeaders.NONCE);
        String signature = require(headers.signature(), SignatureHeaders.SIGNATURE);
        if (!Identifiers.isSensorId(sensorId)) {
            throw new SignatureException(Reason.MALFORMED_HEADER, SignatureHeaders.SENSOR + " is not a sensor id");
        }
        if (!TIMESTAMP.matcher(ts).matches()) {
            throw new SignatureException(Reason.MALFORMED_HEADER, SignatureHeaders.TIMESTAMP + " is not Unix seconds");
        }
        if (!Identifiers.isNonce(nonce)) {
            throw new SignatureException(Reason.MALFORMED_HEADER, SignatureHeaders.NONCE + " is not 32 lower-case hex");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new SignatureException(Reason.MALFORMED_HEADER, SignatureHeaders.SIGNATURE + " is not v1=<64 hex>");
        }
        long timestamp = Long.parseLong(ts);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > maxSkew.toSeconds()) {
            throw new SignatureException(Reason.CLOCK_SKEW, "timestamp is more than " + maxSkew.toSeconds()
                    + " s away from the controller's clock");
        }
        Optional<byte[]> key = keyOf.apply(sensorId);
        if (key.isEmpty()) {
            throw new SignatureException(Reason.UNKNOWN_SENSOR, "unknown or revoked sensor");
        }
        CanonicalRequest c = CanonicalRequest.of(method, path, query, timestamp, nonce, sensorId,
                headers.contentEncoding(), body);
        byte[] expected = c.signature(key.get()).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.getBytes(StandardCharsets.US_ASCII);
        if (!java.security.MessageDigest.isEqual(expected, actual)) {
            throw new SignatureException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        // a nonce must stay remembered for as long as its timestamp could still pass the skew check
        if (!nonces.firstUse(sensorId, nonce, maxSkew.multipliedBy(2))) {
            throw new SignatureException(Reason.REPLAYED_NONCE, "nonce already used");
        }
        return sensorId;
    }

    public Duration maxSkew() {
        return maxSkew;
    }

    private static String require(String v, String name) throws SignatureException {
        if (v == null || v.isEmpty()) {
            throw new SignatureException(Reason.MISSING_HEADER, "missing header " + name);
        }
        return v;
    }
}
