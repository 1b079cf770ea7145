package io.sentinel.controller.evidence;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.SensorAccess;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.controller.http.StoreFailure;
import io.sentinel.controller.limits.RateLimiter;
import io.sentinel.protocol.evidence.EvidenceFile;
import io.sentinel.protocol.evidence.EvidenceLabel;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.protocol.signing.SignatureException;
import io.sentinel.protocol.signing.SignatureHeaders;
import io.sentinel.protocol.signing.SignatureVerifier;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.token.Role;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence files: the signed sensor upload {@code POST /api/v1/evidence} (the body is the pcapng,
 * its label says which alert), the list {@code GET /api/v1/alerts/{id}/evidence} (viewer) and the
 * audited download {@code GET /api/v1/evidence/{id}/pcapng} (analyst), always as an attachment.
 *
 * <p>Upload checks, cheapest refusal first: encoding and media type (415), size (413), signature
 * (401, the same rules as telemetry: the body hash covers the file as sent), per-sensor rate (429),
 * pcapng structure (400 {@code not_pcapng}), the label (400 {@code missing_label}; 403 when it
 * names another sensor). Then the metadata row is reserved, the object written (503 with
 * Retry-After while the object store is down, so the sensor keeps the file in its spool) and the
 * row marked stored: 201 {@code accepted}. The same evidence id again: 200 {@code duplicate}
 * (409 if its content differs). An alert the controller does not know yet is no reason to refuse:
 * the file is kept and listed with the alert once the alert's report arrives.
 */
