package io.sentinel.controller.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.controller.auth.SensorAccess;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.controller.http.StoreFailure;
import io.sentinel.controller.limits.LoadShedder;
import io.sentinel.controller.limits.RateLimiter;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.protocol.signing.SignatureException;
import io.sentinel.protocol.signing.SignatureHeaders;
import io.sentinel.protocol.signing.SignatureVerifier;
import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.controller.fleet.FleetService;
import io.sentinel.protocol.wire.ConfigReport;
import io.sentinel.protocol.wire.Heartbeat;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.SensorRequest;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.queue.AppendResult;
import io.sentinel.store.queue.Envelope;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.sensor.SensorRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Signed sensor ingest: {@code POST /api/v1/telemetry}, {@code /alerts}, {@code /heartbeat}, and the
 * sensor's configuration exchange {@code POST /api/v1/sensor-config}.
 * Order of checks, cheapest refusal first: encoding (415), size (413), signature incl. skew and
 * replay (401), per-sensor rate (429), queue lag (503), gzip inflation bound (413), JSON schema
 * and values (400 naming the field; 415 for a body that is not UTF-8), then one append to the
 * queue (202 + ack id, or 200 duplicate).
 *
 * <p>The body is parsed and validated once, with the protocol's codec; what goes into the queue
 * is that body (decompressed, checked UTF-8), which the worker reads back with the same codec into
 * the same record. So everything answered 202 is something the worker can store, and the
 * controller does not spend a second encoding on it.
 */
public final class IngestRoutes {

    private final SignatureVerifier verifier;
    private final SensorKeyDeriver keys;
    private final SensorRepository sensors;
    private final IngestQueue queue;
    private final RequestBodies bodies;
    private final RateLimiter sensorRate;
    private final LoadShedder shedder;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final FleetService fleet;

    public IngestRoutes(SignatureVerifier verifier, SensorKeyDeriver keys, SensorRepository sensors, IngestQueue queue,
                        RequestBodies bodies, RateLimiter sensorRate, LoadShedder shedder, Clock clock,
                        MeterRegistry metrics, FleetService fleet) {
        this.verifier = verifier;
        this.keys = keys;
        this.sensors = sensors;
        this.queue = queue;
        this.bodies = bodies;
        this.sensorRate = sensorRate;
        this.shedder = shedder;
        this.clock = clock;
        this.metrics = metrics;
        this.fleet = fleet;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/telemetry", this::telemetry, SensorAccess.SIGNED);
        routes.post("/api/v1/alerts", this::alerts, SensorAccess.SIGNED);
        routes.post("/api/v1/heartbeat", this::heartbeat, SensorAccess.SIGNED);
        routes.post("/api/v1/sensor-config", this::sensorConfig, SensorAccess.SIGNED);
    }

    /** The sensor says what configuration it runs; the answer is what it should run (see {@link FleetService}). */
    private void sensorConfig(Context ctx) throws java.sql.SQLException {
        Signed s = authenticate(ctx, "sensor_config");
        ConfigReport report = read("sensor_config", s.body(), ConfigReport.class);
        requireSameSensor(s.sensorId(), report.sensorId());
        count("sensor_config", "accepted");
        ctx.json(fleet.answer(report));
    }

    private void telemetry(Context ctx) {
        Signed s = authenticate(ctx, "telemetry");
        long t0 = System.nanoTime();
        TelemetryBatch batch = read("telemetry", s.body(), TelemetryBatch.class);
        stage("parse", t0);
        requireSameSensor(s.sensorId(), batch.sensorId());
        metrics.counter("sentinel.ingest.items", "kind", "telemetry").increment(batch.items().size());
        append(ctx, envelope(Envelope.Kind.TELEMETRY, s, batch.batchId()), "telemetry");
    }

    private void alerts(Context ctx) {
        Signed s = authenticate(ctx, "alerts");
        long t0 = System.nanoTime();
        AlertBatch batch = read("alerts", s.body(), AlertBatch.class);
        stage("parse", t0);
        requireSameSensor(s.sensorId(), batch.sensorId());
        metrics.counter("sentinel.ingest.items", "kind", "alerts").increment(batch.alerts().size());
        append(ctx, envelope(Envelope.Kind.ALERTS, s, batch.batchId()), "alerts");
    }

    private void heartbeat(Context ctx) {
        Signed s = authenticate(ctx, "heartbeat");
        Heartbeat hb = read("heartbeat", s.body(), Heartbeat.class);
        requireSameSensor(s.sensorId(), hb.sensorId());
        // heartbeats are not deduplicated; the nonce makes a unique entry id
        AppendResult r = queue.append(envelope(Envelope.Kind.HEARTBEAT, s, "hb-" + s.nonce()));
        if (r instanceof AppendResult.Full full) {
            count("heartbeat", "shed");
            throw ApiException.unavailable(5, "ingest queue is full (" + full.depth() + " entries); retry later");
        }
        count("heartbeat", "accepted");
        Instant now = clock.instant();
        OptionalInt configVersion = fleet.versionForHeartbeat();
        ctx.json(new ControllerAnswer.HeartbeatAnswer(now,
                hb.sentAt() == null ? null : hb.sentAt().toEpochMilli() - s.receivedAt().toEpochMilli(),
                configVersion.isPresent() ? configVersion.getAsInt() : null));
    }

