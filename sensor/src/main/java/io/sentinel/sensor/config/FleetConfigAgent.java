package io.sentinel.sensor.config;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.protocol.fleet.SensorConfig;
import io.sentinel.protocol.wire.ConfigReport;
import io.sentinel.protocol.wire.ControllerAnswer;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.uplink.ControllerClient;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;


/**
 * Keeps a sensor on the fleet configuration the controller names. A heartbeat answer carries the
 * current version; when it differs from the one applied, the agent asks for the configuration
 * over the signed API, checks it with the detector catalogue, applies it (through
 * {@link Applier}, without a restart) and keeps it on disk as the last good one, which a sensor
 * starts from when the controller is away. A configuration that does not check or apply is
 * refused: the sensor stays on what it ran and tells the controller why.
 */
public final class FleetConfigAgent {

    /** Puts a checked configuration into effect; throws when it cannot (the previous one then stays). */
    @FunctionalInterface
    public interface Applier {
        void apply(SensorConfig config, DetectionConfig detection) throws Exception;
    }

    static final String FILE = "fleet-config.json";
    private static final Logger LOG = LoggerFactory.getLogger(FleetConfigAgent.class);

    private final ControllerClient client;
    private final Path file;
    private final DetectionConfig local;
    private final Applier applier;
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile Integer applied;
    private volatile Integer refused;
    private volatile String refusedWhy;

    public FleetConfigAgent(ControllerClient client, Path stateDir, DetectionConfig local, Applier applier) {
        this.client = client;
        this.file = stateDir.resolve(FILE);
        this.local = local;
        this.applier = applier;
    }

    /** The version in effect, empty while the sensor runs its local settings only. */
    public Optional<Integer> applied() { return Optional.ofNullable(applied); }

    /** The last version refused, with the reason. */
    public Optional<String> refusal() {
        return refused == null ? Optional.empty() : Optional.of("version " + refused + ": " + refusedWhy);
    }

    /**
     * At start: the last good configuration from disk, when there is one and it still checks.
     * Returns whether one was applied.
     */
    public boolean startFromLastGood() {
        if (!Files.isRegularFile(file)) return false;
        try {
            SensorConfig c = Wire.read(Files.readAllBytes(file), SensorConfig.class);
            apply(c);
            LOG.info("running fleet configuration version " + c.version() + " (last good, from disk)");
            return true;
        } catch (Exception e) {
            LOG.warn("ignoring the stored fleet configuration: " + e.getMessage());
            return false;
        }
    }

    /** Told of the version a heartbeat answer names; syncs on a virtual thread when it is another one. */
    public void onVersion(int version) {
        if (applied != null && applied == version) return;
        if (refused != null && refused == version) return; // told the controller already; wait for a new version
        if (!syncing.compareAndSet(false, true)) return;
        Thread.ofVirtual().name("sentinel-fleet-config").start(() -> {
            try {
                sync();
            } finally {
                syncing.set(false);
            }
        });
    }

    /** Reports what runs, fetches what should, applies or refuses it, and reports the outcome. */
    public void sync() {
        try {
            ControllerAnswer.ConfigAnswer answer = exchange(report(null));
            if (!ControllerAnswer.ConfigAnswer.CONFIG.equals(answer.status()) || answer.config() == null) return;
            SensorConfig c = answer.config();
            String result;
            try {
                apply(c);
                store(c);
                result = ConfigReport.APPLIED;
                LOG.info("applied fleet configuration version " + c.version()
                        + " (profile " + c.profile() + ")");
            } catch (Exception e) {
                refused = c.version();
                refusedWhy = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                result = ConfigReport.REFUSED;
                LOG.warn("refused fleet configuration version " + c.version() + ": " + refusedWhy);
            }
            exchange(report(result));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot reach the controller for the fleet configuration: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(SensorConfig c) throws Exception {
        c.validate(SettingsCatalogue.INSTANCE);
        DetectionConfig d = FleetDetection.of(local, c);
        applier.apply(c, d);
        applied = c.version();
        if (refused != null && refused <= c.version()) {
            refused = null;
            refusedWhy = null;
        }
    }

    private ConfigReport report(String result) {
        String why = refusedWhy == null ? null : refusedWhy.length() > 1000 ? refusedWhy.substring(0, 1000) : refusedWhy;
        return new ConfigReport(client.sensorId(), applied, result, ConfigReport.REFUSED.equals(result) ? refused : null,
                ConfigReport.REFUSED.equals(result) ? why : null);
    }

    private ControllerAnswer.ConfigAnswer exchange(ConfigReport report) throws IOException, InterruptedException {
        ControllerClient.Response r = client.post("/api/v1/sensor-config", Wire.write(report), false);
        ControllerAnswer a = Wire.readAnswer(r.status(), r.body());
        if (a instanceof ControllerAnswer.ConfigAnswer c) return c;
        throw new IOException("the controller answered " + r.status() + ": " + a);
    }

    private void store(SensorConfig c) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.write(tmp, Wire.write(c));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
