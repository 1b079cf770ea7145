package io.sentinel.protocol.signing;

import io.sentinel.protocol.wire.Identifiers;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Signs a sensor's requests with its derived key (protocol v1). Thread-safe.
 *
 * <pre>{@code
 * RequestSigner signer = new RequestSigner("sensor-1", keyBytes, Clock.systemUTC());
 * SignatureHeaders h = signer.sign("POST", "/api/v1/telemetry", "", "gzip", gzippedBody);
 * h.asMap().forEach(request::header);
 * }</pre>
 */
public final class RequestSigner {
    private final String sensorId;
    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RequestSigner(String sensorId, byte[] key, Clock clock) {
        if (!Identifiers.isSensorId(sensorId)) {
            throw new IllegalArgumentException("sensor id must match [A-Za-z0-9._-]{1,64}");
        }
        if (key == null || key.length != SensorKeyDeriver.KEY_LENGTH) {
            throw new IllegalArgumentException("sensor key must be 32 bytes");
        }
        this.sensorId = sensorId;
        this.key = key.clone();
        this.clock = clock;
    }

    /** Signs with the current time and a fresh random nonce. */
    public SignatureHeaders sign(String method, String path, String query, String contentEncoding, byte[] body) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return sign(method, path, query, contentEncoding, body, clock.instant().getEpochSecond(),
                HexFormat.of().formatHex(n));
    }

    /** Signs with the given timestamp and nonce (for tests and test vectors). */
    public SignatureHeaders sign(String method, String path, String query, String contentEncoding, byte[] body,
            long timestamp, String nonce) {
        CanonicalRequest c = CanonicalRequest.of(method, path, query, timestamp, nonce, sensorId, contentEncoding,
                body);
        return new SignatureHeaders(sensorId, Long.toString(timestamp), nonce, c.signature(key),
                c.contentEncoding());
    }

    public String sensorId() {
        return sensorId;
    }
}
