package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.Migrations;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as the controller wires it ({@code ControllerServer}): {@code /} leads to it, the
 * login uses {@code DASH_PASSWORD}, enrolment is the controller's, and an acknowledgement made
 * on the dashboard is what the REST API then reports.
 */
class DashboardInControllerTest {

    static final String ADMIN = "snt_dash_test_bootstrap_0123456789abcdef0123";
    static final String PASSWORD = "dashboard-password-for-tests";
    static EmbeddedDatabase pg;
    static Database db;
    static ControllerServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        DashboardServer.quietLogs();
        Path dir = Files.createTempDirectory("dash-ctl");
        pg = EmbeddedDatabase.start(dir.resolve("pg"));
        db = pg.connect();
        Migrations migrations = new Migrations(db.dataSource());
        migrations.migrate();
        ControllerConfig config = ControllerConfig.load(Map.of(
                "SENTINEL_DATA_DIR", dir.toString(),
                "API_AUTH_TOKEN", ADMIN,
                "CONTROLLER_HMAC_SECRET", "6f1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d",
                "CONTROLLER_SECRET_KEY", "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "DASH_PASSWORD", PASSWORD,
                "CONTROLLER_PORT", "0",
                "CONTROLLER_BIND", "127.0.0.1"));
        server = ControllerServer.start(config, new ControllerServices(db, migrations, new InProcessQueue(1000),
                new InMemoryNonceCache(), Optional.empty(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void rootLeadsToTheDashboardWhoseLoginUsesDashPassword() {
        Http h = new Http(base);
        HttpResponse<String> root = h.get("/");
        assertThat(root.statusCode()).isBetween(301, 308);
        assertThat(root.headers().firstValue("Location")).contains("/dashboard");
        assertThat(h.get("/dashboard").headers().firstValue("Location")).contains("/dashboard/login");
        HttpResponse<String> login = h.get("/dashboard/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        String csrf = h.login(PASSWORD);
        HttpResponse<String> overview = h.get("/dashboard");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("sse-connect=\"/dashboard/events\"");
        assertThat(h.get("/dashboard/static/vendor/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(h.get("/dashboard/data/severity.json").headers().firstValue("Content-Type").orElseThrow()).contains("json");
        assertThat(csrf).hasSize(64);
    }

    @Test
    void anAcknowledgementOnTheDashboardIsWhatTheApiReports() throws Exception {
        String id = new StoreData(db).alert("s9", "rep-api", "deauth_flood", "high", "Office", "02:00:00:00:09:01",
                Instant.now().minusSeconds(60), Instant.now(), 40, "Deauthentication flood against Office");
        Http h = new Http(base);
        String csrf = h.login(PASSWORD);
        assertThat(h.post("/dashboard/alerts/" + id + "/ack", Map.of("_csrf", csrf, "comment", "seen on the dashboard"))
                .statusCode()).isEqualTo(303);
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/" + id))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"acknowledged\"").contains("seen on the dashboard");
        HttpResponse<String> audit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(audit.body()).contains("alert.ack").contains(id);
    }

    @Test
    void enrolmentFromTheDashboardGivesAKeyTheControllerAccepts() {
        Http h = new Http(base);
        String csrf = h.login(PASSWORD);
        HttpResponse<String> r = h.post("/dashboard/sensors", Map.of("_csrf", csrf, "sensor_id", "dash-enrolled", "name", "Hall"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).containsPattern("id=\"sensor-key\">[0-9a-f]{64}<");
        assertThat(h.post("/dashboard/sensors", Map.of("_csrf", csrf, "sensor_id", "dash-enrolled")).statusCode()).isEqualTo(409);
        assertThat(h.post("/dashboard/sensors", Map.of("_csrf", csrf, "sensor_id", "bad id!")).statusCode()).isEqualTo(400);
    }

    @Test
    void everyDashboardPathAnswersAPageWhileTheApiKeepsJson() throws Exception {
        Http h = new Http(base);
        h.login(PASSWORD);
        for (String path : List.of("/dashboard/no/such/page", "/dashboard/alerts/no-such-alert", "/dashboard/networks/02:00:00:00:00:99",
                "/dashboard/networks/not-a-mac")) {
            HttpResponse<String> r = h.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("text/html");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
            assertThat(r.body()).as(path).contains("id=\"error-page\"").contains("href=\"/dashboard/alerts\"")
                    .doesNotContain("\"error\":");
        }
        HttpResponse<String> wrongMethod = h.get("/dashboard/logout");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/no-such"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(api.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void aReopeningOnTheDashboardGoesThroughTheApisLifecycle() throws Exception {
        String id = new StoreData(db).alert("s9", "rep-reopen", "evil_twin", "critical", "Office", "02:00:00:00:09:02",
                Instant.now().minusSeconds(60), Instant.now(), 4, "Evil twin of Office");
        HttpResponse<String> resolved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/alerts/" + id + "/resolve")).header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"false alarm\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        Http h = new Http(base);
        String csrf = h.login(PASSWORD);
        assertThat(h.get("/dashboard/alerts/" + id).body()).contains("id=\"reopen-form\"").doesNotContain("id=\"resolve-form\"");
        assertThat(h.post("/dashboard/alerts/" + id + "/reopen", Map.of("_csrf", csrf, "comment", "it is back")).statusCode())
                .isEqualTo(303);
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/" + id))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.body()).contains("\"status\":\"open\"").contains("\"reopened\"").contains("it is back")
                .doesNotContain("resolved_by");
        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/alerts/" + id + "/reopen")).header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> audit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(audit.body()).contains("\"alert.reopen\"").contains("\"alert.resolve\"").contains("\"via\":\"dashboard\"")
                .contains("\"via\":\"api\"");
    }
}
