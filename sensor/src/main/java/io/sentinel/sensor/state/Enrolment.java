package io.sentinel.sensor.state;

import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
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
                .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.write(body)))
                .build();
        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        int s = resp.statusCode();
        if (s == 409) throw new IOException("sensor " + sensorId + " is already enrolled; rotate its key on the controller "
                + "(POST /api/v1/sensors/" + sensorId + "/rotate) or choose another id");
        if (s == 401 || s == 403) throw new IOException("the controller refused the admin token (" + s + ")");
        if (s != 201 && s != 200) {
            ControllerAnswer answer = Wire.readAnswer(s, resp.body());
            throw new IOException("enrolment failed with HTTP " + s + ": "
                    + (answer instanceof ControllerAnswer.Refusal r ? r.error() + ": " + r.detail() : answer));
        }
        ControllerAnswer.SensorKey key;
        try {
            key = Wire.readSensorKey(resp.body());
        } catch (InvalidMessageException e) {
            throw new IOException("the controller's answer carries no usable key (" + e.getMessage() + ")");
        }
        state.saveEnrolment(controller, sensorId, key.keyEpoch(), key.key());
        return new Enrolled(sensorId, key.keyEpoch());
    }
}
