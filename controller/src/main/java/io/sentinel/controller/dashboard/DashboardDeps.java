package io.sentinel.controller.dashboard;

import io.javalin.http.Context;
import io.sentinel.controller.dashboard.session.DashboardPassword;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * What the dashboard needs from the controller. Build it with {@link #builder}.
 *
 * @param dataSource         the controller's PostgreSQL pool (schema migrated by the store's Flyway migrations)
 * @param controllerSecret   the 32 bytes of {@code CONTROLLER_SECRET_KEY}; sessions and CSRF tokens are signed with keys derived from it
 * @param dashPassword       {@code DASH_PASSWORD}; empty disables login (every attempt is refused)
 * @param clock              the wall clock (sessions, "age" columns, chart windows)
 * @param enroller           the controller's sensor enrolment, used by the Sensors page
 * @param clientAddress      the effective client address of a request (trusted-proxy aware), for login rate limiting and the audit log
 * @param secureRequest      whether the effective scheme is https (cookies then get {@code Secure})
 * @param sessionLifetime    absolute lifetime of a dashboard session
 * @param passwordIterations PBKDF2 iterations for {@code DASH_PASSWORD}
 * @param liveInterval       how often the live feed looks for new alerts
 */
public record DashboardDeps(
        DataSource dataSource,
        byte[] controllerSecret,
        Optional<String> dashPassword,
        Clock clock,
        SensorEnroller enroller,
        Function<Context, String> clientAddress,
        Predicate<Context> secureRequest,
        Duration sessionLifetime,
        int passwordIterations,
        Duration liveInterval) {

    public DashboardDeps {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(controllerSecret, "controllerSecret");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(enroller, "enroller");
        dashPassword = dashPassword.filter(p -> !p.isEmpty());
    }

    public static Builder builder(DataSource dataSource, byte[] controllerSecret, String dashPassword) {
        return new Builder(dataSource, controllerSecret, dashPassword);
    }

    /** Defaults: system UTC clock, the peer address and scheme as seen by Jetty, 8 h sessions, 600,000 iterations, 1 s live polling. */
    public static final class Builder {
        private final DataSource dataSource;
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

        private Builder(DataSource dataSource, byte[] controllerSecret, String dashPassword) {
            this.dataSource = dataSource;
            this.controllerSecret = controllerSecret.clone();
            this.dashPassword = dashPassword;
        }

        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder enroller(SensorEnroller v) { this.enroller = v; return this; }
        public Builder clientAddress(Function<Context, String> v) { this.clientAddress = v; return this; }
        public Builder secureRequest(Predicate<Context> v) { this.secureRequest = v; return this; }
        public Builder sessionLifetime(Duration v) { this.sessionLifetime = v; return this; }
        public Builder passwordIterations(int v) { this.passwordIterations = v; return this; }
        public Builder liveInterval(Duration v) { this.liveInterval = v; return this; }

        public DashboardDeps build() {
            return new DashboardDeps(dataSource, controllerSecret, Optional.ofNullable(dashPassword), clock, enroller,
                    clientAddress, secureRequest, sessionLifetime, passwordIterations, liveInterval);
        }
    }
}
