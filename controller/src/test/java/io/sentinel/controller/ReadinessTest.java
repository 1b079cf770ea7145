package io.sentinel.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.store.Migrations;
import io.sentinel.store.migration.V2__Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The controller never creates tables: on an unmigrated database it answers /readyz 503 naming the
 * problem and refuses API traffic with 503, until migrations ran; a schema behind the expected
 * version is reported as schema drift.
 */
class ReadinessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusesTrafficUntilMigratedThenServes() throws Exception {
        try (TestController c = TestController.start(Map.of(), false)) {
            var ready = c.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.get("ready").asBoolean()).isFalse();
            assertThat(failures(body)).anySatisfy(f -> assertThat(f).startsWith("schema drift: expected "
                    + Migrations.EXPECTED_VERSION + ", found none"));
            assertThat(failures(body)).anySatisfy(f -> assertThat(f).startsWith("missing tables: sensors"));
            // liveness is independent of readiness
            assertThat(c.get("/api/v1/health", null).statusCode()).isEqualTo(200);

            var api = c.get("/api/v1/sensors", TestController.ADMIN_TOKEN);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(api.body()).get("detail").asText()).contains("schema drift");
            // and nothing was created by the controller
            assertThat(tables(c)).doesNotContain("sensors", "api_tokens");

            new Migrations(c.database.dataSource()).migrate();
            assertThat(c.get("/readyz", null).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 15_000_000_000L;
            int status;
            do {
                status = c.get("/api/v1/sensors", TestController.ADMIN_TOKEN).statusCode();
                if (status != 200) {
                    Thread.sleep(250);
                }
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void schemaBehindTheBuildIsSchemaDrift() throws Exception {
        try (TestController c = TestController.start(Map.of(), false)) {
            Flyway.configure().dataSource(c.database.dataSource()).locations("classpath:db/migration")
                    .javaMigrations(new V2__Telemetry()).target("2").load().migrate();
            var ready = c.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(failures(JSON.readTree(ready.body())))
                    .contains("schema drift: expected " + Migrations.EXPECTED_VERSION + ", found 2");
        }
    }

    @Test
    void redisOutageIsReportedAndIngestAnswers503() throws Exception {
        try (io.sentinel.store.testing.TestRedis redis = io.sentinel.store.testing.TestRedis.start();
             TestController c = TestController.start(Map.of(), true, redis.url())) {
            var r = c.send("POST", "/api/v1/sensors", TestController.ADMIN_TOKEN, "{\"sensor_id\":\"outage\"}");
            var signer = new io.sentinel.protocol.signing.RequestSigner("outage",
                    java.util.HexFormat.of().parseHex(JSON.readTree(r.body()).get("key").asText()), java.time.Clock.systemUTC());
            assertThat(c.get("/readyz", null).statusCode()).isEqualTo(200);
            redis.stop();
            var ready = c.get("/readyz", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(failures(JSON.readTree(ready.body()))).contains("redis unreachable");
            var ingest = c.postSigned(signer, "/api/v1/heartbeat", "{\"sensor_id\":\"outage\"}", false);
            assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(503);
            assertThat(ingest.headers().firstValue("Retry-After")).isPresent();
            // the rest of the API does not depend on Redis
            assertThat(c.get("/api/v1/sensors", TestController.ADMIN_TOKEN).statusCode()).isEqualTo(200);
        }
    }

    private static List<String> failures(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("failed").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> tables(TestController c) throws Exception {
        List<String> out = new ArrayList<>();
        try (var conn = c.database.connection();
             var rs = conn.createStatement().executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
