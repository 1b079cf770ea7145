package io.sentinel.app;

import io.sentinel.app.frames.FramesExport;
import io.sentinel.detect.AlertSink;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.testkit.Workload;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.build.ByteRecord;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentinel bench detect [FILE]}: frames per second of decode + detect (every detector on)
 * on one thread, decode alone for comparison, and the memory a million-BSSID beacon flood leaves
 * in the engine. Without FILE a workload capture of {@code --frames} records is generated.
 */
@Command(
        name = "detect",
        aliases = {"analyze"},
        mixinStandardHelpOptions = true,
        description = {
            "Measure decode + detect (all detectors) in frames/s on one thread over FILE, or over a generated",
            "office capture with periodic attacks; then the engine's state and heap under a flood of one",
            "million random BSSIDs."
        })
public final class BenchDetectCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "pcap or pcapng capture (default: generated)")
    Path file;

    @Option(names = "--frames", defaultValue = "1000000", description = "records of the generated capture (default ${DEFAULT-VALUE})")
    long frames;

    @Option(names = "--seconds", defaultValue = "10", description = "measuring time per mode (default ${DEFAULT-VALUE}), after a third of it as warm-up")
    double seconds;

    @Option(names = "--flood", defaultValue = "1000000", description = "random BSSIDs of the memory phase, 0 to skip (default ${DEFAULT-VALUE})")
    int flood;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path capture = file;
        Path generated = null;
        if (capture == null) {
            generated = Files.createTempFile("sentinel-bench-detect", ".pcap");
            long t0 = System.nanoTime();
            long n = Workload.write(generated, frames);
            out.printf("generated %,d records (office traffic with periodic attacks) in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            capture = generated;
        }
        try (CaptureReader reader = FramesExport.open(capture)) {
            MemorySegment seg = reader.segment();
            long n = 0, alerts;
            {
                CaptureReader r = CaptureReader.of(seg);
                while (r.next()) n++;
            }
            out.printf("capture   %s: %,d records, %.1f MiB%n", file == null ? "(generated)" : capture, n, reader.size() / 1048576.0);
            if (n == 0) {
                System.err.println("sentinel bench detect: no records");
                return Sentinel.EXIT_BAD_INPUT;
            }
            alerts = pass(seg, true);
            measure(seg, false, 1 + (long) (seconds / 3 * 1e9)); // warm-up
            double[] decodeOnly = measure(seg, false, (long) (seconds * 1e9));
            measure(seg, true, 1 + (long) (seconds / 3 * 1e9));
            double[] detect = measure(seg, true, (long) (seconds * 1e9));
            out.printf("decode only        : %,12.0f frames/s wall, %,12.0f frames per CPU-second (1 thread, medians of passes)%n",
                    decodeOnly[0], decodeOnly[1]);
            out.printf("decode + detect    : %,12.0f frames/s wall, %,12.0f frames per CPU-second (21 detectors, %d alerts per pass)%n",
                    detect[0], detect[1], alerts);
            out.printf("detect cost        : %,12.0f ns of CPU per frame on top of decoding%n", 1e9 / detect[1] - 1e9 / decodeOnly[1]);
        } catch (FramesExport.BadInputException e) {
            System.err.println("sentinel bench detect: " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        } finally {
            if (generated != null) Files.deleteIfExists(generated);
        }
        if (flood > 0) floodPhase(out);
        return 0;
    }

    private long sink;

    /** One pass over the capture; returns alerts opened (detect) or a checksum (decode only). */
    private long pass(MemorySegment seg, boolean detect) throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(seg);
        FrameDecoder d = new FrameDecoder();
        if (!detect) {
            long s = 0;
            while (r.next()) s += d.decode(r.record()).sequence();
            sink += s;
            return s;
        }
        DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), AlertSink.discard());
        while (r.next()) engine.process(d.decode(r.record()));
        engine.flush();
        return engine.stats().alertsOpened();
    }

    /** Median rates of repeated passes: {frames per wall second, frames per CPU second of this thread}. */
    private double[] measure(MemorySegment seg, boolean detect, long nanos) throws CaptureFormatException {
        var threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
        long end = System.nanoTime() + nanos;
        long records = -1;
        do {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            pass(seg, detect);
            long dt = System.nanoTime() - t0;
            long dc = threads.getCurrentThreadCpuTime() - c0;
            if (records < 0) {
                CaptureReader r = CaptureReader.of(seg);
                records = 0;
                while (r.next()) records++;
            }
            wall.add(records * 1e9 / Math.max(1, dt));
            cpu.add(records * 1e9 / Math.max(1, dc));
        } while (System.nanoTime() < end);
        wall.sort(null);
        cpu.sort(null);
        return new double[] {wall.get(wall.size() / 2), cpu.get(cpu.size() / 2)};
    }

    /** A beacon flood of {@code flood} random BSSIDs and SSIDs at 10,000 beacons/s of capture time. */
    private void floodPhase(PrintStream out) {
        var mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = mem.getHeapMemoryUsage().getUsed();
        DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), AlertSink.discard());
        FrameDecoder d = new FrameDecoder();
        byte[] beacon = FrameBuilder.beacon().bssid(0x020000000001L).source(0x020000000001L).ssid("flood-xxxxxxxx").rates().channel(6).build();
        Random r = new Random(1);
        long t = 1_768_467_600_000_000_000L;
        long t0 = System.nanoTime();
        long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < flood; i++) {
            long mac = r.nextLong() & 0xFEFF_FFFF_FFFFL;
            for (int k = 0; k < 6; k++) {
                beacon[10 + k] = (byte) (mac >>> (40 - 8 * k));
                beacon[16 + k] = beacon[10 + k];
            }
            for (int k = 0; k < 8; k++) beacon[44 + k] = (byte) ('a' + r.nextInt(26));
            engine.process(d.decode(new ByteRecord(beacon, 105, i + 1, t + i * 100_000L, 0)));
        }
        double rate = flood * 1e9 / (System.nanoTime() - t0);
        double cpuRate = flood * 1e9 / Math.max(1, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0);
        engine.flush();
        System.gc();
        long after = mem.getHeapMemoryUsage().getUsed();
        var s = engine.stats();
        out.printf("beacon flood       : %,d random BSSIDs and SSIDs at %,.0f frames/s wall, %,.0f per CPU-second; %,d state entries "
                + "held (bounded by the caps), %d alert(s), heap %+.1f MiB after GC%n", flood, rate, cpuRate, s.stateEntries(),
                s.alertsOpened(), (after - before) / 1048576.0);
        if (sink == 42) out.println();
    }
}