public final class EvidenceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRoutes.class);
    /** Frames of the preview kept with the metadata. */
    public static final int PREVIEW_FRAMES = 20;
    private static final Set<String> MEDIA_TYPES = Set.of("application/x-pcapng", "application/vnd.tcpdump.pcap",
            "application/octet-stream");

    private final SignatureVerifier verifier;
    private final SensorKeyDeriver keys;
    private final SensorRepository sensors;
    private final AlertRepository alerts;
    private final EvidenceRepository evidence;
    private final EvidenceStore store;
    private final RequestBodies bodies;
    private final RateLimiter sensorRate;
    private final Auditor auditor;
    private final Clock clock;
    private final MeterRegistry metrics;

    public EvidenceRoutes(SignatureVerifier verifier, SensorKeyDeriver keys, SensorRepository sensors, AlertRepository alerts,
            EvidenceRepository evidence, EvidenceStore store, long maxUploadBytes, RateLimiter sensorRate, Auditor auditor,
            Clock clock, MeterRegistry metrics) {
        this.verifier = verifier;
        this.keys = keys;
        this.sensors = sensors;
        this.alerts = alerts;
        this.evidence = evidence;
        this.store = store;
        this.bodies = new RequestBodies(maxUploadBytes, maxUploadBytes);
        this.sensorRate = sensorRate;
        this.auditor = auditor;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/v1/evidence", this::upload, SensorAccess.SIGNED);
        routes.get("/api/v1/alerts/{id}/evidence", this::list, TokenAccess.atLeast(Role.VIEWER));
        routes.get("/api/v1/evidence/{id}/pcapng", this::download, TokenAccess.atLeast(Role.ANALYST));
    }

    // ---- upload --------------------------------------------------------------------------

    private void upload(Context ctx) throws Exception {
        Instant receivedAt = clock.instant();
        String encoding = RequestBodies.contentEncoding(ctx);
        requirePcapngMediaType(ctx);
        byte[] raw = bodies.raw(ctx);
        String sensorId = verify(ctx, encoding, raw);
        long retry = sensorRate.acquire("sensor:" + sensorId);
        if (retry > 0) {
            count("rate_limited");
            throw ApiException.rateLimited(retry, "sensor " + sensorId + " is over its request rate");
        }
        byte[] file = bodies.decoded(raw, encoding);
        EvidenceFile.Summary summary;
        try {
            summary = EvidenceFile.inspect(file, PREVIEW_FRAMES);
        } catch (EvidenceFile.NotPcapngException e) {
            count("not_pcapng");
            throw new ApiException(400, "not_pcapng", e.getMessage());
        }
        EvidenceLabel label = summary.label().orElseThrow(() -> {
            count("missing_label");
            return new ApiException(400, "missing_label", "the section header carries no valid " + EvidenceLabel.MAGIC_LINE
                    + " comment (evidence_id, alert_id, alert_type, sensor_id)");
        });
        if (!label.sensorId().equals(sensorId)) {
            count("other_sensor");
            throw ApiException.forbidden("the file's sensor_id " + label.sensorId() + " is not the signing sensor " + sensorId);
        }
        String sha256 = sha256(file);
        Optional<EvidenceRecord> existing = evidence.find(sensorId, label.evidenceId());
        if (existing.isPresent() && !existing.get().sha256().equals(sha256)) {
            count("conflict");
            throw ApiException.conflict("evidence id " + label.evidenceId() + " was uploaded before with other content");
        }
        if (existing.isPresent() && existing.get().stored()) {
            count("duplicate");
            ctx.status(200).json(new ControllerAnswer.Duplicate());
            return;
        }
        EvidenceRecord row = existing.isPresent() ? existing.get() : evidence.reserve(new EvidenceRepository.Upload(sensorId,
                label.evidenceId(), label.alertId(), label.alertType(), file.length, sha256, summary.frames(),
                instant(summary.frames() == 0 ? 0 : summary.firstNanos()), instant(summary.frames() == 0 ? 0 : summary.lastNanos()),
                instant(label.triggerNanos()), label.captureInterface(), preview(summary), receivedAt));
        try {
            store.put(row.objectKey(), file, sha256);
        } catch (EvidenceStore.UnavailableException e) {
            count("store_unavailable");
            LOG.warn("evidence {} of sensor {} not stored yet: {}", label.evidenceId(), sensorId, e.getMessage());
            throw ApiException.unavailable(5, "object storage is unavailable; the sensor keeps the file and retries");
        }
        evidence.markStored(row.id(), clock.instant());
        count("accepted");
        metrics.counter("sentinel.evidence.bytes").increment(file.length);
        ctx.status(201).json(new ControllerAnswer.Accepted(label.evidenceId()));
    }

    private static void requirePcapngMediaType(Context ctx) {
        String type = ctx.header("Content-Type");
        String base = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPES.contains(base)) throw ApiException.unsupportedMedia("Content-Type must be application/x-pcapng");
    }

    private String verify(Context ctx, String encoding, byte[] raw) {
        var req = ctx.req();
        SignatureHeaders headers = new SignatureHeaders(req.getHeader(SignatureHeaders.SENSOR),
                req.getHeader(SignatureHeaders.TIMESTAMP), req.getHeader(SignatureHeaders.NONCE),
                req.getHeader(SignatureHeaders.SIGNATURE), encoding);
        try {
            return verifier.verify(headers, req.getMethod(), req.getRequestURI(), req.getQueryString(), raw, this::activeKey);
        } catch (SignatureException e) {
            count("refused_" + e.reason().code());
            throw ApiException.sensorRefused(e.reason().code() + ": " + e.getMessage());
        }
    }

    private Optional<byte[]> activeKey(String sensorId) {
        try {
            OptionalInt epoch = sensors.activeKeyEpoch(sensorId);
            return epoch.isPresent() ? Optional.of(keys.deriveKey(sensorId, epoch.getAsInt())) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    /** The first frames as the sensor described them; control characters (never valid in jsonb text) dropped. */
    private static List<EvidenceRecord.PreviewFrame> preview(EvidenceFile.Summary s) {
        List<EvidenceRecord.PreviewFrame> out = new ArrayList<>();
        for (EvidenceFile.PreviewFrame p : s.preview()) {
            String text = p.comment() == null ? "" : p.comment().codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            out.add(new EvidenceRecord.PreviewFrame(p.n(), instantOrEpoch(p.tsNanos()), p.capturedLength(), text));
        }
        return out;
    }

    private static Optional<Instant> instant(long nanos) {
        return nanos <= 0 ? Optional.empty() : Optional.of(instantOrEpoch(nanos));
    }

    private static Instant instantOrEpoch(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- list and download ---------------------------------------------------------------

    private void list(Context ctx) throws Exception {
        String alertId = ctx.pathParam("id");
        if (!Identifiers.isAlertId(alertId)) throw ApiException.badField("invalid_parameter", "id", "not an alert id");
        if (alerts.find(alertId).isEmpty()) throw ApiException.notFound("no alert " + alertId);
        List<Map<String, Object>> items = new ArrayList<>();
        for (EvidenceRecord r : evidence.forAlert(alertId)) items.add(view(r));
        ctx.json(Map.of("items", items));
    }

    /** The API's view of one file. */
    public static Map<String, Object> view(EvidenceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("evidence_id", r.evidenceId());
        m.put("alert_id", r.alertId().orElse(null));
        m.put("sensor_id", r.sensorId());
        m.put("sensor_alert_id", r.reportId());
        m.put("alert_type", r.alertType());
        m.put("size_bytes", r.sizeBytes());
        m.put("sha256", r.sha256());
        m.put("frames", r.frames());
        m.put("first_frame", r.firstFrame().orElse(null));
        m.put("last_frame", r.lastFrame().orElse(null));
        m.put("trigger_at", r.triggerAt().orElse(null));
        m.put("interface", r.captureInterface());
        m.put("received_at", r.receivedAt());
        m.put("download", "/api/v1/evidence/" + r.id() + "/pcapng");
        List<Map<String, Object>> preview = new ArrayList<>();
        for (EvidenceRecord.PreviewFrame p : r.preview()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("n", p.n());
            f.put("ts", p.at());
            f.put("len", p.length());
            f.put("summary", p.summary());
            preview.add(f);
        }
        m.put("preview", preview);
        return m;
    }

    private void download(Context ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badField("invalid_parameter", "id", "evidence ids are numbers");
        }
        EvidenceRecord r = evidence.get(id).filter(EvidenceRecord::stored).orElseThrow(() -> ApiException.notFound("no evidence " + id));
        Principal who = TokenAuthenticator.current(ctx);
        send(ctx, r, store, detail -> auditor.record(ctx, who, "evidence.download", Long.toString(r.id()), detail));
    }

    /** Writes the audit entry, then streams the object as an attachment (also used by the dashboard). */
    public static void send(Context ctx, EvidenceRecord r, EvidenceStore store, AuditWriter audit) throws Exception {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("alert_id", r.alertId().orElse(r.reportId()));
        detail.put("sensor_id", r.sensorId());
        detail.put("sha256", r.sha256());
        detail.put("size_bytes", r.sizeBytes());
        // the file is checked against the SHA-256 recorded when it was received before a byte of it
        // is served: an object changed or cut in the store is never handed out as the evidence
        byte[] bytes;
        try (InputStream in = store.open(r.objectKey())) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, r.sizeBytes() + 1));
        } catch (EvidenceStore.UnavailableException | java.io.IOException e) {
            throw ApiException.unavailable(30, "object storage is unavailable");
        }
        if (bytes.length != r.sizeBytes() || !sha256(bytes).equals(r.sha256())) {
            LOG.warn("evidence {} ({}): the stored object does not match the SHA-256 recorded on receipt; not served",
                    r.id(), r.objectKey());
            throw new ApiException(502, "evidence_integrity", "the stored object of evidence " + r.id()
                    + " does not match the SHA-256 recorded when it was received; it is not served");
        }
        audit.write(detail);
        String name = (r.alertType() + "-" + r.sensorId() + "-" + r.id()).replaceAll("[^A-Za-z0-9._-]", "_") + ".pcapng";
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("ETag", "\"" + r.sha256() + "\"");
        ctx.header("Content-Length", Long.toString(r.sizeBytes()));
        ctx.contentType("application/octet-stream");
        ctx.result(bytes);
    }

    /** Records who downloaded what. */
    @FunctionalInterface
    public interface AuditWriter {
        void write(Map<String, Object> detail) throws SQLException;
    }

    private void count(String outcome) {
        metrics.counter("sentinel.evidence.uploads", "outcome", outcome).increment();
    }
}
