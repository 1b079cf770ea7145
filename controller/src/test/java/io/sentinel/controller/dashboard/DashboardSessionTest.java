package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.controller.dashboard.session.SessionTokens;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP-level refusals and lifecycle of dashboard sessions: login, CSRF, expiry, rate limiting, logout. */
class DashboardSessionTest {

    static DashboardServer server;

    @BeforeAll
    static void start() {
        // the test client says which address and scheme it comes from, as a trusted proxy would
        // HTTP behaviour only: a cheaper KDF than production's 600,000 iterations keeps the many logins fast
        server = DashboardServer.start(b -> b
                .passwordIterations(20_000)
                .clientAddress(ctx -> ctx.header("X-Test-Client") == null ? ctx.ip() : ctx.header("X-Test-Client"))
                .secureRequest(ctx -> "https".equals(ctx.header("X-Test-Proto"))));
        Instant now = Instant.now();
        new TestData(server.db.dataSource()).alert("a-ack-1", "deauth_flood", "high", "HomeNet", "00:11:22:33:44:55", "s1",
                now.minusSeconds(120), now.minusSeconds(60), 300, "Deauthentication flood against HomeNet");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Http client(String address) {
        Http h = new Http(server.base());
        h.headers.put("X-Test-Client", address);
        return h;
    }

    @Test
    void pagesWithoutSessionRedirectToLoginAndHtmxCallsGet401() {
        Http h = client("10.0.0.1");
        HttpResponse<String> page = h.get("/dashboard/alerts");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).contains("/dashboard/login");
        h.headers.put("HX-Request", "true");
        HttpResponse<String> partial = h.get("/dashboard/alerts");
        assertThat(partial.statusCode()).isEqualTo(401);
        assertThat(partial.headers().firstValue("HX-Redirect")).contains("/dashboard/login");
    }

    @Test
    void loginPageIsServedWithStrictHeadersAndALoginCsrfCookie() {
        HttpResponse<String> r = client("10.0.0.2").get("/dashboard/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(Http.setCookie(r, "sentinel_login_csrf").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(r.body()).contains("name=\"_csrf\"").doesNotContain("<script>");
    }

