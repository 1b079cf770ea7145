package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped nginx configuration in front of the REAL controller ({@code sentinel controller}
 * in a child JVM, development mode on its embedded PostgreSQL, trusting only 127.0.0.1 as a
 * proxy). Clients connect from other loopback addresses so that every hop has its own address:
 * browser 127.0.0.5 -> nginx 127.0.0.1 -> controller; an attacker 127.0.0.7 -> controller.
 */
class NginxControllerIT {

    private static final String BROWSER = "127.0.0.5";
    private static final String ATTACKER = "127.0.0.7";
    private static final String SPOOFED = "203.0.113.9";

    private static Path dataDir;
    private static Path log;
    private static Process controller;
    private static int controllerPort;
    private static EdgeNginx nginx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(EdgeNginx.available(), "needs /usr/sbin/nginx and openssl");
        dataDir = RepoFiles.scratch("controller-data");
        log = dataDir.resolve("controller.log");
        controllerPort = EdgeNginx.freePort();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", classpath, "io.sentinel.app.Sentinel", "controller")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CONTROLLER_") || k.equals("DATABASE_URL") || k.equals("REDIS_URL")
                || k.equals("SENTINEL_ENV") || k.equals("TRUSTED_PROXY_CIDRS"));
        env.put("SENTINEL_ENV", "dev");
        env.put("SENTINEL_DATA_DIR", dataDir.toString());
        env.put("CONTROLLER_PORT", String.valueOf(controllerPort));
        env.put("CONTROLLER_BIND", "127.0.0.1");
        env.put("TRUSTED_PROXY_CIDRS", "127.0.0.1/32");
        controller = pb.start();
        awaitPort(controllerPort, Duration.ofSeconds(90));
        nginx = EdgeNginx.start(controllerPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (controller != null) {
            List<ProcessHandle> children = controller.descendants().toList();
            controller.destroy();
            if (!controller.waitFor(30, TimeUnit.SECONDS)) {
                controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void httpsThroughNginxReachesTheControllerWithHstsAndSecurityHeaders() throws IOException {
        RawHttp browser = new RawHttp(BROWSER, nginx.certificate);
        List<RawHttp.Response> responses = new ArrayList<>();
        responses.add(browser.https(nginx.httpsPort, "GET", "/api/v1/health", Map.of(), null));
        responses.add(browser.https(nginx.httpsPort, "GET", "/readyz", Map.of(), null));
        responses.add(browser.https(nginx.httpsPort, "GET", "/api/v1/alerts", Map.of(), null));          // 401 without a token
        responses.add(browser.https(nginx.httpsPort, "GET", "/api/v1/no-such-route", Map.of(), null));   // 404 from the controller
        responses.add(browser.https(nginx.httpsPort, "GET", "/metrics", Map.of(), null));                // 404 from nginx
        responses.add(browser.https(nginx.httpsPort, "POST", "/api/v1/sensors", Map.of(), new byte[(1 << 20) + 1])); // 413 nginx
        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses.get(0).text()).contains("ok");
        assertThat(responses.get(1).status()).isIn(200, 503);
        assertThat(responses.get(1).text()).contains("ready");
        assertThat(responses.get(2).status()).isEqualTo(401);
        assertThat(responses.get(3).status()).isEqualTo(404);
        assertThat(responses.get(4).status()).isEqualTo(404);
        assertThat(responses.get(5).status()).isEqualTo(413);
        for (RawHttp.Response r : responses) {
            NginxEdgeIT.assertSecurityHeaders(r);
        }
    }

    @Test
    void theDashboardKeepsItsOwnStricterPolicyThroughNginx() throws IOException {
        RawHttp.Response login = new RawHttp(BROWSER, nginx.certificate).https(nginx.httpsPort, "GET", "/dashboard/login", Map.of(), null);
        assertThat(login.status()).isEqualTo(200);
        NginxEdgeIT.assertSecurityHeaders(login);
        assertThat(login.first("content-security-policy")).startsWith("default-src 'none'");
    }

    @Test
    void theControllerLogsTheRealClientBehindNginxEvenWhenItSpoofsForwardedFor() throws Exception {
        String path = "/api/v1/via-nginx-" + System.nanoTime();
        RawHttp.Response r = new RawHttp(BROWSER, nginx.certificate).https(nginx.httpsPort, "GET", path,
                Map.of("X-Forwarded-For", SPOOFED), null);
        assertThat(r.status()).isEqualTo(404);
        String line = awaitAccessLine(path);
        assertThat(line).contains("client=" + BROWSER).doesNotContain(SPOOFED);
        assertThat(Files.readString(log)).doesNotContain("client=" + SPOOFED);
        assertThat(nginx.accessLog()).contains(BROWSER + " - ");
    }

    @Test
    void aSpoofedForwardedForSentStraightToTheControllerIsIgnored() throws Exception {
        String path = "/api/v1/direct-" + System.nanoTime();
        RawHttp.Response r = new RawHttp(ATTACKER, null).http(controllerPort, "GET", path,
                Map.of("X-Forwarded-For", SPOOFED, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"), null);
        assertThat(r.status()).isEqualTo(404);
        String line = awaitAccessLine(path);
        assertThat(line).contains("client=" + ATTACKER).doesNotContain(SPOOFED);
        // the controller did not believe it was reached over HTTPS either
        assertThat(r.all("strict-transport-security")).isEmpty();
        assertThat(Files.readString(log)).doesNotContain("client=" + SPOOFED);
    }

    private static String awaitAccessLine(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains("GET " + path + " ")) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access-log line for GET " + path + " in:\n" + Files.readString(log));
    }

    private static void awaitPort(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!controller.isAlive()) {
                throw new IllegalStateException("sentinel controller exited with " + controller.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("sentinel controller did not listen within " + timeout + ":\n" + Files.readString(log));
    }
}
