package io.sentinel.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentinel up} end to end: embedded PostgreSQL, migrations, in-process queue, worker,
 * controller, and the sample capture replayed by a real sensor pipeline over signed HTTP, after
 * which the API shows its alerts, networks and the sensor.
 */
class AllInOneTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    JsonNode get(AllInOne.Running r, String path) throws Exception {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(r.baseUrl() + path))
                .header("Authorization", "Bearer " + r.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(path + " " + resp.body()).isEqualTo(200);
        return JSON.readTree(resp.body());
    }

    JsonNode sampleSensor(AllInOne.Running r) throws Exception {
        for (JsonNode s : get(r, "/api/v1/sensors").get("items")) {
            if (s.get("sensor_id").asText().equals(SampleReplay.SENSOR_ID)) {
                return s;
            }
        }
        throw new AssertionError("no sample sensor");
    }

    @Test
    void upRunsEverythingAndTheSampleShowsUpInTheApi(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> alertTypes = new ArrayList<>();
        int[] networks = new int[1];
        String[] sensorState = new String[1];
        double[] heartbeats = new double[2];
        int rc = AllInOne.run(Map.of("SENTINEL_DATA_DIR", dir.resolve("data").toString(), "CONTROLLER_PORT", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), true,
                running -> {
                    assertThat(running.sample()).isPresent();
                    get(running, "/api/v1/alerts?limit=100").get("items").forEach(a -> alertTypes.add(a.get("type").asText()));
                    networks[0] = get(running, "/api/v1/networks?limit=1000").get("items").size();
                    JsonNode sample = sampleSensor(running);
                    sensorState[0] = sample.get("state").asText();
                    heartbeats[0] = sample.get("last_heartbeat").asDouble();
                    // the sample sensor stays connected: its heartbeats go on after the replay
                    long deadline = System.nanoTime() + SampleReplay.HEARTBEAT_INTERVAL.multipliedBy(3).toNanos();
                    do {
                        Thread.sleep(500);
                        heartbeats[1] = sampleSensor(running).get("last_heartbeat").asDouble();
                    } while (heartbeats[1] <= heartbeats[0] && System.nanoTime() < deadline);
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(running.baseUrl() + "/readyz")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                });
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("Dashboard:", "http://127.0.0.1:", "Admin API token:    snt_", "sample replayed");
        assertThat(alertTypes).as(printed).contains("deauth_flood", "evil_twin");
        assertThat(networks[0]).isGreaterThanOrEqualTo(3);
        // what it is: a replay sensor whose replay finished, still connected (issue #17)
        assertThat(sensorState[0]).isEqualTo("replay_finished");
        assertThat(heartbeats[1]).as("a later heartbeat").isGreaterThan(heartbeats[0]);
        // the development secrets were generated once, owner-only
        Path secrets = dir.resolve("data").resolve("secrets.properties");
        assertThat(Files.getPosixFilePermissions(secrets)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void upRefusesProd() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = AllInOne.run(Map.of("SENTINEL_ENV", "prod"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                false, running -> { });
        assertThat(rc).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SENTINEL_ENV=prod");
    }
}
