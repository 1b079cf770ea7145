package io.sentinel.controller.dashboard.sensors;

import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorHealth;
import io.sentinel.store.sensor.SensorState;
import java.time.Instant;

/** One sensor as the Sensors page shows it: the stored sensor, its health now, its name and location as untrusted text. */
public record SensorRow(Sensor sensor, SensorHealth health, UntrustedText name, UntrustedText location) {

    public static SensorRow of(Sensor s, Instant now) {
        return new SensorRow(s, SensorHealth.of(s, now), UntrustedText.of(s.name().orElse("")), UntrustedText.of(s.location().orElse("")));
    }

    /** The state in the API's words ({@code online}, {@code replay_finished}, ...). */
    public String state() {
        return health.state().wire();
    }

    /** The state for people: "online", "replay finished", "never seen", ... */
    public String stateLabel() {
        return label(health.state());
    }

    /** {@code state} in words. */
    public static String label(SensorState state) {
        return state.wire().replace('_', ' ');
    }

    /** What a connected sensor captures from, in words ("live capture", "replaying a capture"); empty otherwise. */
    public String captureLabel() {
        if (!health.state().connected() || health.state() == SensorState.REPLAY_FINISHED) {
            return "";
        }
        return switch (health.capture().orElse("")) {
            case "live" -> "live capture";
            case "replay" -> "replaying a capture";
            default -> "";
        };
    }

    /** What the state means, shown on hover. */
    public String stateTitle() {
        return switch (health.state()) {
            case ONLINE -> "Heartbeats arrive and the sensor is capturing";
            case REPLAY_FINISHED -> "Heartbeats arrive; the sensor replayed a capture file to its end and hears nothing more";
            case STALE -> "No heartbeat for more than " + SensorState.ONLINE_WITHIN.toMinutes() + " minutes";
            case OFFLINE -> "No heartbeat for more than " + SensorState.OFFLINE_AFTER.toMinutes() + " minutes";
            case NEVER_SEEN -> "Enrolled; no heartbeat has arrived yet";
            case REVOKED -> "Its key was revoked; its requests are refused";
        };
    }
}
