package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * X-Forwarded-* are believed only from peers inside TRUSTED_PROXY_CIDRS: the audit log, the access
 * log and HSTS follow the effective client address and scheme; a spoofing client is ignored.
 */
class TrustedProxyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static HttpResponse<String> enrolVia(TestController c, String sensor, String xff, String proto) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.base + "/api/v1/sensors"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sensor_id\":\"" + sensor + "\"}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestController.ADMIN_TOKEN)
                .header("X-Forwarded-For", xff)
                .header("X-Forwarded-Proto", proto);
        return c.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String auditedClientIp(TestController c, String target) throws Exception {
        JsonNode audit = JSON.readTree(c.get("/api/v1/audit", TestController.ADMIN_TOKEN).body());
        for (JsonNode e : audit.get("items")) {
            if (target.equals(e.get("target").asText())) {
                return e.get("client_ip").asText();
            }
        }
        throw new AssertionError("no audit entry for " + target);
    }

    @Test
    void headersFromATrustedProxyAreBelieved() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("io.sentinel.controller.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (TestController c = TestController.start(Map.of("TRUSTED_PROXY_CIDRS", "10.0.0.0/8, 127.0.0.1/32, ::1/128"))) {
            // client 203.0.113.7 -> proxy 10.1.2.3 -> (loopback) controller: right-most untrusted is the client
            var r = enrolVia(c, "via-proxy", "198.51.100.1, 203.0.113.7, 10.1.2.3", "https");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                    v -> assertThat(v).contains("max-age="));
            assertThat(auditedClientIp(c, "via-proxy")).isEqualTo("203.0.113.7");
            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("POST /api/v1/sensors 201").endsWith("client=203.0.113.7"));

            // plain http through the proxy: no HSTS
            var plain = enrolVia(c, "via-proxy-http", "203.0.113.8", "http");
            assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    void spoofedHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        try (TestController c = TestController.start(Map.of("TRUSTED_PROXY_CIDRS", "10.0.0.0/8"))) {
            var r = enrolVia(c, "spoofer", "203.0.113.99", "https");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(auditedClientIp(c, "spoofer")).isEqualTo("127.0.0.1");
        }
    }
}
