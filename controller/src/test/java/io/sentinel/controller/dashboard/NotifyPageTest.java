package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Notifications page: add, test, delete, with secrets never shown back and hostile names escaped. */
class NotifyPageTest {
    static DashboardServer server;

    @BeforeAll
    static void start() {
        server = DashboardServer.start(b -> b.passwordIterations(20_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long count(String sql) throws Exception {
        try (Connection c = server.db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void channelsAreAddedTestedAndDeletedWithoutShowingSecrets() throws Exception {
        Http http = new Http(server.base());
        http.login(DashboardServer.PASSWORD);
        HttpResponse<String> page = http.get("/dashboard/notify");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        String csrf = Http.hiddenCsrf(page.body());

        HttpResponse<String> added = http.post("/dashboard/notify/channels", Map.of("_csrf", csrf, "kind", "webhook",
                "id", "dash-hook", "name", "<script>alert(1)</script>\u202E", "shape", "slack",
                "url", "https://hooks.example.org/services/T/B/page-secret-path", "signing_key", "dashboard-signing-key-1"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("Channel dash-hook added.").contains("https://hooks.example.org/…")
                .doesNotContain("page-secret-path").doesNotContain("dashboard-signing-key")
                .doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;").contains("\\u202E");

        HttpResponse<String> bad = http.post("/dashboard/notify/channels", Map.of("_csrf", csrf, "kind", "webhook",
                "id", "dash-bad", "url", "http://plain.example.org/x"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("secrets.url");

        HttpResponse<String> rule = http.post("/dashboard/notify/rules", Map.of("_csrf", csrf, "id", "dash-rule",
                "channels", "dash-hook", "min_severity", "high", "events", "opened", "rate_messages", "5",
                "rate_window_seconds", "300"));
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
        assertThat(rule.body()).contains("5 per 300 s, then a digest");

        HttpResponse<String> test = http.post("/dashboard/notify/channels/dash-hook/test", Map.of("_csrf", csrf));
        assertThat(test.statusCode()).isEqualTo(202);
        assertThat(count("SELECT count(*) FROM notify_deliveries WHERE kind = 'test' AND channel_id = 'dash-hook'"))
                .isEqualTo(1);
        assertThat(http.post("/dashboard/notify/channels/dash-hook/test", Map.of()).statusCode())
                .as("no CSRF token").isEqualTo(403);

        assertThat(http.post("/dashboard/notify/channels/dash-hook/delete", Map.of("_csrf", csrf)).statusCode())
                .isEqualTo(200);
        assertThat(count("SELECT count(*) FROM notify_channels")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE actor = 'dashboard' AND action LIKE 'notify.%'"))
                .isEqualTo(4);
        try (Connection c = server.db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(detail::text, ' ') FROM audit_log")) {
            rs.next();
            assertThat(rs.getString(1)).doesNotContain("page-secret-path").doesNotContain("dashboard-signing-key");
        }
    }
}
