package io.sentinel.app;

import io.sentinel.app.sensor.SensorEnrollCommand;
import io.sentinel.app.sensor.SensorLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel sensor}: live capture from a monitor-mode interface, or replay of a capture
 * file, through decode, detection and telemetry aggregation into the durable spool and the
 * signed uplink. {@code sentinel sensor enroll} obtains the sensor's key first.
 */
@Command(
        name = "sensor",
        mixinStandardHelpOptions = true,
        subcommands = {SensorEnrollCommand.class},
        description = {
            "Run a sensor: live capture (--iface) or replay of a capture (--pcap), detection on the spot,",
            "telemetry per interval, a crash-safe spool and a signed uplink to the controller.",
            "Enrol first with `sentinel sensor enroll`; without an enrolment or --controller the sensor",
            "runs locally and prints alerts as JSON Lines on stdout."
        })
public final class SensorCommand implements Callable<Integer> {

    /** Where frames come from: exactly one of the two. */
    public static final class Source {
        @Option(names = "--iface", paramLabel = "IF", description = "capture live from this wireless interface (monitor mode)")
        public String iface;

        @Option(names = "--pcap", paramLabel = "FILE", description = "replay this pcap/pcapng capture")
        public Path pcap;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    public Source source;

    // ---- replay ----
    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "replay speed relative to the capture (default ${DEFAULT-VALUE})")
    public double speed;

    @Option(names = "--as-fast-as-possible", description = "replay without pacing")
    public boolean asFastAsPossible;