    @Test
    void wrongPasswordIsRefusedWith401AndNoSession() {
        Http h = client("10.0.0.3");
        String token = Http.hiddenCsrf(h.get("/dashboard/login").body());
        HttpResponse<String> r = h.post("/dashboard/login", Map.of("_csrf", token, "password", "not the password"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Wrong password");
        assertThat(Http.setCookie(r, "sentinel_session")).isEmpty();
        assertThat(h.get("/dashboard/alerts").statusCode()).isEqualTo(302);
    }

    @Test
    void loginWithoutCsrfTokenIsRefusedEvenWithTheRightPassword() {
        Http h = client("10.0.0.4");
        h.get("/dashboard/login");
        HttpResponse<String> r = h.post("/dashboard/login", Map.of("password", DashboardServer.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.setCookie(r, "sentinel_session")).isEmpty();
        HttpResponse<String> forged = h.post("/dashboard/login", Map.of("_csrf", "00".repeat(24), "password", DashboardServer.PASSWORD));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void rightPasswordGivesAStrictHttpOnlySessionCookieSecureBehindHttps() {
        Http h = client("10.0.0.5");
        h.headers.put("X-Test-Proto", "https");
        String token = Http.hiddenCsrf(h.get("/dashboard/login").body());
        HttpResponse<String> r = h.post("/dashboard/login", Map.of("_csrf", token, "password", DashboardServer.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/dashboard");
        String cookie = Http.setCookie(r, "sentinel_session").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure").contains("Path=/dashboard");
        assertThat(h.get("/dashboard/alerts").statusCode()).isEqualTo(200);

        Http plain = client("10.0.0.6");
        String t2 = Http.hiddenCsrf(plain.get("/dashboard/login").body());
        HttpResponse<String> r2 = plain.post("/dashboard/login", Map.of("_csrf", t2, "password", DashboardServer.PASSWORD));
        assertThat(Http.setCookie(r2, "sentinel_session").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenAreRefused() {
        Http h = client("10.0.0.7");
        String csrf = h.login(DashboardServer.PASSWORD);
        assertThat(h.post("/dashboard/alerts/a-ack-1/ack", Map.of("comment", "no token")).statusCode()).isEqualTo(403);
        assertThat(h.post("/dashboard/alerts/a-ack-1/ack", Map.of("_csrf", "ab".repeat(32), "comment", "wrong")).statusCode())
                .isEqualTo(403);
        // a token of another session is not accepted either
        Http other = client("10.0.0.8");
        String otherCsrf = other.login(DashboardServer.PASSWORD);
        assertThat(otherCsrf).isNotEqualTo(csrf);
        assertThat(h.post("/dashboard/alerts/a-ack-1/ack", Map.of("_csrf", otherCsrf)).statusCode()).isEqualTo(403);
        assertThat(h.post("/dashboard/logout", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void acknowledgeWithCommentChangesTheAlertAndWritesTheAuditLog() throws Exception {
        Http h = client("10.0.0.9");
        String csrf = h.login(DashboardServer.PASSWORD);
        HttpResponse<String> r = h.post("/dashboard/alerts/a-ack-1/ack", Map.of("_csrf", csrf, "comment", "looking into it <b>now</b>"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(h.get("/dashboard/alerts/a-ack-1").body())
                .contains("acknowledged").contains("looking into it &lt;b&gt;now&lt;/b&gt;");
        try (Connection c = server.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT actor, action, target, client_ip, detail->>'comment' FROM audit_log "
                     + "WHERE target = 'a-ack-1' ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("dashboard");
            assertThat(rs.getString(2)).isEqualTo("alert.ack");
            assertThat(rs.getString(4)).isEqualTo("10.0.0.9");
            assertThat(rs.getString(5)).isEqualTo("looking into it <b>now</b>");
        }
        assertThat(h.post("/dashboard/alerts/no-such/resolve", Map.of("_csrf", csrf)).statusCode()).isEqualTo(404);
    }

    @Test
    void expiredOrTamperedSessionsAreRefused() {
        SessionTokens tokens = new SessionTokens(DashboardServer.SECRET, Duration.ofHours(8));
        SessionTokens.Session old = tokens.newSession(Instant.now().minus(Duration.ofHours(9)));
        Http h = client("10.0.0.10");
        h.cookies.put("sentinel_session", tokens.encode(old));
        HttpResponse<String> page = h.get("/dashboard/alerts");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).contains("/dashboard/login");
        assertThat(h.post("/dashboard/alerts/a-ack-1/resolve", Map.of("_csrf", tokens.csrfToken(old))).statusCode()).isEqualTo(401);

        SessionTokens.Session fresh = tokens.newSession(Instant.now());
        String good = tokens.encode(fresh);
        h.cookies.put("sentinel_session", good);
        assertThat(h.get("/dashboard/alerts").statusCode()).isEqualTo(200);
        // extend the expiry without the key: the MAC no longer matches
        String[] p = good.split("\\.");
        String forged = p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 86400) + "." + p[3] + "." + p[4];
        h.cookies.put("sentinel_session", forged);
        assertThat(h.get("/dashboard/alerts").statusCode()).isEqualTo(302);
        // signed with another key
        h.cookies.put("sentinel_session", new SessionTokens(new byte[32], Duration.ofHours(8)).encode(fresh));
        assertThat(h.get("/dashboard/alerts").statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedWrongPasswordsFromOneAddressAreRateLimited() {
        Http h = client("10.0.0.11");
        for (int i = 0; i < 5; i++) {
            String token = Http.hiddenCsrf(h.get("/dashboard/login").body());
            assertThat(h.post("/dashboard/login", Map.of("_csrf", token, "password", "guess" + i)).statusCode()).isEqualTo(401);
        }
        String token = Http.hiddenCsrf(h.get("/dashboard/login").body());
        HttpResponse<String> limited = h.post("/dashboard/login", Map.of("_csrf", token, "password", DashboardServer.PASSWORD));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 901L);
        assertThat(Http.setCookie(limited, "sentinel_session")).isEmpty();
        // another address is not affected
        client("10.0.0.12").login(DashboardServer.PASSWORD);
    }

    @Test
    void logoutEndsTheSessionEvenIfTheCookieIsReplayed() {
        Http h = client("10.0.0.13");
        String csrf = h.login(DashboardServer.PASSWORD);
        String cookie = h.cookies.get("sentinel_session");
        HttpResponse<String> r = h.post("/dashboard/logout", Map.of("_csrf", csrf));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/dashboard/login");
        assertThat(Http.setCookie(r, "sentinel_session").orElseThrow()).contains("Max-Age=0");
        Http replay = client("10.0.0.13");
        replay.cookies.put("sentinel_session", cookie);
        assertThat(replay.get("/dashboard/alerts").statusCode()).isEqualTo(302);
    }
}
