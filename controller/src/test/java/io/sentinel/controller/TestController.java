package io.sentinel.controller;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SignatureHeaders;
import io.sentinel.store.Database;
import io.sentinel.store.Migrations;
import io.sentinel.store.nonce.RedisNonceCache;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** The real controller on a loopback port with real PostgreSQL and Redis, plus an HTTP client for it. */
final class TestController implements AutoCloseable {

    static final String ADMIN_TOKEN = "snt_test_bootstrap_" + HexFormat.of().formatHex(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    static final String HMAC_SECRET = "6f1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d";

    final ControllerConfig config;
    final Database database;
    final Redis redis;
    final IngestQueue queue;
    final ControllerServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    private TestController(ControllerConfig config, Database database, Redis redis, IngestQueue queue,
                           ControllerServer server) {
        this.config = config;
        this.database = database;
        this.redis = redis;
        this.queue = queue;
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    static TestController start(Map<String, String> extraEnv) throws Exception {
        return start(extraEnv, true);
    }

    static TestController start(Map<String, String> extraEnv, boolean migrate) throws Exception {
        return start(extraEnv, migrate, TestBackends.redisUrl());
    }

    static TestController start(Map<String, String> extraEnv, boolean migrate, String redisUrl) throws Exception {
        return start(extraEnv, migrate, redisUrl, io.sentinel.controller.evidence.EvidenceStorage.unconfigured(), null);
    }

    /** With evidence storage (the evidence tests). */
    static TestController start(Map<String, String> extraEnv, boolean migrate, String redisUrl,
            io.sentinel.controller.evidence.EvidenceStorage evidence) throws Exception {
        return start(extraEnv, migrate, redisUrl, evidence, null);
    }

    /** With the detector catalogue's check of fleet detection settings. */
    static TestController start(Map<String, String> extraEnv, boolean migrate, String redisUrl,
                                io.sentinel.protocol.fleet.SettingsCheck check) throws Exception {
        return start(extraEnv, migrate, redisUrl, io.sentinel.controller.evidence.EvidenceStorage.unconfigured(), check);
    }

    private static TestController start(Map<String, String> extraEnv, boolean migrate, String redisUrl,
            io.sentinel.controller.evidence.EvidenceStorage evidence, io.sentinel.protocol.fleet.SettingsCheck check)
            throws Exception {
        Path data = Files.createTempDirectory("sentinel-ctl-data");
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_DATA_DIR", data.toString());
        env.put("API_AUTH_TOKEN", ADMIN_TOKEN);
        env.put("CONTROLLER_HMAC_SECRET", HMAC_SECRET);
        env.put("CONTROLLER_PORT", "0");
        env.put("CONTROLLER_BIND", "127.0.0.1");
        env.putAll(extraEnv);
        ControllerConfig config = ControllerConfig.load(env);
        Database db = migrate ? TestBackends.migratedDatabase() : TestBackends.emptyDatabase();
        Redis redis = Redis.connect(redisUrl);
        String stream = "test:" + System.nanoTime();
        IngestQueue queue = new RedisStreamQueue(redis, stream, 100_000, Duration.ofHours(1));
        ControllerServices services = new ControllerServices(db, new Migrations(db.dataSource()), queue,
                new RedisNonceCache(redis, stream + ":nonce:"), Optional.of(redis), Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), evidence);
        if (check != null) services = services.withSettingsCheck(check);
        ControllerServer server = ControllerServer.start(config, services);
        return new TestController(config, db, redis, queue, server);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a body signed by {@code signer} with the headers it produced. */
    HttpResponse<String> sendSigned(String path, SignatureHeaders headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.asMap().forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs now with a fresh nonce and sends. */
    HttpResponse<String> postSigned(RequestSigner signer, String path, String json, boolean gzip)
            throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            body = gzip(body);
        }
        return sendSigned(path, signer.sign("POST", path, "", gzip ? "gzip" : "identity", body), body);
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
        queue.close();
        redis.close();
        database.close();
    }
}
