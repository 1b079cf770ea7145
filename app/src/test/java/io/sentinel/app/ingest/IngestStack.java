package io.sentinel.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.Migrations;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.nonce.RedisNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.Redis;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.testing.TestRedis;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The production ingest path in one process, every part real: the controller on a loopback
 * port, the queue (Redis Streams on a real {@code redis-server}, or the in-process queue of
 * {@code sentinel up}), a worker thread, and PostgreSQL (zonky). Sensors are enrolled in the
 * database and sign with the key the controller derives.
 */
final class IngestStack implements AutoCloseable {
    static final String ADMIN = "snt_codec_admin_token_0123456789abcdef012345";
    static final String HMAC = "7b1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d";

    enum QueueKind { REDIS, IN_PROCESS }

    final Database db;
    final IngestQueue queue;
    final ControllerServer server;
    final Worker worker;
    private final TestRedis redisServer;
    private final Redis redis;
    private final Thread workerThread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestStack(Database db, TestRedis redisServer, Redis redis, IngestQueue queue, ControllerServer server,
            Worker worker) {
        this.db = db;
        this.redisServer = redisServer;
        this.redis = redis;
        this.queue = queue;
        this.server = server;
        this.worker = worker;
        this.workerThread = Thread.ofPlatform().daemon().name("ingest-stack-worker").start(worker);
    }

    static IngestStack start(QueueKind kind) throws IOException {
        return start(kind, java.util.function.UnaryOperator.identity());
    }

    /** Same, with the worker's settings changed by {@code tune}. */
    static IngestStack start(QueueKind kind, java.util.function.UnaryOperator<WorkerSettings> tune) throws IOException {
        Database db = TestPostgres.migratedDatabase();
        TestRedis redisServer = kind == QueueKind.REDIS ? TestRedis.start() : null;
        Redis redis = redisServer == null ? null : Redis.connect(redisServer.url());
        IngestQueue queue = redis == null ? new InProcessQueue(100_000)
                : new RedisStreamQueue(redis, "codec:" + System.nanoTime(), 100_000, Duration.ofHours(1));
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_DATA_DIR", Files.createTempDirectory("sentinel-codec-ctl").toString());
        env.put("API_AUTH_TOKEN", ADMIN);
        env.put("CONTROLLER_HMAC_SECRET", HMAC);
        env.put("CONTROLLER_PORT", "0");
        env.put("CONTROLLER_BIND", "127.0.0.1");
        env.put("CONTROLLER_SENSOR_RATE", "100000");
        env.put("CONTROLLER_SENSOR_BURST", "100000");
        env.put("CONTROLLER_TOKEN_RATE", "100000");
        env.put("CONTROLLER_TOKEN_BURST", "100000");
        ControllerServices services = new ControllerServices(db, new Migrations(db.dataSource()), queue,
                redis == null ? new InMemoryNonceCache() : new RedisNonceCache(redis, "codec-nonce:" + System.nanoTime() + ":"),
                Optional.ofNullable(redis), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        ControllerServer server = ControllerServer.start(ControllerConfig.load(env), services);
        Worker worker = new Worker(db, queue,
                tune.apply(WorkerSettings.defaults("codec-worker").withClaimIdle(Duration.ofSeconds(2))), Clock.systemUTC());
        return new IngestStack(db, redisServer, redis, queue, server, worker);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Enrols a sensor and returns a signer holding the key the controller derives for it. */
    RequestSigner enrol(String sensorId) {
        try {
            new SensorRepository(db).enroll(sensorId, Optional.empty(), Optional.empty());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        byte[] key = new SensorKeyDeriver(HexFormat.of().parseHex(HMAC)).deriveKey(sensorId, 1);
        return new RequestSigner(sensorId, key, Clock.systemUTC());
    }

    /** POSTs a signed body (gzip-compressed first when asked) with the given Content-Type. */
    HttpResponse<String> post(RequestSigner signer, String path, byte[] body, boolean gzip, String contentType) {
        byte[] sent = gzip ? gzip(body) : body;
        var headers = signer.sign("POST", path, "", gzip ? "gzip" : "identity", sent);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.asMap().forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(RequestSigner signer, String path, byte[] body) {
        return post(signer, path, body, false, "application/json");
    }

    /** GET with the admin token, as JSON. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return Wire.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Redis URL of a {@link QueueKind#REDIS} stack. */
    String redisUrl() {
        return redisServer.url();
    }

    /** The stream key of a {@link QueueKind#REDIS} stack. */
    String stream() {
        return ((RedisStreamQueue) queue).stream();
    }

    /** A GET without credentials: status and body. */
    HttpResponse<String> getPublic(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST of JSON with the admin token: status and body. */
    HttpResponse<String> postAdmin(String path, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the worker has acknowledged everything queued. */
    void awaitStored(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.depth() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not drain the queue: depth " + queue.depth() + ", " + worker.stats());
            }
            Thread.sleep(25);
        }
    }

    /** A single number from SQL with bound text parameters. */
    long count(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        server.close();
        worker.stop();
        workerThread.join(10_000);
        queue.close();
        if (redis != null) {
            redis.close();
        }
        if (redisServer != null) {
            redisServer.close();
        }
        db.close();
    }
}
