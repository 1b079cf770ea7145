package io.sentinel.controller.sensors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.dashboard.SensorEnroller.Enrolment;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.Pages;
import io.sentinel.controller.http.QueryParams;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.token.Role;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorHealth;
import io.sentinel.store.sensor.SensorRepository;
import java.time.Clock;
import java.time.Duration;
import io.sentinel.protocol.wire.ControllerAnswer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Enrolment, key rotation and revocation (admin) and the sensor list with health (viewer). */
public final class SensorRoutes {

    private final SensorRepository sensors;
    private final SensorEnrolment enrolment;
    private final RequestBodies bodies;
    private final Auditor auditor;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SensorRoutes(SensorRepository sensors, SensorEnrolment enrolment, RequestBodies bodies, Auditor auditor,
                        ObjectMapper mapper, Clock clock) {
        this.sensors = sensors;
        this.enrolment = enrolment;
        this.bodies = bodies;
        this.auditor = auditor;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Body of {@code POST /api/v1/sensors}. */
    record EnrolRequest(
            @JsonProperty(value = "sensor_id", required = true) String sensorId,
            @JsonProperty("name") String name,
            @JsonProperty("location") String location) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/sensors", this::list, TokenAccess.atLeast(Role.VIEWER));
        routes.post("/api/v1/sensors", this::enrol, TokenAccess.atLeast(Role.ADMIN));
        routes.post("/api/v1/sensors/{id}/rotate", this::rotate, TokenAccess.atLeast(Role.ADMIN));
        routes.delete("/api/v1/sensors/{id}", this::revoke, TokenAccess.atLeast(Role.ADMIN));
    }

    private void list(Context ctx) throws Exception {
        new QueryParams(ctx).allow(List.of());
        Instant now = clock.instant();
        ctx.json(Map.of("items", sensors.list().stream().map(s -> toJson(s, now)).toList()));
    }

    private void enrol(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        EnrolRequest req = bodies.json(ctx, EnrolRequest.class);
        if (!Identifiers.isSensorId(req.sensorId())) {
            throw ApiException.badField("invalid_field", "sensor_id", "sensor_id must match [A-Za-z0-9._-]{1,64}");
        }
        checkLength("name", req.name(), 128);
        checkLength("location", req.location(), 256);
        Enrolment e = enrolment.enrolIfNew(req.sensorId(), Optional.ofNullable(req.name()), Optional.ofNullable(req.location()))
                .orElseThrow(() -> ApiException.conflict("sensor " + req.sensorId() + " is already enrolled"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("key_epoch", e.keyEpoch());
        if (req.name() != null) {
            detail.put("name", req.name());
        }
        auditor.record(ctx, who, "sensor.enroll", e.sensorId(), detail);
        ctx.status(201).json(keyJson(e));
    }

    private void rotate(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = sensorIdParam(ctx);
        Optional<Enrolment> rotated = enrolment.rotate(id);
        if (rotated.isEmpty()) {
            Optional<Sensor> existing = sensors.find(id);
            if (existing.isPresent()) {
                throw ApiException.conflict("sensor " + id + " is revoked; enrol it under a new id");
            }
            throw ApiException.notFound("no sensor " + id);
        }
        auditor.record(ctx, who, "sensor.rotate", id, Map.of("key_epoch", rotated.get().keyEpoch()));
        ctx.json(keyJson(rotated.get()));
    }

    private void revoke(Context ctx) throws Exception {
        Principal who = TokenAuthenticator.current(ctx);
        String id = sensorIdParam(ctx);
        boolean revoked = sensors.revoke(id);
        Sensor s = sensors.find(id).orElseThrow(() -> ApiException.notFound("no sensor " + id));
        if (revoked) {
            auditor.record(ctx, who, "sensor.revoke", id, Map.of());
        }
        ctx.json(toJson(s, clock.instant()));
    }

    private static String sensorIdParam(Context ctx) {
        String id = ctx.pathParam("id");
        if (!Identifiers.isSensorId(id)) {
            throw ApiException.badField("invalid_parameter", "id", "sensor id must match [A-Za-z0-9._-]{1,64}");
        }
        return id;
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badField("invalid_field", field, field + " is longer than " + max + " characters");
        }
    }

    private static ControllerAnswer.SensorKey keyJson(Enrolment e) {
        return new ControllerAnswer.SensorKey(e.sensorId(), e.keyHex(), e.keyEpoch());
    }

    Map<String, Object> toJson(Sensor s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sensor_id", s.id());
        m.put("name", s.name().orElse(null));
        m.put("location", s.location().orElse(null));
        m.put("status", s.status().dbValue());
        m.put("key_epoch", s.keyEpoch());
        m.put("enrolled_at", s.enrolledAt());
        m.put("rotated_at", s.rotatedAt().orElse(null));
        m.put("revoked_at", s.revokedAt().orElse(null));
        m.put("last_heartbeat", s.lastHeartbeat().orElse(null));
        SensorHealth h = SensorHealth.of(s, now);
        m.put("state", h.state().wire());
        m.put("frames_per_s", h.framesPerSecond().orElse(null));
        m.put("rate_window_s", h.rateWindow().map(w -> w.toMillis() / 1000.0).orElse(null));
        var health = Pages.jsonObject(mapper, s.healthJson());
        if (health instanceof ObjectNode node && s.lastHeartbeat().isPresent()) {
            node.put("heartbeat_age_s", Math.max(0, Duration.between(s.lastHeartbeat().get(), now).toSeconds()));
        }
        m.put("health", health);
        return m;
    }
}
