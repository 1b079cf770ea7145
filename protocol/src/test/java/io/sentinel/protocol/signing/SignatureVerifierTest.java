package io.sentinel.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.protocol.signing.SignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    private static final long NOW = 1_750_000_000L;
    private static final byte[] KEY = new SensorKeyDeriver(new byte[32]).deriveKey("s1", 1);
    private static final byte[] BODY = "{\"batch_id\":\"b\",\"sensor_id\":\"s1\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);

    private final Set<String> seen = new HashSet<>();
    private final NonceCache cache = (s, n, ttl) -> seen.add(s + ":" + n);
    private final SignatureVerifier verifier = new SignatureVerifier(
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ofSeconds(300), cache);
    private final RequestSigner signer = new RequestSigner("s1", KEY, Clock.systemUTC());

    private SignatureHeaders signed(long ts, String nonce) {
        return signer.sign("POST", "/api/v1/telemetry", "", null, BODY, ts, nonce);
    }

    private String verify(SignatureHeaders h, byte[] body) throws SignatureException {
        return verifier.verify(h, "POST", "/api/v1/telemetry", "", body, id -> id.equals("s1") ? Optional.of(KEY)
                : Optional.empty());
    }

    @Test
    void validRequestIsAcceptedOnceThenItsNonceIsAReplay() throws Exception {
        SignatureHeaders h = signed(NOW, "00112233445566778899aabbccddeeff");
        assertThat(verify(h, BODY)).isEqualTo("s1");
        assertThatThrownBy(() -> verify(h, BODY)).isInstanceOf(SignatureException.class)
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.REPLAYED_NONCE);
    }

    @Test
    void timestampBeyondSkewIsRefusedBothWays() {
        assertThatThrownBy(() -> verify(signed(NOW - 301, "00112233445566778899aabbccddeeff"), BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.CLOCK_SKEW);
        assertThatThrownBy(() -> verify(signed(NOW + 301, "00112233445566778899aabbccddeeff"), BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.CLOCK_SKEW);
    }

    @Test
    void timestampAtTheSkewLimitIsAccepted() throws Exception {
        assertThat(verify(signed(NOW - 300, "00112233445566778899aabbccddee00"), BODY)).isEqualTo("s1");
    }

    @Test
    void changedBodyFailsTheSignature() {
        SignatureHeaders h = signed(NOW, "00112233445566778899aabbccddeeff");
        byte[] other = "{\"batch_id\":\"c\",\"sensor_id\":\"s1\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verify(h, other))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(seen).as("a forged request must not consume the nonce").isEmpty();
    }

    @Test
    void signatureUnderAnotherKeyIsRefused() {
        RequestSigner other = new RequestSigner("s1", new SensorKeyDeriver(new byte[32]).deriveKey("s1", 2),
                Clock.systemUTC());
        SignatureHeaders h = other.sign("POST", "/api/v1/telemetry", "", null, BODY, NOW,
                "00112233445566778899aabbccddeeff");
        assertThatThrownBy(() -> verify(h, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void unknownSensorAndMalformedHeadersAreRefused() {
        SignatureHeaders good = signed(NOW, "00112233445566778899aabbccddeeff");
        SignatureHeaders unknown = new SignatureHeaders("s2", good.timestamp(), good.nonce(), good.signature(), null);
        assertThatThrownBy(() -> verify(unknown, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.UNKNOWN_SENSOR);
        SignatureHeaders upperNonce = new SignatureHeaders("s1", good.timestamp(), good.nonce().toUpperCase(),
                good.signature(), null);
        assertThatThrownBy(() -> verify(upperNonce, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.MALFORMED_HEADER);
        SignatureHeaders badId = new SignatureHeaders("s 1", good.timestamp(), good.nonce(), good.signature(), null);
        assertThatThrownBy(() -> verify(badId, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.MALFORMED_HEADER);
        SignatureHeaders missing = new SignatureHeaders("s1", null, good.nonce(), good.signature(), null);
        assertThatThrownBy(() -> verify(missing, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.MISSING_HEADER);
        SignatureHeaders shortSig = new SignatureHeaders("s1", good.timestamp(), good.nonce(), "v1=abcd", null);
        assertThatThrownBy(() -> verify(shortSig, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.MALFORMED_HEADER);
    }

    @Test
    void contentEncodingIsPartOfTheSignature() {
        SignatureHeaders h = signed(NOW, "00112233445566778899aabbccddeeff");
        SignatureHeaders claimedGzip = new SignatureHeaders("s1", h.timestamp(), h.nonce(), h.signature(), "gzip");
        assertThatThrownBy(() -> verify(claimedGzip, BODY))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }
}
