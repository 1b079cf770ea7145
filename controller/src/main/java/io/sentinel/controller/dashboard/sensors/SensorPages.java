package io.sentinel.controller.dashboard.sensors;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.SensorEnroller;
import io.sentinel.controller.dashboard.ErrorPages;
import io.sentinel.controller.dashboard.session.SessionGate;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sensor health, and enrolment of a new sensor whose key is shown once. */
public final class SensorPages {

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionGate gate;
    private final ErrorPages errors;
    private final SensorRepository sensors;

    public SensorPages(DashboardDeps deps, Templates templates, SessionGate gate, ErrorPages errors) {
        this.deps = deps;
        this.templates = templates;
        this.gate = gate;
        this.errors = errors;
        this.sensors = new SensorRepository(deps.database());
    }

    public void register(JavalinConfig config) {
        config.routes.get("/dashboard/sensors", errors.guard(ctx -> page(ctx, 200, null, null)));
        config.routes.post("/dashboard/sensors", errors.guard(this::enrol));
    }

    private void page(Context ctx, int status, SensorEnroller.Enrolment enrolled, String error) throws SQLException {
        Instant now = deps.clock().instant();
        Map<String, Object> params = new HashMap<>();
        params.put("frame", gate.frame(ctx, "Sensors", "sensors"));
        // active sensors first, then by id
        params.put("sensors", sensors.list().stream().sorted(Comparator.comparing((Sensor s) -> !s.active()))
                .map(s -> SensorRow.of(s, now)).toList());
        params.put("now", now);
        params.put("enrolled", enrolled);
        params.put("error", error);
        ctx.status(status);
        templates.page(ctx, "sensors", params);
    }

    private void enrol(Context ctx) throws SQLException {
        String id = Optional.ofNullable(ctx.formParam("sensor_id")).map(String::strip).orElse("");
        Optional<String> name = Optional.ofNullable(ctx.formParam("name")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.length() > 128 ? s.substring(0, 128) : s);
        Optional<String> location = Optional.ofNullable(ctx.formParam("location")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.length() > 128 ? s.substring(0, 128) : s);
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            page(ctx, 400, null, "A sensor id is 1 to 64 characters of letters, digits, '.', '_' or '-'.");
            return;
        }
        try {
            SensorEnroller.Enrolment e = deps.enroller().enrol(id, name, location);
            page(ctx, 201, e, null);
        } catch (SensorEnroller.AlreadyEnrolledException e) {
            page(ctx, 409, null, "A sensor with this id is enrolled already; rotate its key through the API instead.");
        } catch (IllegalArgumentException e) {
            page(ctx, 400, null, "The sensor could not be enrolled: " + e.getMessage());
        }
    }
}
