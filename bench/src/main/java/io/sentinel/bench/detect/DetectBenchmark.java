package io.sentinel.bench.detect;

import io.sentinel.detect.AlertSink;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.testkit.Workload;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + detect per frame with every detector on, over the benchmark workload (office traffic
 * with periodic attacks, {@link Workload}), against decode alone. Scores are frames per second
 * on one thread. A fresh engine per pass: each pass replays the same capture time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DetectBenchmark {

    static final int FRAMES = 200_000;

    private Path file;
    private CaptureReader mapped;
    private final FrameDecoder decoder = new FrameDecoder();

    @Setup(Level.Trial)
    public void setUp() throws IOException, CaptureFormatException {
        file = Files.createTempFile("sentinel-detect-bench", ".pcap");
        Workload.write(file, FRAMES);
        mapped = CaptureReader.open(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mapped.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeAndDetect() throws CaptureFormatException {
        DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), AlertSink.discard());
        CaptureReader r = CaptureReader.of(mapped.segment());
        while (r.next()) engine.process(decoder.decode(r.record()));
        engine.flush();
        return engine.stats().alertsOpened();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeOnly() throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(mapped.segment());
        long s = 0;
        while (r.next()) s += decoder.decode(r.record()).sequence();
        return s;
    }
}
