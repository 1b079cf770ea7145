package io.sentinel.controller.fleet;

import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.fleet.SettingsCheck;
import io.sentinel.protocol.wire.ConfigReport;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.store.fleet.FleetVersion;
import io.sentinel.store.sensor.Sensor;
import io.sentinel.store.sensor.SensorRepository;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fleet configuration as sensors see it: the version every heartbeat answer names, and the
 * answer to a sensor's signed configuration request. The current version is cached for a few
 * seconds (a heartbeat must not cost a query) and refreshed at once by a save on this
 * controller; another controller's save is seen within {@link #CACHE_NANOS}.
 */
public final class FleetService {

    static final long CACHE_NANOS = 5_000_000_000L;

    /**
     * The check of a controller started without the detector catalogue: every detection setting
     * is refused, saying why (the rest of the fleet configuration works).
     */
    public static final SettingsCheck WITHOUT_CATALOGUE = (section, name, value) -> {
        throw new IllegalArgumentException("this controller was started without the detector catalogue; "
                + "detection settings cannot be checked");
    };

    private final FleetRepository repo;
    private final SensorRepository sensors;
    private final SettingsCheck check;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(FleetVersion version, long atNanos) {}

    public FleetService(FleetRepository repo, SensorRepository sensors, SettingsCheck check, Clock clock) {
        this.repo = repo;
        this.sensors = sensors;
        this.check = check;
        this.clock = clock;
    }

    public SettingsCheck check() { return check; }

    public FleetRepository repository() { return repo; }

    /** The newest version (cached), empty before any save. */
    public Optional<FleetVersion> current() throws SQLException {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.atNanos() > CACHE_NANOS) {
            Optional<FleetVersion> v = repo.current();
            cached = c = new Cached(v.orElse(null), now);
        }
        return Optional.ofNullable(c.version());
    }

    /** The version heartbeat answers name; empty before any save (or when the database is away). */
    public OptionalInt versionForHeartbeat() {
        try {
            return current().map(v -> OptionalInt.of(v.version())).orElse(OptionalInt.empty());
        } catch (SQLException e) {
            Cached c = cached; // the database is away: the last known version, or nothing
            return c == null || c.version() == null ? OptionalInt.empty() : OptionalInt.of(c.version().version());
        }
    }

    /** After a save on this controller: sensors hear of it in their next heartbeat answer. */
    void saved() {
        cached = null;
    }

    /** Records what the sensor reports and answers with what it should run. */
    public ControllerAnswer.ConfigAnswer answer(ConfigReport report) throws SQLException {
        repo.recordReport(report.sensorId(), opt(report.appliedVersion()), Optional.ofNullable(report.result()),
                opt(report.refusedVersion()), Optional.ofNullable(report.error()), clock.instant());
        Optional<FleetVersion> v = current();
        if (v.isEmpty()) return new ControllerAnswer.ConfigAnswer(ControllerAnswer.ConfigAnswer.CURRENT, null, null);
        int version = v.get().version();
        if (report.appliedVersion() != null && report.appliedVersion() == version) {
            return new ControllerAnswer.ConfigAnswer(ControllerAnswer.ConfigAnswer.CURRENT, version, null);
        }
        String site = sensors.find(report.sensorId()).flatMap(Sensor::location).orElse(null);
        FleetDocument doc = v.get().document();
        return new ControllerAnswer.ConfigAnswer(ControllerAnswer.ConfigAnswer.CONFIG, version,
                doc.forSensor(version, report.sensorId(), site));
    }

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
