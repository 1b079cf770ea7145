package io.sentinel.app;

import io.sentinel.app.frames.FramesExport;
import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentinel bench decode FILE}: frames per second of read + full decode on one thread over
 * the memory-mapped capture, and tshark's rate on the same file in the same run as the reference.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Measure read + decode (addresses, SSID, RSN, channel, RSSI) in frames/s on one thread,",
            "then tshark on the same file as the reference (tshark -T fields ...), and print both."
        })
public final class BenchDecodeCommand implements Callable<Integer> {

    static final List<String> TSHARK_FIELDS = List.of("frame.number", "wlan.fc.type_subtype", "wlan.sa", "wlan.ssid",
            "radiotap.dbm_antsignal");

    @Parameters(index = "0", paramLabel = "FILE", description = "pcap or pcapng capture")
    Path file;

    @Option(names = "--seconds", defaultValue = "10", description = "measuring time for Sentinel in seconds (default ${DEFAULT-VALUE}), after a warm-up of a third of it (at least 1 s)")
    double seconds;

    @Option(names = "--no-tshark", description = "skip the tshark reference run")
    boolean noTshark;

    private long sink;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        CaptureReader reader;
        try {
            reader = FramesExport.open(file);
        } catch (FramesExport.BadInputException e) {
            System.err.println("sentinel bench decode: " + e.getMessage());
            return Sentinel.EXIT_BAD_INPUT;
        }
        try (reader) {
            MemorySegment capture = reader.segment();
            FrameDecoder decoder = new FrameDecoder();
            long frames = pass(capture, decoder);
            out.printf("capture   %s: %,d records, %.1f MiB%n", file, frames, reader.size() / 1048576.0);
            if (frames == 0) {
                System.err.println("sentinel bench decode: " + file + ": no records");
                return Sentinel.EXIT_BAD_INPUT;
            }

            runFor(capture, decoder, (long) (Math.max(1, seconds / 3) * 1e9)); // warm-up
            Rates rates = runFor(capture, decoder, (long) (seconds * 1e9));
            double wall = median(rates.wall()), cpu = median(rates.cpu());
            out.printf("sentinel  read+decode, 1 thread: %,.0f frames/s wall, %,.0f frames per CPU-second "
                    + "(medians of %d passes; %.0f ns of CPU per frame)%n", wall, cpu, rates.wall().size(), 1e9 / cpu);
            if (!noTshark) {
                double[] tshark = tshark(frames);
                if (tshark != null) {
                    out.printf("ratio     %.0fx tshark (wall), %.0fx (CPU)%n", wall / tshark[0],
                            tshark[1] > 0 ? cpu / tshark[1] : Double.NaN);
                }
            }
            if (sink == 42) out.println(); // keeps the decode results alive
            return 0;
        }
    }

    /** Decodes the whole capture once; returns the frames seen. */
    private long pass(MemorySegment capture, FrameDecoder decoder) throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(capture);
        long n = 0, s = 0;
        while (r.next()) {
            Frame f = decoder.decode(r.record());
            s += f.bssid() ^ f.source() ^ f.destination() ^ f.sequence() ^ f.channel() ^ f.radio().signalDbm();
            Elements e = f.elements();
            if (e != null) s += e.ssidHash();
            Security sec = f.security();
            if (sec != null && sec.label() != null) s += sec.label().length();
            n++;
        }
        sink += s;
        return n;
    }

    /** Per-pass rates: frames per wall-clock second and per second of this thread's CPU time. */
    private record Rates(List<Double> wall, List<Double> cpu) {}

    private Rates runFor(MemorySegment capture, FrameDecoder decoder, long nanos) throws CaptureFormatException {
        var threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
        long end = System.nanoTime() + nanos;
        do {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long n = pass(capture, decoder);
            long dt = System.nanoTime() - t0;
            long dc = threads.getCurrentThreadCpuTime() - c0;
            wall.add(n * 1e9 / Math.max(1, dt));
            cpu.add(n * 1e9 / Math.max(1, dc));
        } while (System.nanoTime() < end);
        return new Rates(wall, cpu);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /**
     * Runs tshark with field output over the file (under /usr/bin/time when present, for its CPU
     * time); returns {frames per wall second, frames per CPU second or -1}, or null without tshark.
     */
    private double[] tshark(long frames) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Arrays.asList("tshark", "-n", "-r", file.toString(), "-T", "fields"));
        for (String f : TSHARK_FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        String version;
        try {
            Process v = new ProcessBuilder("tshark", "-v").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            version = new String(v.getInputStream().readAllBytes()).lines().filter(l -> l.startsWith("TShark"))
                    .findFirst().orElse("tshark").trim();
            v.waitFor();
        } catch (IOException e) {
            System.out.println("tshark    not installed: no reference run");
            return null;
        }
        String shown = String.join(" ", cmd.subList(4, cmd.size()));
        Path times = null;
        List<String> run = cmd;
        if (Files.isExecutable(Path.of("/usr/bin/time"))) {
            times = Files.createTempFile("sentinel-bench-tshark", ".time");
            run = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
            run.addAll(cmd);
        }
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(run).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                p.destroy();
                System.out.println("tshark    failed (" + (p.isAlive() ? "timeout" : "exit " + p.exitValue()) + ")");
                return null;
            }
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = -1;
            if (times != null) {
                String[] us = Files.readString(times).trim().split("\\s+");
                if (us.length == 2) cpuSeconds = Double.parseDouble(us[0]) + Double.parseDouble(us[1]);
            }
            double wall = frames / wallSeconds, cpu = cpuSeconds > 0 ? frames / cpuSeconds : -1;
            System.out.printf("tshark    %s, %s: %,.0f frames/s wall (%.1f s)%s%n", version, shown, wall, wallSeconds,
                    cpu > 0 ? String.format(", %,.0f frames per CPU-second", cpu) : "");
            return new double[] {wall, cpu};
        } finally {
            if (times != null) Files.deleteIfExists(times);
        }
    }
}
