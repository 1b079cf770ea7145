package io.sentinel.app;

import io.sentinel.app.analyze.DetectionConfigFile;
import io.sentinel.app.sensor.SensorPlan;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.radio.Channel;
import io.sentinel.sensor.radio.ChannelPlan;
import io.sentinel.sensor.radio.HopOptions;
import io.sentinel.sensor.spool.FsyncPolicy;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.state.SensorState;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.uplink.UplinkOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        SensorPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        return new SensorLauncher(plan).run();
    }

    /** The options as plain values for the launcher. */
    SensorPlan plan() throws IOException {
        SensorPlan.Source src;
        if (source.pcap != null) {
            src = new SensorPlan.Replay(source.pcap, asFastAsPossible ? 0 : speed, loop ? Integer.MAX_VALUE : loops);
        } else {
            Optional<SensorPlan.Hopping> hopping = Optional.empty();
            if (!noHop) {
                List<Channel> plan = ChannelPlan.parse(channel != null ? channel : channels);
                hopping = Optional.of(new SensorPlan.Hopping(plan, new HopOptions(Duration.ofMillis(dwellMs), Duration.ofMillis(settleMs),
                        adaptive, Duration.ofMillis(minDwellMs), Duration.ofMillis(maxDwellMs), 0.7)));
            }
            src = new SensorPlan.Live(source.iface, snaplen, Optional.ofNullable(filter).filter(f -> !f.isBlank()), !noMonitorSetup,
                    hopping);
        }
        return new SensorPlan(settings(), src, Duration.ofSeconds(drainTimeoutSeconds));
    }
    /** The evidence bounds of the command line (the record checks their ranges). */
    private EvidenceOptions evidence() {
        if (noEvidence) return EvidenceOptions.disabled();
        return new EvidenceOptions(true, Duration.ofSeconds(evidencePreSeconds), evidenceRingMb << 20,
                Duration.ofSeconds(evidencePostSeconds), evidenceMaxKb << 10, evidencePerMinute,
                EvidenceOptions.defaults().maxConcurrent(), evidenceDiskMb << 20);
    }

    private SensorSettings settings() throws IOException {
        DetectionConfig detection = DetectionConfig.defaults();
        if (config != null) {
            try {
                detection = DetectionConfigFile.load(config);
            } catch (DetectionConfigFile.InvalidConfigException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        Path stateDir = this.stateDir != null ? this.stateDir : defaultStateDir();
        SensorState state = SensorState.open(stateDir);
        Optional<SensorState.Enrolment> enrolment = state.enrolment();
        URI controller = null;
        byte[] key = null;
        String id = sensorId;
        if (!local) {
            if (this.controller != null) controller = URI.create(this.controller);
            else if (enrolment.isPresent()) controller = enrolment.get().controller();
            if (id == null && enrolment.isPresent()) id = enrolment.get().sensorId();
            if (controller != null) {
                key = state.sensorKey().orElseThrow(() -> new IllegalArgumentException("no sensor key in " + stateDir
                        + "; enrol first: sentinel sensor enroll --controller URL --sensor-id ID"));
            }
        }
        if (id == null) id = "local";
        FsyncPolicy fsync = switch (this.fsync.toLowerCase(Locale.ROOT)) {
            case "always" -> FsyncPolicy.ALWAYS;
            case "interval" -> FsyncPolicy.INTERVAL;
            case "never" -> FsyncPolicy.NEVER;
            default -> throw new IllegalArgumentException("--fsync must be always, interval or never");
        };
        if (spoolMaxMb < 1) throw new IllegalArgumentException("--spool-max-mb must be at least 1");
        long total = spoolMaxMb << 20;
        SpoolOptions spool = new SpoolOptions(Math.min(4L << 20, total / 4), total, fsync, Duration.ofSeconds(1));
        String version = Sentinel.class.getPackage().getImplementationVersion();
        SensorSettings base = SensorSettings.of(id, controller, key, stateDir);
        if (evidenceDir != null) base = base.withEvidenceDirectory(evidenceDir);
        return base
                .withEvidence(evidence())
                .withDetection(detection)
                .withInterval(Duration.ofMillis(Math.round(intervalSeconds * 1000)))
                .withMaxDevices(maxDevices)
                .withPrivacy(new PrivacyOptions(pseudonymize, hideSsids))
                .withSpool(spool)
                .withUplink(new UplinkOptions(Duration.ofMillis(Math.min(500, backoffMaxSeconds * 1000)),
                        Duration.ofSeconds(Math.max(1, backoffMaxSeconds)), 5, Duration.ofSeconds(Math.max(1, breakerOpenSeconds)),
                        Duration.ofMinutes(10), Duration.ofSeconds(Math.max(1, heartbeatSeconds))))
                .withVersion(version == null ? "dev" : version);
    }


    /** {@code $SENTINEL_DATA_DIR/sensor}, or {@code ./data/sensor}. */
    public static Path defaultStateDir() {
        String data = System.getenv("SENTINEL_DATA_DIR");
        return Path.of(data == null || data.isBlank() ? "data" : data).resolve("sensor");
    }
}
