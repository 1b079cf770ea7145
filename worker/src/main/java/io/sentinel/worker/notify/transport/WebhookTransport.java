package io.sentinel.worker.notify.transport;

import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.Message;
import io.sentinel.worker.notify.format.WebhookBody;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each message as JSON. With a signing key every request carries
 * {@code X-Sentinel-Timestamp: <unix seconds>} and
 * {@code X-Sentinel-Signature-256: sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>}
 * (the GitHub {@code X-Hub-Signature-256} scheme with the time bound in, so a captured request
 * cannot be replayed later); {@code X-Sentinel-Message-Id} and {@code Idempotency-Key} carry the
 * message id. Redirects are not followed; any 2xx is delivered; 408, 429 and 5xx mean the
 * receiver is down (its {@code Retry-After} is honoured), other statuses reject the message.
 * Link-local, multicast and unspecified addresses are refused (cloud metadata endpoints), and
 * loopback too unless allowed (development).
 */
public final class WebhookTransport implements Transport {
    public static final String SIGNATURE_HEADER = "X-Sentinel-Signature-256";
    public static final String TIMESTAMP_HEADER = "X-Sentinel-Timestamp";
    public static final String MESSAGE_ID_HEADER = "X-Sentinel-Message-Id";

    private final ChannelSettings.Webhook settings;
    private final URI url;
    private final String hint;
    private final Optional<byte[]> signingKey;
    private final Optional<String> authorization;
    private final boolean allowLoopback;
    private final String userAgent;
    private final Clock clock;
    private final HttpClient http;

    public WebhookTransport(ChannelSettings.Webhook settings, Map<String, String> secrets, boolean allowLoopback,
            String version, Clock clock) {
        this.settings = settings;
        this.url = URI.create(secrets.get("url"));
        this.hint = ChannelSettings.Webhook.hint(secrets.get("url"));
        this.signingKey = Optional.ofNullable(secrets.get("signing_key")).map(k -> k.getBytes(StandardCharsets.UTF_8));
        this.authorization = Optional.ofNullable(secrets.get("authorization"));
        this.allowLoopback = allowLoopback;
        this.userAgent = "Sentinel/" + version;
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(settings.timeoutSeconds())).build();
    }

    /** The signature header value of {@code body} sent at {@code timestamp}. */
    public static String signature(byte[] key, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Result send(List<Message> batch, long deadline) {
        Optional<String> refused = refusedTarget();
        if (refused.isPresent()) {
            return Result.failed(0, Failure.rejected(refused.get()));
        }
        for (int i = 0; i < batch.size(); i++) {
            if (System.nanoTime() - deadline > 0) {
                return new Result(i, Optional.empty());
            }
            Message m = batch.get(i);
            byte[] body = WebhookBody.format(settings.shape(), m).getBytes(StandardCharsets.UTF_8);
            long ts = clock.instant().getEpochSecond();
            HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", userAgent)
                    .header(MESSAGE_ID_HEADER, m.id().toString())
                    .header("Idempotency-Key", m.id().toString())
                    .header("X-Sentinel-Event", m.event().orElse(m.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .header(TIMESTAMP_HEADER, Long.toString(ts))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signingKey.ifPresent(k -> req.header(SIGNATURE_HEADER, signature(k, ts, body)));
            authorization.ifPresent(a -> req.header("Authorization", a));
            try {
                HttpResponse<Void> res = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
                int s = res.statusCode();
                if (s >= 200 && s < 300) {
                    continue;
                }
                String error = "HTTP " + s + " from " + hint;
                if (s == 408 || s == 429 || s >= 500) {
                    Optional<Duration> after = res.headers().firstValue("Retry-After").flatMap(WebhookTransport::seconds);
                    return Result.failed(i, new Failure(error, true, after));
                }
                return Result.failed(i, Failure.rejected(error));
            } catch (HttpTimeoutException e) {
                return Result.failed(i, Failure.down("timed out after " + settings.timeoutSeconds() + " s at " + hint));
            } catch (IOException e) {
                return Result.failed(i, Failure.down(e.getClass().getSimpleName() + " at " + hint));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed(i, Failure.down("interrupted"));
            }
        }
        return Result.all(batch.size());
    }

    private Optional<String> refusedTarget() {
        try {
            for (InetAddress a : InetAddress.getAllByName(url.getHost())) {
                if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                        || (a.isLoopbackAddress() && !allowLoopback)) {
                    return Optional.of("target address of " + hint + " is not allowed (" + (a.isLoopbackAddress()
                            ? "loopback" : "link-local, multicast or unspecified") + ")");
                }
            }
            return Optional.empty();
        } catch (java.net.UnknownHostException e) {
            return Optional.empty(); // the send reports the failure, and it is retried
        }
    }

    private static Optional<Duration> seconds(String v) {
        try {
            long s = Long.parseLong(v.strip());
            return s >= 0 && s <= 86_400 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
