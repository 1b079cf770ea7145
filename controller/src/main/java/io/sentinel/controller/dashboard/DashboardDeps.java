package io.sentinel.controller.dashboard;

import io.javalin.http.Context;
import io.sentinel.controller.dashboard.session.DashboardPassword;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.controller.evidence.EvidenceStore;
import io.sentinel.controller.fleet.FleetChanges;
import io.sentinel.controller.fleet.FleetService;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.Database;
import io.sentinel.store.alert.AlertLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the dashboard needs from the controller. Build it with {@link #builder}.
 *
 * @param database           the controller's PostgreSQL pool (schema migrated by the store's Flyway migrations); the
 *                           dashboard reads it only through the store's read repositories
 * @param lifecycle          the alert lifecycle (acknowledge, resolve, reopen), the same instance as the API's
 * @param controllerSecret   the 32 bytes of {@code CONTROLLER_SECRET_KEY}; sessions and CSRF tokens are signed with keys derived from it
 * @param dashPassword       {@code DASH_PASSWORD}; empty disables login (every attempt is refused)
 * @param clock              the wall clock (sessions, "age" columns, chart windows)
 * @param enroller           the controller's sensor enrolment, used by the Sensors page
 * @param clientAddress      the effective client address of a request (trusted-proxy aware), for login rate limiting and the audit log
 * @param secureRequest      whether the effective scheme is https (cookies then get {@code Secure})
 * @param sessionLifetime    absolute lifetime of a dashboard session
 * @param passwordIterations PBKDF2 iterations for {@code DASH_PASSWORD}
 * @param liveInterval       how often the live feed looks for new alerts
 * @param evidenceStore      where the evidence files the alert page offers for download lie
 * @param fleet              changes of the fleet configuration, the same as the API's
 * @param deadLetters        ingest entries held in the queue's dead letters (-1: queue unreachable), shown as an alarm card
 */
public record DashboardDeps(
        Database database,
        AlertLifecycle lifecycle,
        byte[] controllerSecret,
        Optional<String> dashPassword,
        Clock clock,
        SensorEnroller enroller,
        Function<Context, String> clientAddress,
        Predicate<Context> secureRequest,
        Duration sessionLifetime,
        int passwordIterations,
        Duration liveInterval,
        EvidenceStore evidenceStore,
        FleetChanges fleet,
        java.util.function.LongSupplier deadLetters) {

    public DashboardDeps {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(controllerSecret, "controllerSecret");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(enroller, "enroller");
        Objects.requireNonNull(evidenceStore, "evidenceStore");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(deadLetters, "deadLetters");
        dashPassword = dashPassword.filter(p -> !p.isEmpty());
    }

    public static Builder builder(Database database, byte[] controllerSecret, String dashPassword) {
        return new Builder(database, controllerSecret, dashPassword);
    }

    /**
     * Defaults: system UTC clock, an alert lifecycle and fleet changes of their own on that clock
     * (the latter without the detector catalogue), the peer address
     * and scheme as seen by Jetty, 8 h sessions, 600,000 iterations, 1 s live polling.
     */
    public static final class Builder {
        private final Database database;
        private AlertLifecycle lifecycle;
        private final byte[] controllerSecret;
        private final String dashPassword;
        private Clock clock = Clock.systemUTC();
        private SensorEnroller enroller = (id, name, location) -> {
            throw new UnsupportedOperationException("sensor enrolment is not wired");
        };
        private Function<Context, String> clientAddress = Context::ip;
        private Predicate<Context> secureRequest = ctx -> "https".equalsIgnoreCase(ctx.scheme());
        private Duration sessionLifetime = Duration.ofHours(8);
        private int passwordIterations = DashboardPassword.DEFAULT_ITERATIONS;
        private Duration liveInterval = Duration.ofSeconds(1);
        private EvidenceStore evidenceStore = EvidenceStorage.unconfigured().store();
        private FleetChanges fleet;
        private java.util.function.LongSupplier deadLetters = () -> 0;

        private Builder(Database database, byte[] controllerSecret, String dashPassword) {
            this.database = database;
            this.controllerSecret = controllerSecret.clone();
            this.dashPassword = dashPassword;
        }

        public Database database() { return database; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder lifecycle(AlertLifecycle v) { this.lifecycle = v; return this; }
        public Builder enroller(SensorEnroller v) { this.enroller = v; return this; }
        public Builder clientAddress(Function<Context, String> v) { this.clientAddress = v; return this; }
        public Builder secureRequest(Predicate<Context> v) { this.secureRequest = v; return this; }
        public Builder sessionLifetime(Duration v) { this.sessionLifetime = v; return this; }
        public Builder passwordIterations(int v) { this.passwordIterations = v; return this; }
        public Builder liveInterval(Duration v) { this.liveInterval = v; return this; }
        public Builder evidenceStore(EvidenceStore v) { this.evidenceStore = v; return this; }
        public Builder fleet(FleetChanges v) { this.fleet = v; return this; }
        public Builder deadLetters(java.util.function.LongSupplier v) { this.deadLetters = v; return this; }

        public DashboardDeps build() {
            AlertLifecycle l = lifecycle != null ? lifecycle : new AlertLifecycle(database, clock);
            FleetChanges f = fleet != null ? fleet : new FleetChanges(new FleetService(new FleetRepository(database),
                    new SensorRepository(database), FleetService.WITHOUT_CATALOGUE, clock), new AuditRepository(database), clock);
            return new DashboardDeps(database, l, controllerSecret, Optional.ofNullable(dashPassword), clock, enroller,
                    clientAddress, secureRequest, sessionLifetime, passwordIterations, liveInterval, evidenceStore, f, deadLetters);
        }
    }
}
