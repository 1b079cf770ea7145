package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ops/healthcheck.sh, the image's curl-free probe, judges real HTTP answers. */
class HealthcheckScriptTest {

    @Test
    void succeedsOnlyOn2xxFromTheLocalPort() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/health", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/readyz", ex -> {
            byte[] body = "{\"ready\":false,\"failed\":[\"schema drift: expected 7, found 5\"]}".getBytes();
            ex.sendResponseHeaders(503, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(probe(port, "/api/v1/health").exitCode()).isZero();
            Processes.Result notReady = probe(port, "/readyz");
            assertThat(notReady.exitCode()).isEqualTo(1);
            assertThat(notReady.output()).contains("503");
            assertThat(probe(port, "/nope").exitCode()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Processes.Result r = probe(port, "/api/v1/health");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("nothing listens");
    }

    private static Processes.Result probe(int port, String path) {
        return Processes.run(List.of("bash", RepoFiles.path("ops/healthcheck.sh").toString(), path), null,
                Map.of("CONTROLLER_PORT", String.valueOf(port)), 20);
    }
}
