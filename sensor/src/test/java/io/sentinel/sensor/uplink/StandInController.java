package io.sentinel.sensor.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * A small HTTP server standing in for the controller's ingest endpoints: it checks the v1
 * signature exactly as CONTRACTS.md defines it, keeps accepted batches by batch id (a second
 * copy is answered 200 duplicate) and can be told to shed load or fail.
 */
public final class StandInController implements AutoCloseable {

    public enum Mode { ACCEPT, UNAVAILABLE_503, THROTTLE_429, STORE_THEN_500, REJECT_400 }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final Map<String, JsonNode> batches = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    public final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);
    public final AtomicInteger badSignatures = new AtomicInteger();
    public final AtomicInteger heartbeats = new AtomicInteger();
    volatile int retryAfterSeconds = 1;
    private final byte[] key;
    private final String sensorId;
    private HttpServer server;
    private int port;

    public final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();
    /** The decoded bodies of the heartbeats received, in order. */
    public final List<byte[]> heartbeatBodies = new CopyOnWriteArrayList<>();
    /** Evidence files taken, by evidence id (the section comment's label), and every evidence request's content type. */
    public final Map<String, byte[]> evidence = new ConcurrentHashMap<>();
    public final List<String> evidenceContentTypes = new CopyOnWriteArrayList<>();

    public StandInController(String sensorId, byte[] key, int port) throws IOException {
        this.sensorId = sensorId;
        this.key = key;
        start(port);
    }

    public void start(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
        server.createContext("/api/v1/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() { return port; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            requests.add(path);
            requestNanos.add(System.nanoTime());
            var h = ex.getRequestHeaders();
            String enc = h.getFirst("Content-Encoding");
            String canonical = RequestSigning.canonical(ex.getRequestMethod(), path,
                    ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(),
                    Long.parseLong(h.getFirst("X-Sentinel-Timestamp")), h.getFirst("X-Sentinel-Nonce"),
                    h.getFirst("X-Sentinel-Sensor"), enc, raw);
            if (!sensorId.equals(h.getFirst("X-Sentinel-Sensor"))
                    || !h.getFirst("X-Sentinel-Nonce").matches("[0-9a-f]{32}")
                    || !RequestSigning.signature(key, canonical).equals(h.getFirst("X-Sentinel-Signature"))
                    || Math.abs(Long.parseLong(h.getFirst("X-Sentinel-Timestamp")) - System.currentTimeMillis() / 1000) > 300) {
                badSignatures.incrementAndGet();
                answer(ex, 401, new ControllerAnswer.Refusal("unauthorized", "bad_signature", null));
                return;
            }
            byte[] plain = "gzip".equals(enc) ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
            rawBodies.add(plain);
            if (path.endsWith("/heartbeat")) {
                heartbeatBodies.add(plain);
                heartbeats.incrementAndGet();
                answer(ex, 200, new ControllerAnswer.HeartbeatAnswer(java.time.Instant.now(), null));
                return;
            }
            if (path.endsWith("/evidence")) {
                evidenceContentTypes.add(h.getFirst("Content-Type"));
                Mode em = mode.get();
                if (em == Mode.UNAVAILABLE_503) {
                    ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    answer(ex, 503, new ControllerAnswer.Refusal("unavailable", "object store down", null));
                    return;
                }
                String id;
                try {
                    id = io.sentinel.protocol.evidence.EvidenceFile.inspect(plain, 0).label().orElseThrow().evidenceId();
                } catch (Exception e) {
                    answer(ex, 400, new ControllerAnswer.Refusal("not_pcapng", e.getMessage(), null));
                    return;
                }
                boolean fresh = evidence.putIfAbsent(id, plain) == null;
                if (fresh) answer(ex, 201, new ControllerAnswer.Accepted(id));
                else answer(ex, 200, new ControllerAnswer.Duplicate());
                return;
            }
            byte[] body = "gzip".equals(enc) ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
            JsonNode doc = JSON.readTree(body);
            Mode m = mode.get();
            switch (m) {
                case UNAVAILABLE_503 -> {
                    ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    answer(ex, 503, new ControllerAnswer.Refusal("unavailable", "shedding load", null));
                    return;
                }
                case THROTTLE_429 -> {
                    ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    answer(ex, 429, new ControllerAnswer.Refusal("rate_limited", "too many requests", null));
                    return;
                }
                case REJECT_400 -> {
                    answer(ex, 400, new ControllerAnswer.Refusal("invalid_field", "items[0].x: bad", "items[0].x"));
                    return;
                }
                default -> { }
            }
            String id = doc.get("batch_id").asText();
            boolean fresh = batches.putIfAbsent(id, doc) == null;
            if (m == Mode.STORE_THEN_500) {
                mode.set(Mode.ACCEPT); // the answer of this one request is lost
                answer(ex, 500, new ControllerAnswer.Refusal("internal", "lost answer", null));
                return;
            }
            if (fresh) answer(ex, 202, new ControllerAnswer.Accepted(id));
            else answer(ex, 200, new ControllerAnswer.Duplicate());
        } catch (RuntimeException e) {
            answer(ex, 400, new ControllerAnswer.Refusal("bad_request", e.getClass().getSimpleName(), null));
        }
    }

    /** Answers as the real controller does: the protocol's answer records, written by its codec. */
    private static void answer(HttpExchange ex, int status, ControllerAnswer answer) throws IOException {
        byte[] b = Wire.write(answer);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        stop();
    }
}
