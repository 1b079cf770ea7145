package io.sentinel.app.sensor;

import io.sentinel.app.Sentinel;
import io.sentinel.app.SensorCommand;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.app.analyze.DetectionConfigFile;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.capture.Libpcap;
import io.sentinel.sensor.capture.LiveOptions;
import io.sentinel.sensor.capture.PcapException;
import io.sentinel.sensor.radio.Channel;
import io.sentinel.sensor.radio.ChannelHopper;
import io.sentinel.sensor.radio.ChannelPlan;
import io.sentinel.sensor.radio.CommandRunner;
import io.sentinel.sensor.radio.HopOptions;
import io.sentinel.sensor.radio.MonitorMode;
import io.sentinel.sensor.spool.FsyncPolicy;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.spool.SpoolRecovery;
import io.sentinel.sensor.state.SensorState;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.uplink.UplinkOptions;
import io.sentinel.wifi.capture.CaptureFormatException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wires the options of {@code sentinel sensor} into a {@link SensorRuntime} and runs it. */
public final class SensorLauncher {
    private final SensorCommand o;

    public SensorLauncher(SensorCommand options) {
        this.o = options;
    }

    public int run() {
        SensorSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        CountDownLatch done = new CountDownLatch(1);
        SensorRuntime rt;
        try {
            rt = SensorRuntime.open(settings);
        } catch (IOException e) {
            System.err.println("sentinel sensor: cannot open the state directory or spool: " + e.getMessage());
            return 1;
        }
        rt.spool().ifPresent(s -> report(s.recovery()));
        MonitorMode[] monitor = new MonitorMode[1];
        Thread hook = new Thread(() -> {
            rt.requestStop();
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            restore(monitor[0]);
        }, "sentinel-sensor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (rt) {
            if (o.source.pcap != null) return replay(rt);
            return live(rt, monitor);
        } catch (IOException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return 1;
        } finally {
            restore(monitor[0]);
            monitor[0] = null;
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and has been released by done
            }
        }
    }

    private static void restore(MonitorMode m) {
        if (m == null) return;
        try {
            m.restore();
        } catch (IOException e) {
            System.err.println("sentinel sensor: could not restore the interface: " + e.getMessage());
        }
    }

    private static void report(SpoolRecovery r) {
        if (r.clean()) return;
        for (SpoolRecovery.Damage d : r.damage()) System.err.println("sentinel sensor: spool tail repaired: " + d);
        if (r.committedNote() != null) System.err.println("sentinel sensor: spool: " + r.committedNote());
    }

    private int replay(SensorRuntime rt) throws IOException {
        if (!Files.isRegularFile(o.source.pcap)) {
            System.err.println("sentinel sensor: " + o.source.pcap + ": no such file");
            return Sentinel.EXIT_BAD_INPUT;
        }
        double speed = o.asFastAsPossible ? 0 : o.speed;
        int loops = o.loop ? Integer.MAX_VALUE : o.loops;
        ReplayOptions options;
        try {
            options = new ReplayOptions(speed, loops, Duration.ofSeconds(o.drainTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        rt.drainOnClose(Duration.ofSeconds(o.drainTimeoutSeconds));
        ReplaySummary s;
        try {
            s = rt.replay(o.source.pcap, options, () -> false);
        } catch (CaptureFormatException e) {
            System.err.println("sentinel sensor: " + o.source.pcap + ": " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        }
        boolean delivered = true;
        try {
            delivered = rt.awaitDelivered(Duration.ofSeconds(o.drainTimeoutSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var c = rt.counters();
        System.err.printf(Locale.ROOT, "sentinel sensor: %d frames in %.1f s (%d decoded, %d unsupported link type), %d alerts, "
                        + "%d telemetry items%s%n", s.frames(), s.wallMillis() / 1000.0, c.decoded.get(), c.unsupportedLinkType.get(),
                s.alertsOpened(), s.telemetryItems(),
                rt.spool().map(sp -> ", " + sp.pendingRecords() + " batches not yet delivered").orElse(""));
        var ev = rt.evidenceStats();
        if (ev.written() + ev.suppressedRate() + ev.suppressedConcurrent() > 0)
            System.err.printf(Locale.ROOT, "sentinel sensor: %d evidence file(s)%s%s%n", ev.written(),
                    rt.evidenceSpool().map(sp -> ", " + sp.pendingRecords() + " not yet delivered").orElse(""),
                    ev.suppressedRate() + ev.suppressedConcurrent() > 0
                            ? ", " + (ev.suppressedRate() + ev.suppressedConcurrent()) + " alert(s) over the evidence bounds got none" : "");
        rt.evidenceUplink().ifPresent(u -> u.stats().lastError().ifPresent(e -> System.err.println("sentinel sensor: last evidence upload problem: " + e)));
        rt.uplink().ifPresent(u -> u.stats().lastError().ifPresent(e -> System.err.println("sentinel sensor: last uplink problem: " + e)));
        return delivered ? 0 : 1;
    }

    private int live(SensorRuntime rt, MonitorMode[] monitor) throws IOException {
        if (Libpcap.availability().isEmpty()) {
            System.err.println("sentinel sensor: libpcap not found; install it: apt-get install libpcap0.8");
            return Sentinel.EXIT_CONFIG;
        }
        String iface = o.source.iface;
        CommandRunner runner = CommandRunner.system();
        if (!o.noMonitorSetup) monitor[0] = MonitorMode.enable(iface, runner);
        ChannelHopper hopper = null;
        if (!o.noHop) {
            List<Channel> plan = ChannelPlan.parse(o.channel != null ? o.channel : o.channels);
            HopOptions hop = new HopOptions(Duration.ofMillis(o.dwellMs), Duration.ofMillis(o.settleMs), o.adaptive,
                    Duration.ofMillis(o.minDwellMs), Duration.ofMillis(o.maxDwellMs), 0.7);
            hopper = ChannelHopper.system(iface, plan, hop, rt.coverage());
            if (plan.size() == 1) {
                if (!hopper.tune(plan.getFirst())) System.err.println("sentinel sensor: could not tune to " + plan.getFirst());
                hopper = null;
            }
        }
        LiveOptions live = new LiveOptions(iface, o.snaplen, true, false, 100, true, 8 << 20);
        rt.drainOnClose(Duration.ofSeconds(Math.min(15, o.drainTimeoutSeconds))); // within systemd's stop timeout
        try {
            System.err.println("sentinel sensor: capturing on " + iface + (hopper != null ? " (hopping)" : ""));
            rt.runLive(live, o.filter, hopper, () -> false);
            var c = rt.counters();
            System.err.printf(Locale.ROOT, "sentinel sensor: stopped: %d frames captured (%d decoded, %d unsupported link type, "
                            + "%d dropped by the kernel), %d alerts%n", c.captured.get(), c.decoded.get(), c.unsupportedLinkType.get(),
                    c.dropped(), c.alertsOpened.get());
            for (var e : rt.coverage().snapshot())
                System.err.printf(Locale.ROOT, "  channel %3d: listened %.1f s over %d visits, %d frames%n", e.channel(),
                        e.listenMillis() / 1000.0, e.visits(), e.frames());
            if (c.captured.get() > 0 && c.unsupportedLinkType.get() == c.captured.get())
                System.err.println("sentinel sensor: no 802.11 frames: is " + iface + " in monitor mode (radiotap link type)?");
            return 0;
        } catch (PcapException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return e.status() == -8 || e.status() == -5 ? Sentinel.EXIT_CONFIG : 1;
        }
    }

    /** The evidence bounds of the command line (the record checks their ranges). */
    private EvidenceOptions evidence() {
        if (o.noEvidence) return EvidenceOptions.disabled();
        return new EvidenceOptions(true, Duration.ofSeconds(o.evidencePreSeconds), o.evidenceRingMb << 20,
                Duration.ofSeconds(o.evidencePostSeconds), o.evidenceMaxKb << 10, o.evidencePerMinute,
                EvidenceOptions.defaults().maxConcurrent(), o.evidenceDiskMb << 20);
    }

    private SensorSettings settings() throws IOException {
        DetectionConfig detection = DetectionConfig.defaults();
        if (o.config != null) {
            try {
                detection = DetectionConfigFile.load(o.config);
            } catch (DetectionConfigFile.InvalidConfigException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        Path stateDir = o.stateDir != null ? o.stateDir : SensorCommand.defaultStateDir();
        SensorState state = SensorState.open(stateDir);
        Optional<SensorState.Enrolment> enrolment = state.enrolment();
        URI controller = null;
        byte[] key = null;
        String id = o.sensorId;
        if (!o.local) {
            if (o.controller != null) controller = URI.create(o.controller);
            else if (enrolment.isPresent()) controller = enrolment.get().controller();
            if (id == null && enrolment.isPresent()) id = enrolment.get().sensorId();
            if (controller != null) {
                key = state.sensorKey().orElseThrow(() -> new IllegalArgumentException("no sensor key in " + stateDir
                        + "; enrol first: sentinel sensor enroll --controller URL --sensor-id ID"));
            }
        }
        if (id == null) id = "local";
        FsyncPolicy fsync = switch (o.fsync.toLowerCase(Locale.ROOT)) {
            case "always" -> FsyncPolicy.ALWAYS;
            case "interval" -> FsyncPolicy.INTERVAL;
            case "never" -> FsyncPolicy.NEVER;
            default -> throw new IllegalArgumentException("--fsync must be always, interval or never");
        };
        if (o.spoolMaxMb < 1) throw new IllegalArgumentException("--spool-max-mb must be at least 1");
        long total = o.spoolMaxMb << 20;
        SpoolOptions spool = new SpoolOptions(Math.min(4L << 20, total / 4), total, fsync, Duration.ofSeconds(1));
        String version = Sentinel.class.getPackage().getImplementationVersion();
        SensorSettings base = SensorSettings.of(id, controller, key, stateDir);
        if (o.evidenceDir != null) base = base.withEvidenceDirectory(o.evidenceDir);
        return base
                .withEvidence(evidence())
                .withDetection(detection)
                .withInterval(Duration.ofMillis(Math.round(o.intervalSeconds * 1000)))
                .withMaxDevices(o.maxDevices)
                .withPrivacy(new PrivacyOptions(o.pseudonymize, o.hideSsids))
                .withSpool(spool)
                .withUplink(new UplinkOptions(Duration.ofMillis(Math.min(500, o.backoffMaxSeconds * 1000)),
                        Duration.ofSeconds(Math.max(1, o.backoffMaxSeconds)), 5, Duration.ofSeconds(Math.max(1, o.breakerOpenSeconds)),
                        Duration.ofMinutes(10), Duration.ofSeconds(Math.max(1, o.heartbeatSeconds))))
                .withVersion(version == null ? "dev" : version);
    }
}
