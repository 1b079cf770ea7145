package io.sentinel.bench.sensor;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.pipeline.SensorPipeline;
import io.sentinel.sensor.radio.ChannelCoverage;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.sensor.telemetry.MacPseudonymizer;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import io.sentinel.sensor.telemetry.TelemetryAggregator;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sensor's per-frame work on one thread, in frames per second: the whole pipeline
 * (decode + detect + aggregate, as {@code sentinel sensor} runs it), and decode + aggregate
 * alone, with and without client pseudonymisation. Input: {@link SyntheticTraffic#mixedCapture}
 * (60 APs, 600 clients, 5,000 frames/s of capture time, a deauth burst), held in memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SensorPipelineBenchmark {

    static final int FRAMES = 100_000;
    static final long T0 = 1_700_000_000_000_000_000L;

    private byte[] capture;
    private final FrameDecoder decoder = new FrameDecoder();
    private long sink;

    @Setup(Level.Trial)
    public void setUp() {
        capture = SyntheticTraffic.mixedCapture(FRAMES, T0, 5000, 60, 600, 11);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeDetectAggregate() throws CaptureFormatException {
        SensorCounters counters = new SensorCounters();
        SensorPipeline p = new SensorPipeline(DetectionConfig.defaults(), 10_000_000_000L, 10_000, PrivacyOptions.NONE, java.util.Optional.empty(),
                io.sentinel.sensor.outbox.Outbox.of(a -> sink += a.size(), i -> sink += i.items().size()), counters, new ChannelCoverage(), java.util.Optional.empty(),
                io.sentinel.sensor.evidence.EvidenceRecorder.none());
        CaptureReader r = CaptureReader.of(capture);
        while (r.next()) p.accept(r.record());
        p.finish();
        return counters.decoded.get() + sink;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeAggregate() throws CaptureFormatException {
        TelemetryAggregator a = new TelemetryAggregator(10_000_000_000L, 10_000, PrivacyOptions.NONE, null,
                i -> sink += i.items().size());
        CaptureReader r = CaptureReader.of(capture);
        while (r.next()) a.observe(decoder.decode(r.record()));
        a.flush();
        return sink;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeAggregatePseudonymised() throws CaptureFormatException {
        TelemetryAggregator a = new TelemetryAggregator(10_000_000_000L, 10_000, new PrivacyOptions(true, true),
                new MacPseudonymizer(new byte[32]), i -> sink += i.items().size());
        CaptureReader r = CaptureReader.of(capture);
        while (r.next()) a.observe(decoder.decode(r.record()));
        a.flush();
        return sink;
    }
}
