package io.sentinel.app.sensor;

import com.sun.management.OperatingSystemMXBean;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.pipeline.SensorPipeline;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.wifi.capture.CaptureReader;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurements of {@code sentinel bench sensor}. Phase 1 replays a capture paced at a fixed
 * frame rate through the real {@link SensorRuntime} (local mode: detection, aggregation, alerts
 * to a discarding stream) and samples VmRSS every second and the process CPU time. Phase 2 runs
 * the {@link SensorPipeline} over the capture in memory, as fast as one thread can, and counts
 * frames per second.
 */
public final class SensorBench {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final Path pcap;
    private final int rate;
    private final int seconds;
    private final int fullSpeedSeconds;
    private final boolean skipPaced;
    private final PrintStream out;
    private final String jvmOptions;

    /** The JVM options of the packaged sensor service (ops/sensor/sentinel-sensor.service). */
    public static final String SERVICE_JVM_OPTIONS =
            "-XX:+UseSerialGC -Xmx48m -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m -XX:CICompilerCount=2";

    public SensorBench(Path pcap, int rate, int seconds, int fullSpeedSeconds, boolean skipPaced, String jvmOptions,
            PrintStream out) {
        this.jvmOptions = jvmOptions;
        this.pcap = pcap;
        this.rate = rate;
        this.seconds = seconds;
        this.fullSpeedSeconds = fullSpeedSeconds;
        this.skipPaced = skipPaced;
        this.out = out;
    }

