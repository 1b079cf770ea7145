package io.sentinel.sensor;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.uplink.UplinkOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a {@link SensorRuntime} needs besides its capture source.
 *
 * @param sensorId   the id the controller knows this sensor by
 * @param controller where to send alerts and telemetry; empty = local mode (alerts on stdout)
 * @param key        the sensor's signing key (32 bytes); required with a controller
 * @param stateDir   state directory (spool, privacy key)
 * @param detection  detector configuration
 * @param interval   telemetry aggregation interval (capture time)
 * @param maxDevices cap on devices per telemetry interval
 * @param privacy    what telemetry may reveal
 * @param spool      spool bounds and fsync policy
 * @param uplink     retry, breaker and heartbeat settings
 * @param version    reported in heartbeats
 * @param evidence   the pre-trigger ring and the bounds of evidence files
 * @param evidenceDir where evidence files go without a controller (empty: none are written then);
 *                   with a controller they go to the evidence spool and up to it
 */
public record SensorSettings(String sensorId, Optional<URI> controller, byte[] key, Path stateDir, DetectionConfig detection,
        Duration interval, int maxDevices, PrivacyOptions privacy, SpoolOptions spool, UplinkOptions uplink, String version,
        EvidenceOptions evidence, Optional<Path> evidenceDir) {

    public SensorSettings {
        if (controller.isPresent() && (key == null || key.length != 32))
            throw new IllegalArgumentException("a controller needs the sensor's 32-byte key (run `sentinel sensor enroll` first)");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("telemetry interval must be positive");
        key = key == null ? null : key.clone();
        if (evidence == null) evidence = EvidenceOptions.defaults();
        if (evidenceDir == null) evidenceDir = Optional.empty();
    }

    /** Defaults: 10 s intervals, 10,000 devices per interval, no privacy transformation, default spool and uplink. */
    public static SensorSettings of(String sensorId, URI controller, byte[] key, Path stateDir) {
        return new SensorSettings(sensorId, Optional.ofNullable(controller), key, stateDir, DetectionConfig.defaults(),
                Duration.ofSeconds(10), 10_000, PrivacyOptions.NONE, SpoolOptions.defaults(), UplinkOptions.defaults(), "dev",
                EvidenceOptions.defaults(), Optional.empty());
    }

    public SensorSettings withDetection(DetectionConfig d) {
        return new SensorSettings(sensorId, controller, key, stateDir, d, interval, maxDevices, privacy, spool, uplink, version, evidence, evidenceDir);
    }

    public SensorSettings withInterval(Duration i) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, i, maxDevices, privacy, spool, uplink, version, evidence, evidenceDir);
    }

    public SensorSettings withPrivacy(PrivacyOptions p) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, p, spool, uplink, version, evidence, evidenceDir);
    }

    public SensorSettings withSpool(SpoolOptions s) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, privacy, s, uplink, version, evidence, evidenceDir);
    }

    public SensorSettings withUplink(UplinkOptions u) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, privacy, spool, u, version, evidence, evidenceDir);
    }

    public SensorSettings withVersion(String v) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, privacy, spool, uplink, v, evidence, evidenceDir);
    }

    public SensorSettings withMaxDevices(int n) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, n, privacy, spool, uplink, version, evidence, evidenceDir);
    }

    public SensorSettings withEvidence(EvidenceOptions e) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, privacy, spool, uplink, version, e,
                evidenceDir);
    }

    /** Evidence files into this directory when there is no controller. */
    public SensorSettings withEvidenceDirectory(Path dir) {
        return new SensorSettings(sensorId, controller, key, stateDir, detection, interval, maxDevices, privacy, spool, uplink, version,
                evidence, Optional.of(dir));
    }

    @Override
    public String toString() {
        return "SensorSettings[" + sensorId + ", controller " + controller.map(URI::toString).orElse("none") + ", state " + stateDir + "]";
    }
}
