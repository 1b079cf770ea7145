package io.sentinel.controller.dashboard;

import java.util.Optional;

/**
 * Enrols a sensor on behalf of the dashboard: the controller's own enrolment (the same as
 * {@code POST /api/v1/sensors}) so that keys are derived in exactly one place.
 */
@FunctionalInterface
public interface SensorEnroller {

    /** The result shown once to the operator: the sensor's key as 64 hex and its epoch. */
    record Enrolment(String sensorId, String keyHex, int keyEpoch) {}

    /** Thrown when a sensor with that id exists already. */
    final class AlreadyEnrolledException extends RuntimeException {
        public AlreadyEnrolledException(String sensorId) {
            super("sensor already enrolled: " + sensorId);
        }
    }

    /**
     * @throws AlreadyEnrolledException when the id is taken
     * @throws IllegalArgumentException when the id does not match {@code [A-Za-z0-9._-]{1,64}}
     */
    Enrolment enrol(String sensorId, Optional<String> name, Optional<String> location);
}