    /** What a verified request carries on: the body decompressed, not yet parsed. */
    private record Signed(String sensorId, String nonce, Instant receivedAt, byte[] body) {}

    private Signed authenticate(Context ctx, String kind) {
        Instant receivedAt = clock.instant();
        RequestBodies.requireJson(ctx);
        String encoding = RequestBodies.contentEncoding(ctx);
        byte[] raw = bodies.raw(ctx);
        var req = ctx.req();
        SignatureHeaders headers = new SignatureHeaders(req.getHeader(SignatureHeaders.SENSOR),
                req.getHeader(SignatureHeaders.TIMESTAMP), req.getHeader(SignatureHeaders.NONCE),
                req.getHeader(SignatureHeaders.SIGNATURE), encoding);
        String sensorId;
        long t0 = System.nanoTime();
        try {
            sensorId = verifier.verify(headers, req.getMethod(), req.getRequestURI(), req.getQueryString(), raw,
                    this::activeKey);
        } catch (SignatureException e) {
            count(kind, "refused_" + e.reason().code());
            throw ApiException.sensorRefused(e.reason().code() + ": " + e.getMessage());
        }
        stage("verify", t0);
        long retry = sensorRate.acquire("sensor:" + sensorId);
        if (retry > 0) {
            count(kind, "rate_limited");
            throw ApiException.rateLimited(retry, "sensor " + sensorId + " is over its request rate");
        }
        // a telemetry backlog sheds telemetry only: alerts and heartbeats have a lane of their own in the queue
        if ("telemetry".equals(kind) && shedder.overloaded()) {
            count(kind, "shed");
            throw ApiException.unavailable(5, "ingest queue lag " + shedder.lastLag() + " is over " + shedder.maxLag()
                    + "; retry later");
        }
        long t1 = System.nanoTime();
        byte[] body = bodies.decoded(raw, encoding);
        stage("inflate", t1);
        return new Signed(sensorId, headers.nonce(), receivedAt, body);
    }

    private Optional<byte[]> activeKey(String sensorId) {
        long t0 = System.nanoTime();
        try {
            OptionalInt epoch = sensors.activeKeyEpoch(sensorId);
            stage("key_lookup", t0);
            return epoch.isPresent() ? Optional.of(keys.deriveKey(sensorId, epoch.getAsInt())) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    private void append(Context ctx, Envelope envelope, String kind) {
        long t0 = System.nanoTime();
        AppendResult r = queue.append(envelope);
        stage("enqueue", t0);
        switch (r) {
            case AppendResult.Accepted a -> {
                count(kind, "accepted");
                ctx.status(202).json(new ControllerAnswer.Accepted(a.ackId()));
            }
            case AppendResult.Duplicate d -> {
                count(kind, "duplicate");
                ctx.status(200).json(new ControllerAnswer.Duplicate());
            }
            case AppendResult.Full f -> {
                count(kind, "shed");
                throw ApiException.unavailable(5, "ingest queue is full (" + f.depth() + " entries); retry later");
            }
        }
    }

    /** Parses and validates a body with the protocol's codec; a refusal is counted and answered 4xx. */
    private <T extends SensorRequest> T read(String kind, byte[] body, Class<T> type) {
        try {
            return Wire.readRequest(body, type);
        } catch (InvalidMessageException e) {
            count(kind, "refused_" + e.reason().code());
            throw ApiException.refusing(e);
        }
    }

    /**
     * What the queue carries: the body that was validated, as text (checked UTF-8, so nothing is
     * lost); the worker reads these bytes with the same codec into the same record. Re-encoding
     * the record instead would cost a second JSON pass per request for the same content.
     */
    private Envelope envelope(Envelope.Kind kind, Signed s, String batchId) {
        long t0 = System.nanoTime();
        Envelope e = new Envelope(kind, s.sensorId(), batchId, s.receivedAt(),
                new String(s.body(), java.nio.charset.StandardCharsets.UTF_8));
        stage("encode", t0);
        return e;
    }

    private static void requireSameSensor(String signed, String inBody) {
        if (!signed.equals(inBody)) {
            throw ApiException.forbidden("sensor_id in the body is not the signing sensor " + signed);
        }
    }

    /** Time spent in one step of the ingest path ({@code sentinel_ingest_stage_seconds}). */
    private void stage(String name, long startNanos) {
        metrics.timer("sentinel.ingest.stage", "stage", name).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private void count(String kind, String outcome) {
        metrics.counter("sentinel.ingest.requests", "kind", kind, "outcome", outcome).increment();
    }
}
