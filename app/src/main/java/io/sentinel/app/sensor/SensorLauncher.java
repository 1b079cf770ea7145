package io.sentinel.app.sensor;

import io.sentinel.app.Sentinel;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.capture.Libpcap;
import io.sentinel.sensor.capture.LiveOptions;
import io.sentinel.sensor.capture.PcapException;
import io.sentinel.sensor.radio.Channel;
import io.sentinel.sensor.radio.ChannelHopper;
import io.sentinel.sensor.radio.CommandRunner;
import io.sentinel.sensor.radio.MonitorMode;
import io.sentinel.sensor.spool.SpoolRecovery;
import io.sentinel.wifi.capture.CaptureFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a {@link SensorPlan} (what {@code sentinel sensor} was asked to do) on a {@link SensorRuntime}. */
public final class SensorLauncher {
    private final SensorPlan plan;

    public SensorLauncher(SensorPlan plan) {
        this.plan = plan;
    }

    public int run() {
        SensorSettings settings = plan.settings();
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
            return switch (plan.source()) {
                case SensorPlan.Replay r -> replay(rt, r);
                case SensorPlan.Live l -> live(rt, l, monitor);
            };
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

    private int replay(SensorRuntime rt, SensorPlan.Replay r) throws IOException {
        if (!Files.isRegularFile(r.pcap())) {
            System.err.println("sentinel sensor: " + r.pcap() + ": no such file");
            return Sentinel.EXIT_BAD_INPUT;
        }
        ReplayOptions options;
        try {
            options = new ReplayOptions(r.speed(), r.loops(), plan.drainTimeout());
        } catch (IllegalArgumentException e) {
            System.err.println("sentinel sensor: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        rt.drainOnClose(plan.drainTimeout());
        ReplaySummary s;
        try {
            s = rt.replay(r.pcap(), options, () -> false);
        } catch (CaptureFormatException e) {
            System.err.println("sentinel sensor: " + r.pcap() + ": " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        }
        boolean delivered = true;
        try {
            delivered = rt.awaitDelivered(plan.drainTimeout());
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

    private int live(SensorRuntime rt, SensorPlan.Live l, MonitorMode[] monitor) throws IOException {
        if (Libpcap.availability().isEmpty()) {
            System.err.println("sentinel sensor: libpcap not found; install it: apt-get install libpcap0.8");
            return Sentinel.EXIT_CONFIG;
        }
        String iface = l.iface();
        CommandRunner runner = CommandRunner.system();
        if (l.setUpMonitorMode()) monitor[0] = MonitorMode.enable(iface, runner);
        ChannelHopper hopper = null;
        if (l.hopping().isPresent()) {
            List<Channel> channels = l.hopping().get().channels();
            hopper = ChannelHopper.system(iface, channels, l.hopping().get().options(), rt.coverage());
            if (channels.size() == 1) {
                if (!hopper.tune(channels.getFirst())) System.err.println("sentinel sensor: could not tune to " + channels.getFirst());
                hopper = null;
            }
        }
        LiveOptions live = new LiveOptions(iface, l.snaplen(), true, false, 100, true, 8 << 20);
        rt.drainOnClose(plan.drainTimeout().compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : plan.drainTimeout()); // within systemd's stop timeout
        try {
            System.err.println("sentinel sensor: capturing on " + iface + (hopper != null ? " (hopping)" : ""));
            rt.runLive(live, l.filter().orElse(null), hopper, () -> false);
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
}