    @Option(names = "--loop", description = "replay the capture again and again until stopped")
    public boolean loop;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "1", description = "replay the capture N times (default ${DEFAULT-VALUE})")
    public int loops;

    // ---- live ----
    @Option(names = "--channels", paramLabel = "PLAN", defaultValue = "2.4ghz,5ghz",
            description = "channels to hop across: band keywords 2.4ghz, 5ghz, 6ghz, 6ghz-all and/or numbers, e.g. 1,6,11 or 2.4:1,6;6:37 (default ${DEFAULT-VALUE})")
    public String channels;

    @Option(names = "--channel", paramLabel = "N", description = "stay on one channel (no hopping)")
    public String channel;

    @Option(names = "--no-hop", description = "do not change channels at all (another tool controls the radio)")
    public boolean noHop;

    @Option(names = "--dwell-ms", defaultValue = "250", description = "time per channel (default ${DEFAULT-VALUE}; the mean in adaptive mode)")
    public long dwellMs;

    @Option(names = "--settle-ms", defaultValue = "10", description = "time after a channel change before frames count for it (default ${DEFAULT-VALUE})")
    public long settleMs;

    @Option(names = "--adaptive-hop", description = "spend more time on busy channels (between --min-dwell-ms and --max-dwell-ms)")
    public boolean adaptive;

    @Option(names = "--min-dwell-ms", defaultValue = "100")
    public long minDwellMs;

    @Option(names = "--max-dwell-ms", defaultValue = "1000")
    public long maxDwellMs;

    @Option(names = "--no-monitor-setup", description = "do not switch the interface to monitor mode (it already is, or another tool does it)")
    public boolean noMonitorSetup;

    @Option(names = "--filter", paramLabel = "BPF", description = "libpcap capture filter, e.g. 'type mgt or ether proto 0x888e'")
    public String filter;

    @Option(names = "--snaplen", defaultValue = "4096", description = "bytes kept per frame (default ${DEFAULT-VALUE})")
    public int snaplen;

    // ---- controller / state ----
    @Option(names = "--controller", paramLabel = "URL", description = "controller base URL (default: the one recorded at enrolment)")
    public String controller;

    @Option(names = "--sensor-id", paramLabel = "ID", description = "sensor id (default: the one recorded at enrolment)")
    public String sensorId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "state directory: key, spool, privacy key (default $SENTINEL_DATA_DIR/sensor or ./data/sensor)")
    public Path stateDir;

    @Option(names = "--local", description = "ignore any enrolment: no uplink, alerts on stdout")
    public boolean local;

    @Option(names = "--config", paramLabel = "FILE", description = "detection configuration (YAML, as for `sentinel analyze`): thresholds, enabled detectors, monitored networks")
    public Path config;

    // ---- telemetry ----
    @Option(names = "--interval-s", defaultValue = "10", description = "telemetry interval in capture time (default ${DEFAULT-VALUE})")
    public double intervalSeconds;

    @Option(names = "--max-devices", defaultValue = "10000", description = "devices per telemetry interval (default ${DEFAULT-VALUE}); more are counted as overflow")
    public int maxDevices;

    @Option(names = "--pseudonymize-clients", description = "replace client MACs in telemetry by keyed pseudonyms (HMAC-SHA256)")
    public boolean pseudonymize;

    @Option(names = "--hide-ssids", description = "leave SSIDs out of telemetry")
    public boolean hideSsids;

    // ---- spool ----
    @Option(names = "--spool-max-mb", defaultValue = "256", description = "spool size bound in MiB (default ${DEFAULT-VALUE}); oldest data dropped beyond it")
    public long spoolMaxMb;

    @Option(names = "--fsync", defaultValue = "interval", description = "spool fsync policy: always, interval (1 s), never (default ${DEFAULT-VALUE})")
    public String fsync;

    @Option(names = "--heartbeat-s", defaultValue = "30", description = "heartbeat period (default ${DEFAULT-VALUE})")
    public long heartbeatSeconds;

    @Option(names = "--backoff-max-s", defaultValue = "60", description = "longest wait between delivery retries (default ${DEFAULT-VALUE})")
    public long backoffMaxSeconds;

    @Option(names = "--breaker-open-s", defaultValue = "30", description = "pause after 5 failed deliveries in a row before one trial (default ${DEFAULT-VALUE})")
    public long breakerOpenSeconds;

    @Option(names = "--drain-timeout-s", defaultValue = "30", description = "at the end of a replay, how long to wait for delivery (default ${DEFAULT-VALUE})")
    public long drainTimeoutSeconds;

    @Option(names = "--no-evidence", description = "keep no pre-trigger ring and write no pcapng evidence for alerts")
    public boolean noEvidence;

    @Option(names = "--evidence-pre-s", defaultValue = "10", description = "capture time kept before an alert opens, in its evidence (default ${DEFAULT-VALUE})")
    public long evidencePreSeconds;

    @Option(names = "--evidence-post-s", defaultValue = "10", description = "capture time recorded after an alert opened (default ${DEFAULT-VALUE})")
    public long evidencePostSeconds;

    @Option(names = "--evidence-ring-mb", defaultValue = "4", description = "memory for the pre-trigger ring of raw frames, MiB (default ${DEFAULT-VALUE})")
    public long evidenceRingMb;

    @Option(names = "--evidence-max-kb", defaultValue = "2048", description = "largest evidence file, KiB (default ${DEFAULT-VALUE}); further frames are left out")
    public long evidenceMaxKb;

    @Option(names = "--evidence-per-minute", defaultValue = "6", description = "evidence files started per minute of capture time at most (default ${DEFAULT-VALUE})")
    public int evidencePerMinute;

    @Option(names = "--evidence-disk-mb", defaultValue = "256", description = "evidence waiting for the controller on disk, MiB (default ${DEFAULT-VALUE}); oldest dropped beyond")
    public long evidenceDiskMb;

    @Option(names = "--evidence-dir", paramLabel = "DIR", description = "without a controller (--local): write evidence pcapng files here")
    public Path evidenceDir;

    @Override
    public Integer call() {
        if (source == null || (source.iface == null && source.pcap == null)) {
            System.err.println("sentinel sensor: give --iface IF (live capture) or --pcap FILE (replay); see --help");
            return 2;
        }
        return new SensorLauncher(this).run();
    }

    /** {@code $SENTINEL_DATA_DIR/sensor}, or {@code ./data/sensor}. */
    public static Path defaultStateDir() {
        String data = System.getenv("SENTINEL_DATA_DIR");
        return Path.of(data == null || data.isBlank() ? "data" : data).resolve("sensor");
    }
}
