package io.sentinel.controller.dashboard;

import io.sentinel.protocol.signing.SensorKeyDeriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/** Enrolment as the controller does it (insert the sensor at epoch 1, derive its key), for tests of the Sensors page. */
final class TestEnroller implements SensorEnroller {

    static final byte[] HMAC_SECRET = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
    private final DataSource ds;

    TestEnroller(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Enrolment enrol(String sensorId, Optional<String> name, Optional<String> location) {
        if (!sensorId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("sensor id must match [A-Za-z0-9._-]{1,64}");
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sensors (id, name, location) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, sensorId);
            ps.setString(2, name.orElse(null));
            ps.setString(3, location.orElse(null));
            if (ps.executeUpdate() == 0) {
                throw new AlreadyEnrolledException(sensorId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Enrolment(sensorId, new SensorKeyDeriver(HMAC_SECRET).deriveKeyHex(sensorId, 1), 1);
    }
}
