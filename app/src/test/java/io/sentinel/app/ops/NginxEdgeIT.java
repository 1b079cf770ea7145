package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped nginx configuration, run by the real nginx with a certificate from
 * make-selfsigned-cert.sh, in front of an upstream that echoes what it received. The client
 * connects from 127.0.0.5 so that its address differs from nginx's (127.0.0.1).
 */
class NginxEdgeIT {

    static final String CLIENT = "127.0.0.5";
    private static final Pattern HSTS = Pattern.compile("max-age=(\\d+)(;.*)?");

    private static EchoUpstream upstream;
    private static EdgeNginx nginx;
    private static RawHttp client;

    @BeforeAll
    static void start() {
        assumeTrue(EdgeNginx.available(), "needs /usr/sbin/nginx and openssl");
        upstream = new EchoUpstream();
        nginx = EdgeNginx.start(upstream.port());
        client = new RawHttp(CLIENT, nginx.certificate);
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void forwardsTheClientAddressSchemeAndHostAndDropsASpoofedForwardedFor() throws IOException {
        RawHttp.Response r = client.https(nginx.httpsPort, "GET", "/api/v1/alerts?limit=5",
                Map.of("X-Forwarded-For", "203.0.113.66", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http"), null);
        assertThat(r.status()).isEqualTo(200);
        String seen = r.text();
        assertThat(seen).contains("peer=127.0.0.1\n");
        assertThat(seen).contains("request=GET /api/v1/alerts?limit=5\n");
        assertThat(headerLines(seen, "x-forwarded-for")).containsExactly(CLIENT);
        assertThat(headerLines(seen, "x-real-ip")).containsExactly(CLIENT);
        assertThat(headerLines(seen, "x-forwarded-proto")).containsExactly("https");
        assertThat(headerLines(seen, "x-forwarded-host")).containsExactly("localhost");
        assertThat(headerLines(seen, "host")).containsExactly("localhost");
        assertThat(seen).doesNotContain("203.0.113.66").doesNotContain("evil.example");
        assertThat(nginx.accessLog()).contains(CLIENT + " - ");
    }

    @Test
    void everyHttpsResponseCarriesHstsAndTheSecurityHeaders() throws IOException {
        List<RawHttp.Response> responses = new ArrayList<>();
        responses.add(client.https(nginx.httpsPort, "GET", "/", Map.of(), null));                          // 200 upstream
        responses.add(client.https(nginx.httpsPort, "GET", "/missing", Map.of(), null));                   // 404 upstream
        responses.add(client.https(nginx.httpsPort, "GET", "/metrics", Map.of(), null));                   // 404 nginx
        responses.add(client.https(nginx.httpsPort, "GET", "/readyz", Map.of(), null));                    // pass-through
        responses.add(client.https(nginx.httpsPort, "GET", "/api/v1/health", Map.of(), null));
        responses.add(client.https(nginx.httpsPort, "POST", "/api/v1/heartbeat", Map.of(), "{}".getBytes())); // ingest location
        responses.add(client.https(nginx.httpsPort, "GET", "/login", Map.of(), null));                     // login location
        responses.add(client.https(nginx.httpsPort, "POST", "/api/v1/tokens", Map.of(), new byte[2 << 20])); // 413 nginx
        assertThat(responses).extracting(RawHttp.Response::status).containsExactly(200, 404, 404, 200, 200, 200, 200, 413);
        for (RawHttp.Response r : responses) {
            assertSecurityHeaders(r);
            assertThat(r.all("content-security-policy")).hasSize(1);
            assertThat(r.first("content-security-policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(r.first("server")).isEqualTo("nginx");
        }
    }

    @Test
    void theControllersOwnPolicyWinsButHstsAndFramingStayNginxsAndAreNotDoubled() throws IOException {
        RawHttp.Response r = client.https(nginx.httpsPort, "GET", "/own-csp", Map.of(), null);
        assertThat(r.status()).isEqualTo(200);
        assertSecurityHeaders(r);
        assertThat(r.all("content-security-policy")).containsExactly("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void plainHttpRedirectsToHttpsKeepingPathAndQuery() throws IOException {
        RawHttp plain = new RawHttp(CLIENT, null);
        RawHttp.Response r = plain.http(nginx.httpPort, "GET", "/api/v1/alerts?severity=high", Map.of(), null);
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.first("location")).isEqualTo("https://localhost/api/v1/alerts?severity=high");
        RawHttp.Response post = plain.http(nginx.httpPort, "POST", "/api/v1/telemetry", Map.of(), "{}".getBytes());
        assertThat(post.status()).isEqualTo(301);
        assertThat(post.text()).doesNotContain("peer=");
    }

    @Test
    void bodiesOverTheLimitsAreRefusedWith413BeforeReachingTheController() throws IOException {
        RawHttp.Response api = client.https(nginx.httpsPort, "POST", "/api/v1/sensors", Map.of(), new byte[(1 << 20) + 1]);
        assertThat(api.status()).isEqualTo(413);
        RawHttp.Response ingestOk = client.https(nginx.httpsPort, "POST", "/api/v1/telemetry",
                Map.of("Content-Encoding", "gzip"), new byte[3 << 20]);
        assertThat(ingestOk.status()).isEqualTo(200);
        assertThat(ingestOk.text()).contains("body-bytes=" + (3 << 20));
        RawHttp.Response ingestTooBig = client.https(nginx.httpsPort, "POST", "/api/v1/telemetry", Map.of(), new byte[(8 << 20) + 1]);
        assertThat(ingestTooBig.status()).isEqualTo(413);
        assertSecurityHeaders(ingestTooBig);
    }

    @Test
    void loginPostsAreRateLimitedWith429ButPageLoadsAreNot() throws IOException {
        List<Integer> gets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            gets.add(client.https(nginx.httpsPort, "GET", "/dashboard/login", Map.of(), null).status());
        }
        assertThat(gets).containsOnly(200);
        List<Integer> posts = new ArrayList<>();
        RawHttp.Response last = null;
        for (int i = 0; i < 12; i++) {
            last = client.https(nginx.httpsPort, "POST", "/dashboard/login", Map.of(), "password=x".getBytes());
            posts.add(last.status());
        }
        // rate 10/min with a burst of 5: the first 6 pass, the rest are refused
        assertThat(posts.subList(0, 6)).containsOnly(200);
        assertThat(posts.subList(6, 12)).containsOnly(429);
        assertSecurityHeaders(last);
    }

    @Test
    void speaksTls13AndTls12WithForwardSecretAeadSuitesOnly() throws IOException {
        RawHttp.Response v13 = new RawHttp(CLIENT, nginx.certificate).onlyProtocols("TLSv1.3")
                .https(nginx.httpsPort, "GET", "/api/v1/health", Map.of(), null);
        assertThat(v13.protocol()).isEqualTo("TLSv1.3");
        RawHttp.Response v12 = new RawHttp(CLIENT, nginx.certificate).onlyProtocols("TLSv1.2")
                .https(nginx.httpsPort, "GET", "/api/v1/health", Map.of(), null);
        assertThat(v12.protocol()).isEqualTo("TLSv1.2");
        assertThat(v12.cipher()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "CHACHA20_POLY1305");
        assertSecurityHeaders(v12);
    }

    @Test
    void aDownControllerGivesA502ThatStillCarriesTheHeaders() throws IOException {
        try (EdgeNginx orphan = EdgeNginx.start(EdgeNginx.freePort())) {
            RawHttp.Response r = new RawHttp(CLIENT, orphan.certificate).https(orphan.httpsPort, "GET", "/readyz", Map.of(), null);
            assertThat(r.status()).isEqualTo(502);
            assertSecurityHeaders(r);
        }
    }

    @Test
    void tls11IsRefused() {
        assumeTrue(Processes.onPath("openssl"));
        Processes.Result r = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + nginx.httpsPort,
                "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0", "-servername", "localhost"), null, Map.of(), 20);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("Cipher is (NONE)").containsAnyOf("alert protocol version", "no protocols available");
    }

    static void assertSecurityHeaders(RawHttp.Response r) {
        String where = "response " + r.status();
        assertThat(r.all("strict-transport-security")).as(where).hasSize(1);
        Matcher m = HSTS.matcher(r.first("strict-transport-security"));
        assertThat(m.matches()).as(where).isTrue();
        assertThat(Long.parseLong(m.group(1))).as(where).isGreaterThanOrEqualTo(31_536_000L);
        assertThat(r.all("x-content-type-options")).as(where).containsExactly("nosniff");
        assertThat(r.all("x-frame-options")).as(where).containsExactly("DENY");
        assertThat(r.all("referrer-policy")).as(where).containsExactly("no-referrer");
        assertThat(r.all("permissions-policy")).as(where).hasSize(1);
        assertThat(r.first("permissions-policy")).contains("camera=()");
        assertThat(r.all("content-security-policy")).as(where).hasSize(1);
        assertThat(r.first("content-security-policy")).as(where).contains("frame-ancestors 'none'");
    }

    static List<String> headerLines(String echo, String name) {
        return echo.lines().filter(l -> l.startsWith(name + ": ")).map(l -> l.substring(name.length() + 2)).toList();
    }
}