    public int run() throws Exception {
        Path work = Files.createTempDirectory("sentinel-bench-sensor-");
        try {
            Path capture = pcap;
            if (capture == null) {
                capture = work.resolve("synthetic.pcap");
                // 20 s of traffic at the paced rate: 60 APs, 600 clients, a deauth burst in the middle
                try (var os = new java.io.BufferedOutputStream(Files.newOutputStream(capture), 1 << 16)) {
                    SyntheticTraffic.mixedCapture(new SyntheticTraffic.PcapBuilder(SyntheticTraffic.LINKTYPE_RADIOTAP, os),
                            rate * 20, T0, rate, 60, 600, 11);
                }
            }
            out.printf(Locale.ROOT, "capture: %s (%d bytes)%n", pcap == null ? "synthetic, " + rate + " frames/s" : capture,
                    Files.size(capture));
            out.println("driver JVM: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            if (!skipPaced) pacedInChild(capture, work);
            fullSpeed(capture);
            out.printf(Locale.ROOT, "machine: %d CPUs, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return 0;
        } finally {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Runs the paced phase in a fresh JVM with the service's memory options, so that what is
     * measured is a sensor process, not this benchmark driver (which holds the capture in memory
     * for phase 2 and has compiled more code).
     */
    private void pacedInChild(Path capture, Path work) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(List.of(jvmOptions.trim().split("\\s+")));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SensorBench.class.getName(), capture.toString(), work.toString(), Integer.toString(seconds)));
        out.println("paced phase JVM: " + jvmOptions);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(out);
        int rc = p.waitFor();
        if (rc != 0) throw new IllegalStateException("paced phase failed with exit code " + rc);
    }

    /** Entry point of the child JVM of the paced phase: CAPTURE WORKDIR SECONDS. */
    public static void main(String[] args) throws Exception {
        SensorBench b = new SensorBench(Path.of(args[0]), 0, Integer.parseInt(args[2]), 0, false, "", System.out);
        b.paced(Path.of(args[0]), Path.of(args[1]));
    }

    private void paced(Path capture, Path work) throws Exception {
        double speed = 1.0; // paced by the capture itself (the synthetic one is generated at --rate)
        SensorSettings s = SensorSettings.of("bench", null, null, work.resolve("state"));
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long endAt = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong maxRss = new AtomicLong();
        long cpu0, wall0, framesAtStart;
        try (SensorRuntime rt = SensorRuntime.open(s, nowhere)) {
            long warm = System.nanoTime() + 5_000_000_000L; // warm-up: JIT, first intervals
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxRss.accumulateAndGet(rssKb(), Math::max);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long[] mark = new long[3];
            Thread marker = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(Math.max(0, (warm - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                mark[0] = os.getProcessCpuTime();
                mark[1] = System.nanoTime();
                mark[2] = rt.counters().captured.get();
            });
            rt.replay(capture, new ReplayOptions(speed, Integer.MAX_VALUE, java.time.Duration.ZERO),
                    () -> System.nanoTime() > endAt + 5_000_000_000L);
            long cpu1 = os.getProcessCpuTime(), wall1 = System.nanoTime();
            marker.join();
            sampler.interrupt();
            cpu0 = mark[0];
            wall0 = mark[1];
            framesAtStart = mark[2];
            SensorCounters c = rt.counters();
            long frames = c.captured.get() - framesAtStart;
            double secs = (wall1 - wall0) / 1e9;
            out.printf(Locale.ROOT, "paced replay: %.0f frames/s for %.1f s (after 5 s warm-up): CPU %.1f%% of one core, "
                            + "RSS max %.1f MB, now %.1f MB, heap used %.1f MB; %d alerts, %d telemetry items%n",
                    frames / secs, secs, 100.0 * (cpu1 - cpu0) / (wall1 - wall0), maxRss.get() / 1024.0, rssKb() / 1024.0,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0,
                    c.alertsOpened.get(), c.telemetryItems.get());
        }
    }

    private void fullSpeed(Path capture) throws Exception {
        byte[] bytes = Files.readAllBytes(capture);
        SensorCounters counters = new SensorCounters();
        AtomicLong items = new AtomicLong(), alerts = new AtomicLong();
        SensorPipeline p = new SensorPipeline(DetectionConfig.defaults(), 10_000_000_000L, 10_000, PrivacyOptions.NONE, java.util.Optional.empty(),
                io.sentinel.sensor.outbox.Outbox.of(a -> alerts.addAndGet(a.size()), i -> items.addAndGet(i.items().size())), counters, new ChannelCoverage(), java.util.Optional.empty(),
                io.sentinel.sensor.evidence.EvidenceRecorder.none());
        MutableCaptureRecord shifted = new MutableCaptureRecord();
        long offset = 0, frames = 0;
        long warmEnd = System.nanoTime() + Math.min(5, fullSpeedSeconds) * 1_000_000_000L;
        long start = 0, startFrames = 0;
        long end = warmEnd + fullSpeedSeconds * 1_000_000_000L;
        boolean measuring = false;
        while (true) {
            long first = Long.MIN_VALUE, last = 0;
            try (CaptureReader r = CaptureReader.of(bytes)) {
                while (r.next()) {
                    var rec = r.record();
                    if (first == Long.MIN_VALUE) first = rec.timestampNanos();
                    last = rec.timestampNanos();
                    shifted.set(rec.recordNumber(), rec.timestampNanos() + offset, rec.linkType(), rec.interfaceId(), rec.segment(),
                            rec.dataOffset(), rec.capturedLength(), rec.originalLength(), rec.fcsLength());
                    p.accept(shifted);
                    frames++;
                }
            }
            offset += last - first + 1_000_000_000L;
            long now = System.nanoTime();
            if (!measuring && now >= warmEnd) {
                measuring = true;
                start = now;
                startFrames = frames;
            } else if (measuring && now >= end) {
                p.finish();
                double secs = (now - start) / 1e9;
                out.printf(Locale.ROOT, "full speed: %.0f frames/s through decode + detect + aggregate (one thread, %.1f s, "
                                + "%d frames; %d alert snapshots, %d telemetry items)%n",
                        (frames - startFrames) / secs, secs, frames - startFrames, alerts.get(), items.get());
                return;
            }
        }
    }

    /** VmRSS of this process in kB (Linux), or -1. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
