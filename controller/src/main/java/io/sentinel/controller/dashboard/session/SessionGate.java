package io.sentinel.controller.dashboard.session;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.sentinel.controller.dashboard.DashboardDeps;
import io.sentinel.controller.dashboard.web.Frame;
import io.sentinel.controller.dashboard.web.SecurityHeaders;
import io.sentinel.controller.dashboard.web.StaticAssets;
import io.sentinel.controller.dashboard.web.Templates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Login, logout and the gate in front of every dashboard page: a valid signed session cookie
 * for everything but the login page and the static files, and a valid CSRF token for every
 * state-changing request.
 */
public final class SessionGate {

    public static final String SESSION_COOKIE = "sentinel_session";
    public static final String LOGIN_CSRF_COOKIE = "sentinel_login_csrf";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = "sentinel.dashboard.session";
    private static final String COOKIE_PATH = "/dashboard";

    private final DashboardDeps deps;
    private final Templates templates;
    private final SessionTokens tokens;
    private final RevokedSessions revoked = new RevokedSessions();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), 10_000);
    /** Hashed off the start-up path (600,000 PBKDF2 iterations take a while); the first login waits for it. */
    private final java.util.concurrent.CompletableFuture<Optional<DashboardPassword>> password;

    public SessionGate(DashboardDeps deps, Templates templates) {
        this.deps = deps;
        this.templates = templates;
        this.tokens = new SessionTokens(deps.controllerSecret(), deps.sessionLifetime());
        Optional<String> configured = deps.dashPassword();
        this.password = java.util.concurrent.CompletableFuture.supplyAsync(() -> configured.map(p -> {
            char[] chars = p.toCharArray();
            try {
                return DashboardPassword.hash(chars, deps.passwordIterations());
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        }), runnable -> Thread.ofVirtual().name("dashboard-password-hash").start(runnable));
    }

    public SessionTokens tokens() {
        return tokens;
    }

    public void register(JavalinConfig config) {
        config.routes.before("/dashboard", this::gate);
        config.routes.before("/dashboard/*", this::gate);
        config.routes.get("/dashboard/login", this::loginPage);
        config.routes.post("/dashboard/login", this::login);
        config.routes.post("/dashboard/logout", this::logout);
    }

    /** The session of a request that passed the gate. */
    public static SessionTokens.Session session(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    /** The layout frame for a page of a logged-in operator. */
    public Frame frame(Context ctx, String title, String section) {
        return new Frame(title, section, tokens.csrfToken(session(ctx)), true);
    }

    private void gate(Context ctx) {
        SecurityHeaders.apply(ctx);
        String path = ctx.path();
        if (path.startsWith(StaticAssets.PREFIX) || path.equals("/dashboard/login")) {
            return;
        }
        Instant now = deps.clock().instant();
        Optional<SessionTokens.Session> session = tokens.decode(ctx.cookie(SESSION_COOKIE), now)
                .filter(s -> !revoked.isRevoked(s));
        if (session.isEmpty()) {
            refuseUnauthenticated(ctx);
            return;
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            String presented = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> formParamOrNull(ctx, CSRF_FIELD));
            if (!tokens.csrfMatches(session.get(), presented)) {
                refusal(ctx, frame(ctx, "Refused", ""), "The form's security token is missing or out of date: reload the page and try again.");
                ctx.skipRemainingHandlers();
            }
        }
    }

    private void refuseUnauthenticated(Context ctx) {
        boolean script = ctx.header("HX-Request") != null || String.valueOf(ctx.header("Accept")).contains("text/event-stream")
                || ctx.path().endsWith(".json");
        if (ctx.method() == HandlerType.GET && !script) {
            ctx.redirect("/dashboard/login");
        } else if (script) {
            ctx.header("HX-Redirect", "/dashboard/login");
            ctx.status(401).contentType("text/plain; charset=utf-8").result("session missing or expired: log in again");
        } else {
            // a form sent after the session ended: say so on a page, the form's data is not applied
            ctx.status(401);
            templates.page(ctx, "error", Map.of("frame", Frame.anonymous("Logged out"), "status", 401,
                    "message", "Your session has ended, so this was not done. Log in again and repeat it."));
        }
        ctx.skipRemainingHandlers();
    }

    /** A 403 page: a state-changing request without the right CSRF token. */
    private void refusal(Context ctx, Frame frame, String message) {
        ctx.status(403);
        templates.page(ctx, "error", Map.of("frame", frame, "status", 403, "message", message));
    }

    private void loginPage(Context ctx) {
        renderLogin(ctx, 200, null);
    }

    private void renderLogin(Context ctx, int status, String error) {
        String loginCsrf = tokens.randomToken();
        setCookie(ctx, LOGIN_CSRF_COOKIE, loginCsrf, "/dashboard/login", 1800);
        Map<String, Object> params = new HashMap<>();
        params.put("frame", Frame.anonymous("Log in"));
        params.put("loginCsrf", loginCsrf);
        params.put("error", error);
        params.put("disabled", deps.dashPassword().isEmpty());
        ctx.status(status);
        templates.page(ctx, "login", params);
    }

    private void login(Context ctx) {
        Instant now = deps.clock().instant();
        String client = deps.clientAddress().apply(ctx);
        String cookieToken = ctx.cookie(LOGIN_CSRF_COOKIE);
        String formToken = formParamOrNull(ctx, CSRF_FIELD);
        if (cookieToken == null || formToken == null || !MessageDigest.isEqual(
                cookieToken.getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8))) {
            refusal(ctx, Frame.anonymous("Refused"), "The login form's security token is missing or out of date: reload the login page.");
            return;
        }
        // checked and counted in one step: parallel attempts cannot all slip past the limit
        OptionalLong wait = throttle.tryAttempt(client, now);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.getAsLong()));
            renderLogin(ctx, 429, "Too many failed attempts from your address. Try again in " + wait.getAsLong() + " s.");
            return;
        }
        String attempt = formParamOrNull(ctx, "password");
        Optional<DashboardPassword> expected = password.join();
        boolean ok = expected.isPresent() && attempt != null && attempt.length() <= 1024
                && expected.get().matches(attempt.toCharArray());
        if (!ok) {
            renderLogin(ctx, 401, expected.isEmpty() ? "Login is disabled." : "Wrong password.");
            return;
        }
        throttle.succeeded(client);
        SessionTokens.Session session = tokens.newSession(now);
        setCookie(ctx, SESSION_COOKIE, tokens.encode(session), COOKIE_PATH, deps.sessionLifetime().toSeconds());
        setCookie(ctx, LOGIN_CSRF_COOKIE, "", "/dashboard/login", 0);
        ctx.redirect("/dashboard", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        // the gate has checked the session and the CSRF token
        revoked.revoke(session(ctx), deps.clock().instant());
        setCookie(ctx, SESSION_COOKIE, "", COOKIE_PATH, 0);
        ctx.redirect("/dashboard/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void setCookie(Context ctx, String name, String value, String path, long maxAgeSeconds) {
        StringBuilder c = new StringBuilder().append(name).append('=').append(value)
                .append("; Path=").append(path).append("; Max-Age=").append(maxAgeSeconds)
                .append("; HttpOnly; SameSite=Strict");
        if (deps.secureRequest().test(ctx)) {
            c.append("; Secure");
        }
        ctx.res().addHeader("Set-Cookie", c.toString());
    }

    private static String formParamOrNull(Context ctx, String name) {
        String type = ctx.contentType();
        if (type == null || !(type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            return null;
        }
        return ctx.formParam(name);
    }
}
