package io.sentinel.app.up;

import io.sentinel.controller.dashboard.SensorEnroller.Enrolment;
import io.sentinel.controller.sensors.SensorEnrolment;
import io.sentinel.testkit.SampleCapture;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.uplink.UplinkOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The sample data of {@code sentinel up}: writes the detect module's sample capture (a minute of
 * office Wi-Fi with a deauth flood, an evil twin, a beacon flood, PMKID harvesting and a
 * pwnagotchi), timed to have just happened, and replays it through a real sensor pipeline into
 * the controller over signed HTTP, so alerts and networks show up on the dashboard. The sample
 * sensor then stays connected while {@code up} runs: it keeps sending heartbeats, which say that
 * its replay finished, so the dashboard and the API show it as {@code replay_finished} rather
 * than as a sensor that went offline.
 */
public final class SampleReplay {

    /** The id the sample sensor is enrolled under. */
    public static final String SENSOR_ID = "sample-sensor";
    /** How often the sample sensor sends a heartbeat. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    private final SensorEnrolment enrolment;
    private final Path workDir;

    public SampleReplay(SensorEnrolment enrolment, Path workDir) {
        this.enrolment = enrolment;
        this.workDir = workDir;
    }

    /** The sample sensor after its replay: connected and sending heartbeats until closed. */
    public static final class SampleSensor implements AutoCloseable {
        private final SensorRuntime runtime;
        private final Path stateDir;
        private final ReplaySummary summary;

        private SampleSensor(SensorRuntime runtime, Path stateDir, ReplaySummary summary) {
            this.runtime = runtime;
            this.stateDir = stateDir;
            this.summary = summary;
        }

        /** What the replay sent. */
        public ReplaySummary summary() {
            return summary;
        }

        /** Sends the last heartbeat and disconnects. */
        @Override
        public void close() throws IOException {
            try {
                runtime.close();
            } finally {
                deleteTree(stateDir);
            }
        }
    }

    /**
     * Enrols (or re-keys) the sample sensor, writes the capture, replays it into {@code controller}
     * and waits until it is delivered; the sensor stays connected until the result is closed.
     */
    public SampleSensor start(URI controller) throws Exception {
        Enrolment key = enrolment.enrolIfNew(SENSOR_ID, Optional.of("sentinel up sample"), Optional.of("replayed capture"))
                .or(this::rotate)
                .orElseThrow(() -> new IllegalStateException("sensor " + SENSOR_ID + " is revoked; the sample is not replayed"));
        Files.createDirectories(workDir);
        Path pcap = workDir.resolve("sample.pcap");
        long startNanos = Instant.now().minusSeconds(90).getEpochSecond() * 1_000_000_000L;
        SampleCapture.air(startNanos).writePcap(pcap);
        ReplayOptions options = ReplayOptions.asFastAsPossible();
        Path state = Files.createTempDirectory("sentinel-sample-sensor-");
        SensorSettings settings = SensorSettings.of(SENSOR_ID, controller, HexFormat.of().parseHex(key.keyHex()), state)
                .withUplink(UplinkOptions.defaults().withHeartbeatInterval(HEARTBEAT_INTERVAL));
        SensorRuntime runtime = SensorRuntime.open(settings);
        try {
            runtime.drainOnClose(options.drainTimeout());
            ReplaySummary r = runtime.replay(pcap, options, () -> false);
            runtime.awaitDelivered(options.drainTimeout());
            ReplaySummary delivered = new ReplaySummary(r.frames(), r.alertsOpened(), r.alertSnapshots(), r.telemetryItems(),
                    runtime.spool().map(s -> s.pendingRecords()).orElse(0L), r.wallMillis());
            runtime.uplink().ifPresent(u -> u.sendHeartbeat()); // at once: the replay has finished
            return new SampleSensor(runtime, state, delivered);
        } catch (Exception | Error e) {
            runtime.close();
            deleteTree(state);
            throw e;
        }
    }

    private Optional<Enrolment> rotate() {
        try {
            return enrolment.rotate(SENSOR_ID);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot re-key the sample sensor", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
