package io.sentinel.sensor.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.protocol.wire.Identifiers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enrols a sensor with the controller: {@code POST /api/v1/sensors} with an admin token
 * ({@code Authorization: Bearer}), which answers the sensor's key once; the key goes straight
 * into the state directory ({@link SensorState#saveEnrolment}) and is never printed or logged.
 */
public final class Enrolment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Enrolment() {}

    /** Result shown to the user: everything except the key. */
    public record Enrolled(String sensorId, long keyEpoch) {}

    public static Enrolled enroll(URI controller, String adminToken, String sensorId, String name, String location,
            SensorState state) throws IOException, InterruptedException {
        if (!Identifiers.isSensorId(sensorId)) throw new IllegalArgumentException("sensor id must match [A-Za-z0-9._-]{1,64}");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("sensor_id", sensorId);
        if (name != null) body.put("name", name);
        if (location != null) body.put("location", location);
        String base = controller.toString().endsWith("/") ? controller.toString().substring(0, controller.toString().length() - 1)
                : controller.toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/sensors"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        int s = resp.statusCode();
        if (s == 409) throw new IOException("sensor " + sensorId + " is already enrolled; rotate its key on the controller "
                + "(POST /api/v1/sensors/" + sensorId + "/rotate) or choose another id");
        if (s == 401 || s == 403) throw new IOException("the controller refused the admin token (" + s + ")");
        if (s != 201 && s != 200) throw new IOException("enrolment failed with HTTP " + s + ": " + errorText(resp.body()));
        JsonNode n = JSON.readTree(resp.body());
        JsonNode key = n.get("key");
        if (key == null || !key.isTextual()) throw new IOException("the controller's answer carries no key");
        long epoch = n.has("key_epoch") ? n.get("key_epoch").asLong(1) : 1;
        state.saveEnrolment(controller, sensorId, epoch, key.asText());
        return new Enrolled(sensorId, epoch);
    }

    private static String errorText(String body) {
        String t = body.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
