package io.sentinel.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.Gauge;
import io.sentinel.controller.alerts.AlertRoutes;
import io.sentinel.controller.audit.AuditRoutes;
import io.sentinel.controller.audit.Auditor;
import io.sentinel.controller.auth.Principal;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.SensorAccess;
import io.sentinel.controller.auth.TokenAuthenticator;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.DashboardRoutes;
import io.sentinel.controller.evidence.EvidenceRetention;
import io.sentinel.controller.evidence.EvidenceRoutes;
import io.sentinel.controller.health.HealthRoutes;
import io.sentinel.controller.health.DeadLetterAlarm;
import io.sentinel.controller.health.ReadinessCheck;
import io.sentinel.controller.health.SchemaGate;
import io.sentinel.controller.http.AccessLog;
import io.sentinel.controller.http.ApiErrors;
import io.sentinel.controller.http.ApiException;
import io.sentinel.controller.http.ClientViews;
import io.sentinel.controller.http.RequestBodies;
import io.sentinel.controller.fleet.FleetChanges;
import io.sentinel.controller.fleet.FleetRoutes;
import io.sentinel.controller.fleet.FleetService;
import io.sentinel.controller.ingest.IngestRoutes;
import io.sentinel.controller.limits.LoadShedder;
import io.sentinel.controller.limits.RateLimiter;
import io.sentinel.controller.notify.NotifyRoutes;
import io.sentinel.controller.query.QueryRoutes;
import io.sentinel.controller.sensors.SensorEnrolment;
import io.sentinel.controller.sensors.SensorRoutes;
import io.sentinel.controller.tokens.TokenRoutes;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.protocol.signing.SignatureVerifier;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.evidence.EvidenceRepository;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.network.NetworkRepository;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.SecretBox;
import io.sentinel.store.telemetry.TelemetryRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.token.Role;
import io.sentinel.store.token.TokenRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's HTTP server: every route is listed in {@link #configure}, read top to bottom.
 * Authentication is declared per route by its role ({@link TokenAccess} for bearer tokens,
 * {@link SensorAccess#SIGNED} for sensors) and enforced in one before-handler.
 */
public final class ControllerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerServer.class);
    static final String OPENAPI_RESOURCE = "/io/sentinel/controller/openapi.json";

    /** A registered route, as Javalin reported it. */
    public record RouteInfo(String method, String path, Set<RouteRole> roles) {}

    private final Javalin app;
    private final List<RouteInfo> routes;
    private final HealthRoutes health;
    private final DashboardRoutes.Dashboard dashboard;
    private final EvidenceRetention retention;

    private ControllerServer(Javalin app, List<RouteInfo> routes, HealthRoutes health, DashboardRoutes.Dashboard dashboard,
            EvidenceRetention retention) {
        this.app = app;
        this.routes = routes;
        this.health = health;
        this.dashboard = dashboard;
        this.retention = retention;
    }

    /** Builds and starts the server on {@code config.bindHost():config.port()} (port 0 = any free port). */
    public static ControllerServer start(ControllerConfig config, ControllerServices services) {
        ControllerServer server = create(config, services);
        server.app.start(config.bindHost(), config.port());
        Duration every = services.evidence().config().retentionInterval();
        if (!every.isZero()) server.retention.start(every);
        LOG.info("controller listening on {}:{}", config.bindHost(), server.port());
        return server;
    }

    /** Builds the server without starting it (tests list its routes). */
    public static ControllerServer create(ControllerConfig config, ControllerServices services) {
        List<RouteInfo> routes = new CopyOnWriteArrayList<>();
        HealthRoutes[] health = new HealthRoutes[1];
        DashboardRoutes.Dashboard[] dashboard = new DashboardRoutes.Dashboard[1];
        EvidenceRetention[] retention = new EvidenceRetention[1];
        Javalin app = Javalin.create(javalin -> {
            javalin.events.handlerAdded(info -> routes.add(
                    new RouteInfo(info.getHttpMethod().name(), info.getPath(), Set.copyOf(info.getRoles()))));
            Wiring w = new Wiring(config, services);
            health[0] = w.health;
            retention[0] = w.retention;
            dashboard[0] = w.configure(javalin);
        });
        return new ControllerServer(app, Collections.unmodifiableList(routes), health[0], dashboard[0], retention[0]);
    }

    public int port() {
        return app.port();
    }

    /** Every route registered with Javalin (method, path template, roles). */
    public List<RouteInfo> routes() {
        return routes;
    }

    /** The evidence retention job (run by a timer once started; tests run it directly). */
    public EvidenceRetention evidenceRetention() {
        return retention;
    }

    /** The failed readiness checks right now (empty when ready). */
    public List<String> readinessFailures() {
        return health.failures();
    }

    @Override
    public void close() {
        try {
            retention.close();
            dashboard.close();
        } finally {
            app.stop();
        }
    }

    /** The objects behind the routes, built once from config and services. */
    private static final class Wiring {
        final ControllerConfig config;
        final ControllerServices services;
        final ObjectMapper mapper = Wire.mapper();
        final ClientViews clients;
        final RequestBodies bodies;
        final TokenAuthenticator tokens;
        final RateLimiter tokenRate;
        final RateLimiter sensorRate;
        final LoadShedder shedder;
        final SchemaGate schemaGate;
        final HealthRoutes health;
        final SensorRepository sensorRepository;
        final TokenRepository tokenRepository;
        final AuditRepository auditRepository;
        final Auditor auditor;
        final SensorKeyDeriver keys;
        final SensorEnrolment enrolment;
        final NotifyRepository notifyRepository;
        final EvidenceRepository evidenceRepository;
        final EvidenceRetention retention;
        final DeadLetterAlarm deadLetters;

        Wiring(ControllerConfig config, ControllerServices services) {
            this.config = config;
            this.services = services;
            var limits = config.limits();
            clients = new ClientViews(config.trustedProxies());
            bodies = new RequestBodies(limits.maxBodyBytes(), limits.maxInflatedBytes());
            tokenRepository = new TokenRepository(services.database());
            sensorRepository = new SensorRepository(services.database());
            auditRepository = new AuditRepository(services.database());
            tokens = new TokenAuthenticator(config.apiAuthToken(), tokenRepository);
            tokenRate = new RateLimiter(limits.tokenRatePerSecond(), limits.tokenBurst());
            sensorRate = new RateLimiter(limits.sensorRatePerSecond(), limits.sensorBurst());
            shedder = new LoadShedder(services.queue()::depth, limits.maxQueueLag(), Duration.ofMillis(200).toNanos());
            schemaGate = new SchemaGate(this::schemaProblems, Duration.ofSeconds(5).toNanos());
            deadLetters = new DeadLetterAlarm(services.queue(), Duration.ofSeconds(2).toNanos());
            health = new HealthRoutes(services.clock(), readinessChecks(), version(), deadLetters);
            auditor = new Auditor(auditRepository, clients);
            keys = new SensorKeyDeriver(config.hmacSecret());
            enrolment = new SensorEnrolment(sensorRepository, keys);
            evidenceRepository = new EvidenceRepository(services.database());
            var ev = services.evidence();
            retention = new EvidenceRetention(evidenceRepository, ev.store(), ev.config().retentionDays(),
                    ev.config().sensorQuotaBytes(), services.clock());
            notifyRepository = new NotifyRepository(services.database(), SecretBox.fromControllerSecret(config.secretKey()));
            new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(services.metrics());
            new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(services.metrics());
            new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(services.metrics());
            new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(services.metrics());
            Gauge.builder("sentinel.ingest.queue.depth", services.queue(), q -> {
                try {
                    return q.depth();
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }).register(services.metrics());
            Gauge.builder("sentinel.ingest.dead.letters", deadLetters, a -> {
                long n = a.count();
                return n < 0 ? Double.NaN : n;
            }).description("ingest entries held in the dead letters (accepted, not stored); any is an alarm")
                    .register(services.metrics());
        }

        List<ReadinessCheck> readinessChecks() {
            List<ReadinessCheck> checks = new ArrayList<>();
            checks.add(this::schemaProblems);
            checks.add(() -> {
                if (services.redis().isPresent() && !services.redis().get().isReachable()) {
                    return List.of("redis unreachable");
                }
                try {
                    services.queue().depth();
                    return List.of();
                } catch (RuntimeException e) {
                    return List.of("queue unreachable");
                }
            });
            return checks;
        }

        List<String> schemaProblems() {
            if (!services.database().isReachable()) {
                return List.of("database unreachable");
            }
            try {
                return services.migrations().schemaStatus().problems();
            } catch (java.sql.SQLException e) {
                return List.of("database unreachable");
            }
        }

        DashboardRoutes.Dashboard configure(JavalinConfig javalin) {
            javalin.concurrency.useVirtualThreads = true;
            javalin.jsonMapper(new JavalinJackson(mapper, true));
            javalin.http.maxRequestSize = config.limits().maxBodyBytes();
            javalin.http.defaultContentType = "application/json";
            javalin.http.prefer405over404 = true;
            javalin.jetty.modifyServer(server -> server.setStopTimeout(2_000));
            javalin.contextResolver.ip = ctx -> clients.of(ctx).clientIp();
            javalin.contextResolver.scheme = ctx -> clients.of(ctx).scheme();
            javalin.contextResolver.host = ctx -> clients.of(ctx).host();
            javalin.requestLogger.http(new AccessLog(clients, services.metrics())::log);

            var routes = javalin.routes;
            ApiErrors.install(routes);
            routes.before(this::securityHeaders);
            routes.beforeMatched(this::authorize);

            // operations
            health.register(routes);
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(services.metrics().scrape()));
            byte[] openapi = openApiDocument();
            routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
            routes.get("/", ctx -> ctx.redirect("/dashboard"));

            // sensors (signed)
            FleetService fleet = new FleetService(new FleetRepository(services.database()), sensorRepository,
                    services.settingsCheck(), services.clock());
            new IngestRoutes(new SignatureVerifier(services.clock(), config.limits().signatureSkew(), services.nonces()),
                    keys, sensorRepository, services.queue(), bodies, sensorRate, shedder, services.clock(),
                    services.metrics(), fleet).register(routes);
            new EvidenceRoutes(new SignatureVerifier(services.clock(), config.limits().signatureSkew(), services.nonces()),
                    keys, sensorRepository, new AlertRepository(services.database()), evidenceRepository,
                    services.evidence().store(), services.evidence().config().maxUploadBytes(), sensorRate, auditor,
                    services.clock(), services.metrics()).register(routes);
            // people and tools (bearer tokens)
            new SensorRoutes(sensorRepository, enrolment, bodies, auditor, mapper, services.clock()).register(routes);
            new TokenRoutes(tokenRepository, bodies, auditor).register(routes);
            new AuditRoutes(auditRepository, mapper).register(routes);
            new QueryRoutes(new TelemetryRepository(services.database()), new NetworkRepository(services.database()))
                    .register(routes);
            // one alert lifecycle, on the services' clock, for the API and the dashboard
            AlertLifecycle lifecycle = new AlertLifecycle(services.database(), services.clock());
            new AlertRoutes(new AlertRepository(services.database()), lifecycle, bodies, clients).register(routes);
            new NotifyRoutes(notifyRepository, bodies, auditor).register(routes);
            FleetChanges fleetChanges = new FleetChanges(fleet, auditRepository, services.clock());
            new FleetRoutes(fleetChanges, sensorRepository, bodies).register(routes);
            new io.sentinel.controller.ingest.DeadLetterRoutes(services.queue(), bodies, auditor).register(routes);

            // the dashboard's pages under /dashboard
            DashboardDeps deps = DashboardDeps.builder(services.database(), config.secretKey(), config.dashPassword())
                    .clock(services.clock())
                    .lifecycle(lifecycle)
                    .evidenceStore(services.evidence().store())
                    .deadLetters(deadLetters)
                    .enroller(enrolment)
                    .fleet(fleetChanges)
                    .clientAddress(ctx -> clients.of(ctx).clientIp())
                    .secureRequest(ctx -> clients.of(ctx).secure())
                    .build();
            return DashboardRoutes.register(javalin, deps);
        }

        /** HSTS whenever the effective scheme is https (directly or via a trusted proxy). */
        private void securityHeaders(Context ctx) {
            if (clients.of(ctx).secure()) {
                ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            ctx.header("X-Content-Type-Options", "nosniff");
        }

        /** Enforces the role a route was registered with; sensor routes verify their signature in the handler. */
        private void authorize(Context ctx) throws Exception {
            Set<RouteRole> roles = ctx.routeRoles();
            if (roles.isEmpty()) {
                return;
            }
            schemaGate.check(ctx);
            TokenAccess access = roles.stream().filter(TokenAccess.class::isInstance).map(TokenAccess.class::cast).findFirst()
                    .orElse(null);
            if (access == null) {
                return; // SensorAccess.SIGNED: the handler verifies the signature (it needs the body)
            }
            Role required = access.minimum();
            Principal p = tokens.authenticate(ctx);
            long retry = tokenRate.acquire(p.rateKey());
            if (retry > 0) {
                throw ApiException.rateLimited(retry, "this token is over its request rate");
            }
            if (!p.role().includes(required)) {
                throw ApiException.forbidden("this needs the " + required.wire() + " role; the token has " + p.role().wire());
            }
        }

        private static byte[] openApiDocument() {
            try (InputStream in = ControllerServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String version() {
            String v = ControllerServer.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }
}
