package io.sentinel.controller.health;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/health} (liveness: the process answers) and {@code GET /readyz} (readiness:
 * 503 naming the failed checks; while ready it still lists {@code warnings}, such as held dead
 * letters, and their {@code dead_letters} count).
 */
public final class HealthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final Clock clock;
    private final Instant startedAt;
    private final List<ReadinessCheck> checks;
    private final String version;
    private final DeadLetterAlarm deadLetters;

    public HealthRoutes(Clock clock, List<ReadinessCheck> checks, String version) {
        this(clock, checks, version, null);
    }

    /** @param deadLetters the dead-letter alarm whose count and warning {@code /readyz} shows, or null */
    public HealthRoutes(Clock clock, List<ReadinessCheck> checks, String version, DeadLetterAlarm deadLetters) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.checks = List.copyOf(checks);
        this.version = version;
        this.deadLetters = deadLetters;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", this::health);
        routes.get("/readyz", this::ready);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", version);
        body.put("time", clock.instant().toString());
        body.put("uptime_s", java.time.Duration.between(startedAt, clock.instant()).toSeconds());
        ctx.json(body);
    }

    /** Runs every check; a check that throws counts as failed with its exception's class named. */
    public List<String> failures() {
        List<String> failed = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            try {
                failed.addAll(check.failures());
            } catch (RuntimeException e) {
                LOG.warn("readiness check failed", e);
                failed.add("check error: " + e.getClass().getSimpleName());
            }
        }
        return failed;
    }

    private void ready(Context ctx) {
        List<String> failed = failures();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", failed.isEmpty());
        body.put("failed", failed);
        if (deadLetters != null) {
            body.put("warnings", deadLetters.warnings());
            long n = deadLetters.count();
            body.put("dead_letters", n < 0 ? null : n);
        }
        ctx.status(failed.isEmpty() ? 200 : 503).json(body);
    }
}
