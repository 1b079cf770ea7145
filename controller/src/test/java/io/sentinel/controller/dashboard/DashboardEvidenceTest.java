package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.evidence.DirectoryEvidenceStore;
import io.sentinel.controller.evidence.EvidenceConfig;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.Migrations;
import io.sentinel.store.Sql;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.evidence.EvidenceRecord;
import io.sentinel.store.evidence.EvidenceRepository;
import io.sentinel.store.nonce.InMemoryNonceCache;
import io.sentinel.store.queue.InProcessQueue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alert page lists the alert's pcapng files with a preview (attacker text escaped) and downloads them as audited attachments. */
class DashboardEvidenceTest {
    static final String PASSWORD = "dashboard-password-for-tests";
    static final String HOSTILE = "deauth 02:00:00:00:00:01 -> ff:ff:ff:ff:ff:ff ssid \"<script>alert(1)</script>\u202Egnp.exe\"";
    static final String BODY = "pcapng bytes of the test ".repeat(200).substring(0, 2560);
    static EmbeddedDatabase pg;
    static Database db;
    static ControllerServer server;
    static String base;
    static String alertId;
    static EvidenceRecord file;

    @BeforeAll
    static void start() throws Exception {
        DashboardServer.quietLogs();
        Path dir = Files.createTempDirectory("dash-evidence");
        pg = EmbeddedDatabase.start(dir.resolve("pg"));
        db = pg.connect();
        Migrations migrations = new Migrations(db.dataSource());
        migrations.migrate();
        Map<String, String> env = Map.of(
                "SENTINEL_DATA_DIR", dir.toString(),
                "API_AUTH_TOKEN", "snt_dash_test_bootstrap_0123456789abcdef0123",
                "CONTROLLER_HMAC_SECRET", "6f1c2a9be04d7735c8e15af02b9d4c6e8a3f7b1d0c5e9a2f4b6d8e0c1a3f5b7d",
                "CONTROLLER_SECRET_KEY", "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "DASH_PASSWORD", PASSWORD,
                "CONTROLLER_PORT", "0",
                "CONTROLLER_BIND", "127.0.0.1");
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir.resolve("evidence"));
        EvidenceConfig cfg = EvidenceConfig.load(env, dir).withRetentionInterval(Duration.ZERO);
        server = ControllerServer.start(ControllerConfig.load(env), new ControllerServices(db, migrations, new InProcessQueue(1000),
                new InMemoryNonceCache(), Optional.empty(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .withEvidence(new EvidenceStorage(store, cfg)));
        base = "http://127.0.0.1:" + server.port();

        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            alertId = new AlertRepository(db).upsert(c, "s-dash", new AlertMessage("deauth_flood:r1", "deauth_flood", "high", 0.9, t,
                    t.plusSeconds(4), 40, "0b:00:00:00:00:01", null, null, null, 6, List.of(), List.of(), Map.of(), "flood")).alertId();
            c.commit();
        }
        EvidenceRepository repo = new EvidenceRepository(db);
        byte[] bytes = BODY.getBytes(StandardCharsets.US_ASCII);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        file = repo.reserve(new EvidenceRepository.Upload("s-dash", "ev-dash", "deauth_flood:r1", "deauth_flood", bytes.length, sha256,
                77, Optional.of(t), Optional.of(t.plusMillis(12_500)), Optional.of(t.plusSeconds(5)), "wlan0mon",
                List.of(new EvidenceRecord.PreviewFrame(1, t, 60, HOSTILE)), t));
        store.put(file.objectKey(), bytes, file.sha256());
        repo.markStored(file.id(), t);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (db != null) db.close();
        if (pg != null) pg.close();
    }

    @Test
    void alertPageListsTheFileAndEscapesWhatTheAirSaid() {
        Http h = new Http(base);
        h.login(PASSWORD);
        HttpResponse<String> page = h.get("/dashboard/alerts/" + alertId);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("id=\"pcap-evidence\"").contains("2.5 KiB").contains(">77<").contains("(12.5 s)")
                .contains("Download pcapng")
                .contains("/dashboard/alerts/" + java.net.URLEncoder.encode(alertId, StandardCharsets.UTF_8) + "/evidence/" + file.id());
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("\u202E").contains("\\u202E");
    }

    @Test
    void downloadIsAnAuditedAttachmentOnlyForItsOwnAlert() throws Exception {
        Http h = new Http(base);
        h.login(PASSWORD);
        HttpResponse<String> r = h.get("/dashboard/alerts/" + alertId + "/evidence/" + file.id());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
        assertThat(Sql.count(db, "SELECT count(*) FROM audit_log WHERE action = 'evidence.download' AND actor = 'dashboard' AND target = ?",
                Long.toString(file.id()))).isPositive();
        assertThat(h.get("/dashboard/alerts/other-alert/evidence/" + file.id()).statusCode()).isEqualTo(404);
        // without a session: to the login page, no bytes
        HttpResponse<String> anonymous = new Http(base).get("/dashboard/alerts/" + alertId + "/evidence/" + file.id());
        assertThat(anonymous.body()).doesNotContain("pcapng bytes of the test");
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
    }
}
