package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.security.RouteRole;
import io.sentinel.controller.auth.TokenAccess;
import io.sentinel.controller.auth.SensorAccess;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document and the routes registered in Javalin describe the same API:
 * same paths, same methods, same access level; and the served document is the resource.
 */
class OpenApiMatchesRoutesTest {

    static TestController c;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        c = TestController.start(Map.of());
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    /** The API surface: everything but the dashboard's HTML pages and the / redirect. */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/readyz") || path.equals("/metrics");
    }

    @Test
    void everyRouteIsDocumentedWithItsMethodsAndAccessAndNothingElseIs() throws Exception {
        Map<String, String> registered = new TreeMap<>();
        for (ControllerServer.RouteInfo r : c.server.routes()) {
            if (!isApi(r.path()) || r.method().equals("BEFORE") || r.method().equals("AFTER")
                    || r.method().startsWith("BEFORE") || r.method().startsWith("AFTER")) {
                continue;
            }
            registered.put(r.method().toLowerCase(Locale.ROOT) + " " + r.path(), access(r.roles()));
        }
        Map<String, String> documented = new TreeMap<>();
        JsonNode doc;
        try (InputStream in = ControllerServer.class.getResourceAsStream(ControllerServer.OPENAPI_RESOURCE)) {
            doc = JSON.readTree(in);
        }
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                documented.put(op.getKey() + " " + path.getKey(), op.getValue().get("x-sentinel-access").asText());
            }
        }
        assertThat(registered).as("routes registered in Javalin vs paths in openapi.json").isEqualTo(documented);
        assertThat(registered).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonNode doc;
        try (InputStream in = ControllerServer.class.getResourceAsStream(ControllerServer.OPENAPI_RESOURCE)) {
            doc = JSON.readTree(in);
        }
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void servedDocumentIsTheResource() throws Exception {
        var r = c.get("/api/v1/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(r.body()).get("paths").has("/api/v1/telemetry")).isTrue();
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        c.get("/api/v1/health", null);
        var r = c.get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("http_server_requests_seconds_count").contains("sentinel_ingest_queue_depth");
    }

    private static void collectRefs(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }

    private static String access(Set<RouteRole> roles) {
        if (roles.contains(SensorAccess.SIGNED)) {
            return "sensor";
        }
        for (RouteRole r : roles) {
            if (r instanceof TokenAccess access) {
                return access.minimum().wire();
            }
        }
        return "public";
    }
}
