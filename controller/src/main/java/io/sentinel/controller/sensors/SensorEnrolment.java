package io.sentinel.controller.sensors;

import io.sentinel.controller.dashboard.SensorEnroller;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorRepository;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one place that enrols sensors and hands out their keys (API and dashboard alike). Keys are
 * derived from {@code CONTROLLER_HMAC_SECRET} and the epoch, shown once, never stored.
 */
public final class SensorEnrolment implements SensorEnroller {

    private final SensorRepository sensors;
    private final SensorKeyDeriver keys;

    public SensorEnrolment(SensorRepository sensors, SensorKeyDeriver keys) {
        this.sensors = sensors;
        this.keys = keys;
    }

    /** Enrols at epoch 1; empty when the id is taken. */
    public Optional<Enrolment> enrolIfNew(String sensorId, Optional<String> name, Optional<String> location)
            throws SQLException {
        if (!Identifiers.isSensorId(sensorId)) {
            throw new IllegalArgumentException("sensor_id must match [A-Za-z0-9._-]{1,64}");
        }
        return sensors.enroll(sensorId, name, location).map(this::keyOf);
    }

    /** Moves to the next epoch; empty when unknown or revoked. */
    public Optional<Enrolment> rotate(String sensorId) throws SQLException {
        return sensors.rotate(sensorId).map(this::keyOf);
    }

    @Override
    public Enrolment enrol(String sensorId, Optional<String> name, Optional<String> location) {
        try {
            return enrolIfNew(sensorId, name, location)
                    .orElseThrow(() -> new AlreadyEnrolledException(sensorId));
        } catch (SQLException e) {
            throw new IllegalStateException("database error while enrolling a sensor", e);
        }
    }

    private Enrolment keyOf(Sensor s) {
        return new Enrolment(s.id(), keys.deriveKeyHex(s.id(), s.keyEpoch()), s.keyEpoch());
    }
}
