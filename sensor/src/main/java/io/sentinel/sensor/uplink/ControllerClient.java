package io.sentinel.sensor.uplink;

import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed requests from a sensor to the controller (protocol v1, signed by the protocol module's
 * {@link RequestSigner}): one {@link HttpClient}, the sensor key held in memory only, a fresh random nonce per request. Every response's
 * {@code Date} header (and the heartbeat's server time, through {@link #observeServerTime})
 * updates the estimated clock offset; when the sensor's clock is off by more than
 * {@link #CORRECT_SKEW_MILLIS}, signing timestamps are corrected by that offset so that a sensor
 * with a wrong clock is not locked out by the controller's skew check.
 */
public final class ControllerClient {

    /** Offsets smaller than this are left alone (the Date header has one-second resolution). */
    public static final long CORRECT_SKEW_MILLIS = 30_000;

    private static final HexFormat HEX = HexFormat.of();

    private final URI base;
    private final String basePath;
    private final String sensorId;
    private final RequestSigner signer;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private volatile boolean offsetKnown;

    /** What the controller answered: the status and the body's bytes (read them with {@code Wire.readAnswer}). */
    public record Response(int status, byte[] body, Optional<Duration> retryAfter) {
        public boolean success() { return status >= 200 && status < 300; }
    }

    public ControllerClient(URI controller, String sensorId, byte[] key, Duration timeout, Clock clock) {
        this.base = controller;
        String p = controller.getRawPath() == null ? "" : controller.getRawPath();
        this.basePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        this.sensorId = sensorId;
        this.signer = new RequestSigner(sensorId, key, clock);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : timeout)
                .version("http".equalsIgnoreCase(controller.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String sensorId() { return sensorId; }

    /** The full URI of an API path such as {@code /api/v1/telemetry}. */
    public URI uri(String apiPath) {
        return base.resolve(basePath + apiPath);
    }

    /**
     * POSTs a body with the v1 signature headers.
     *
     * @param gzipped the body is already gzip-compressed (sent with {@code Content-Encoding: gzip})
     */
    public Response post(String apiPath, byte[] body, boolean gzipped) throws IOException, InterruptedException {
        return post(apiPath, body, gzipped, "application/json");
    }

    /** POSTs a body of another media type (evidence: {@code application/x-pcapng}). */
    public Response post(String apiPath, byte[] body, boolean gzipped, String contentType) throws IOException, InterruptedException {
        String path = basePath + apiPath;
        long now = clock.millis();
        long signedAt = offsetKnown && Math.abs(clockOffsetMillis.get()) > CORRECT_SKEW_MILLIS ? now + clockOffsetMillis.get() : now;
        long timestamp = Math.floorDiv(signedAt, 1000);
        byte[] n = new byte[16];
        random.nextBytes(n);
        SignatureHeaders signed = signer.sign("POST", path, "", gzipped ? "gzip" : "identity", body, timestamp, HEX.formatHex(n));
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.asMap().forEach(req::header);
        long sent = clock.millis();
        HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        long received = clock.millis();
        resp.headers().firstValue("Date").flatMap(ControllerClient::parseHttpDate)
                .ifPresent(d -> observeFromDateHeader(d, sent, received));
        return new Response(resp.statusCode(), resp.body(), resp.headers().firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock.instant())));
    }

    private void observeFromDateHeader(Instant serverTime, long sentMillis, long receivedMillis) {
        long offset = serverTime.toEpochMilli() + 500 - (sentMillis + receivedMillis) / 2;
        // the header has whole seconds: only take it when we have nothing better or it is far off
        if (!offsetKnown || Math.abs(offset - clockOffsetMillis.get()) > 2000) {
            clockOffsetMillis.set(offset);
            offsetKnown = true;
        }
    }

    /** Records a precise server time (e.g. from the heartbeat answer) seen between two local instants. */
    public void observeServerTime(Instant serverTime, long sentMillis, long receivedMillis) {
        clockOffsetMillis.set(serverTime.toEpochMilli() - (sentMillis + receivedMillis) / 2);
        offsetKnown = true;
    }

    /** Controller clock minus sensor clock, in milliseconds (0 until the first answer). */
    public long clockOffsetMillis() { return clockOffsetMillis.get(); }

    public boolean clockOffsetKnown() { return offsetKnown; }

    /** {@code Retry-After}: delta seconds or an HTTP date. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            long s = Long.parseLong(v);
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException e) {
            return parseHttpDate(v).map(d -> d.isAfter(now) ? Duration.between(now, d) : Duration.ZERO);
        }
    }

    static Optional<Instant> parseHttpDate(String v) {
        try {
            return Optional.of(ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ControllerClient[" + base + ", sensor " + sensorId + "]"; // never the key
    }
}
