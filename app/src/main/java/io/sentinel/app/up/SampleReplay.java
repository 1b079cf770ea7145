package io.sentinel.app.up;

import io.sentinel.controller.sensors.SensorEnrolment;
import io.sentinel.controller.dashboard.SensorEnroller.Enrolment;
import io.sentinel.detect.scenario.SampleCapture;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.sensor.SensorRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The sample data of {@code sentinel up}: writes the detect module's sample capture (a minute of
 * office Wi-Fi with a deauth flood, an evil twin, a beacon flood, PMKID harvesting and a
 * pwnagotchi), timed to have just happened, and replays it through a real sensor pipeline into
 * the controller over signed HTTP, so alerts and networks show up on the dashboard.
 */
public final class SampleReplay {

    /** The id the sample sensor is enrolled under. */
    public static final String SENSOR_ID = "sample-sensor";

    private final SensorEnrolment enrolment;
    private final Path workDir;

    public SampleReplay(SensorEnrolment enrolment, Path workDir) {
        this.enrolment = enrolment;
        this.workDir = workDir;
    }

    /** Enrols (or re-keys) the sample sensor, writes the capture and replays it into {@code controller}. */
    public ReplaySummary run(URI controller) throws Exception {
        Enrolment key = enrolment.enrolIfNew(SENSOR_ID, Optional.of("sentinel up sample"), Optional.of("replayed capture"))
                .or(() -> rotate())
                .orElseThrow(() -> new IllegalStateException("sensor " + SENSOR_ID + " is revoked; the sample is not replayed"));
        Files.createDirectories(workDir);
        Path pcap = workDir.resolve("sample.pcap");
        long startNanos = Instant.now().minusSeconds(90).getEpochSecond() * 1_000_000_000L;
        SampleCapture.air(startNanos).writePcap(pcap);
        return SensorRuntime.replay(pcap, controller, SENSOR_ID, HexFormat.of().parseHex(key.keyHex()),
                ReplayOptions.asFastAsPossible());
    }

    private Optional<Enrolment> rotate() {
        try {
            return enrolment.rotate(SENSOR_ID);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot re-key the sample sensor", e);
        }
    }
}
