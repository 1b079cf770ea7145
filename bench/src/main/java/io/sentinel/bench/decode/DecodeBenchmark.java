package io.sentinel.bench.decode;

import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import io.sentinel.wifi.radio.MutableRadio;
import io.sentinel.wifi.radio.RadiotapDecoder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Read + decode per frame over a memory-mapped capture ({@link DecodeWorkload}, 100k records):
 * the pcap walk, radiotap, 802.11 header, management body, elements and security, then the
 * reads a detector makes. Scores are frames per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DecodeBenchmark {

    static final int FRAMES = 100_000;

    private Path file;
    private CaptureReader mapped;
    private MemorySegment capture;
    private final FrameDecoder decoder = new FrameDecoder();
    private final MutableRadio radio = new MutableRadio();

    @Setup(Level.Trial)
    public void setUp() throws IOException, CaptureFormatException {
        file = Files.createTempFile("sentinel-decode-bench", ".pcap");
        DecodeWorkload.write(file, FRAMES);
        mapped = CaptureReader.open(file);
        capture = mapped.segment();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        mapped.close();
        Files.deleteIfExists(file);
    }

    /** Only the capture walk: what the container format costs. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readOnly() throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(capture);
        long sum = 0;
        while (r.next()) sum += r.record().capturedLength();
        return sum;
    }

    /** The capture walk plus the radiotap header: what the radio layer costs. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readAndRadiotap() throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(capture);
        long sum = 0;
        while (r.next()) {
            var rec = r.record();
            radio.reset();
            sum += RadiotapDecoder.decode(rec.segment(), rec.dataOffset(), rec.capturedLength(), radio) + radio.signalDbm();
        }
        return sum;
    }

    /** The full read + decode with the fields a detector reads. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void readAndDecode(Blackhole bh) throws CaptureFormatException {
        CaptureReader r = CaptureReader.of(capture);
        while (r.next()) consume(decoder.decode(r.record()), bh);
    }

    static void consume(Frame f, Blackhole bh) {
        bh.consume(f.subtype());
        bh.consume(f.bssid());
        bh.consume(f.source());
        bh.consume(f.destination());
        bh.consume(f.sequence());
        bh.consume(f.channel());
        bh.consume(f.radio().signalDbm());
        Elements e = f.elements();
        if (e != null) bh.consume(e.ssidHash());
        Security s = f.security();
        if (s != null) bh.consume(s.label());
    }
}
