package io.sentinel.app.frames;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.testkit.SyntheticTraffic;
import io.sentinel.wifi.EapolKey;
import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Radio;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.capture.CaptureReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
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
 * Whether {@code sentinel frames} keeps its own JSON Lines writer: the same decoded frames
 * written by {@link FrameJson} + {@link JsonLineWriter} and by a careful Jackson streaming writer
 * (the protocol's one JSON library, one {@link JsonGenerator} reused, scratch buffers for MACs,
 * timestamps and SSIDs), both into a discarding stream; {@code decodeOnly} is the floor. The two
 * writers' output is checked to be the same JSON before measuring.
 *
 * <pre>
 * scripts/mvn -o -q -pl app -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/app-test.cp
 * java -cp app/target/test-classes:app/target/classes:$(cat /tmp/app-test.cp) org.openjdk.jmh.Main FramesJsonBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramesJsonBenchmark {
    static final int FRAMES = 100_000;
    private static final long T0 = 1_700_000_000_000_000_000L;

    private byte[] capture;
    private final FrameDecoder decoder = new FrameDecoder();
    private final OutputStream sink = OutputStream.nullOutputStream();
    private JsonLineWriter own;
    private JsonGenerator jackson;
    private final JacksonFrames jacksonFrames = new JacksonFrames();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        capture = SyntheticTraffic.mixedCapture(FRAMES, T0, 2000, 20, 200, 7);
        own = new JsonLineWriter(sink);
        jackson = Wire.mapper().getFactory().createGenerator(sink, JsonEncoding.UTF8);
        sameJson();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        jackson.close();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decodeOnly() throws Exception {
        long sum = 0;
        try (CaptureReader r = CaptureReader.of(capture)) {
            while (r.next()) sum += decoder.decode(r.record()).capturedLength();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void ownWriter() throws Exception {
        try (CaptureReader r = CaptureReader.of(capture)) {
            while (r.next()) FrameJson.write(decoder.decode(r.record()), r.timestampDigits(), own);
        }
        own.flush();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void jacksonWriter() throws Exception {
        try (CaptureReader r = CaptureReader.of(capture)) {
            while (r.next()) jacksonFrames.write(decoder.decode(r.record()), r.timestampDigits(), jackson);
        }
        jackson.flush();
    }

    /** Both writers produce the same JSON for every frame of the workload. */
    private void sameJson() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JsonLineWriter w = new JsonLineWriter(a);
                JsonGenerator g = Wire.mapper().getFactory().createGenerator(b, JsonEncoding.UTF8);
                CaptureReader r = CaptureReader.of(capture)) {
            while (r.next()) {
                Frame f = decoder.decode(r.record());
                FrameJson.write(f, r.timestampDigits(), w);
                jacksonFrames.write(f, r.timestampDigits(), g);
            }
        }
        String[] mine = a.toString(StandardCharsets.UTF_8).split("\n");
        String[] theirs = b.toString(StandardCharsets.UTF_8).split("\n");
        if (mine.length != theirs.length) throw new IllegalStateException(mine.length + " vs " + theirs.length + " lines");
        for (int i = 0; i < mine.length; i++) {
            JsonNode x = Wire.mapper().readTree(mine[i]);
            JsonNode y = Wire.mapper().readTree(theirs[i]);
            if (!x.equals(y)) throw new IllegalStateException("line " + (i + 1) + " differs:\n" + mine[i] + "\n" + theirs[i]);
        }
    }

    /** {@link FrameJson}'s keys and values through Jackson's streaming generator, allocating as little as it can. */
    static final class JacksonFrames {
        private final char[] scratch = new char[64];
        private final byte[] ssid = new byte[256];
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        void write(Frame f, int digits, JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("n", f.recordNumber());
            g.writeFieldName("ts");
            g.writeRawValue(scratch, 0, timestamp(f.timestampNanos(), digits));
            g.writeNumberField("len", f.capturedLength());
            if (!f.supportedLinkType()) {
                g.writeStringField("malformed", f.linkType() < 0 ? "record of an interface the file does not describe"
                        : "unsupported link type " + f.linkType());
                g.writeEndObject();
                g.writeRaw('\n');
                return;
            }
            if (f.hasDot11() && f.type() != null) {
                g.writeStringField("type", f.type().json());
                if (f.subtype() != null) g.writeStringField("subtype", f.subtype().json());
            }
            mac(g, "bssid", f.bssid());
            mac(g, "src", f.source());
            mac(g, "dst", f.destination());
            Elements e = f.elements();
            if (e != null && e.hasSsid() && e.ssidOffset() >= 0) {
                MemorySegment seg = e.segment();
                long off = e.ssidOffset();
                int len = (int) Math.max(0, Math.min(e.ssidLength(), seg.byteSize() - off));
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, ssid, 0, len);
                if (JsonLineWriter.validUtf8(seg, off, len)) {
                    g.writeFieldName("ssid");
                    g.writeUTF8String(ssid, 0, len);
                } else {
                    g.writeFieldName("ssid_hex");
                    char[] hex = new char[2 * len];
                    for (int i = 0; i < len; i++) {
                        hex[2 * i] = HEX[(ssid[i] >> 4) & 0xf];
                        hex[2 * i + 1] = HEX[ssid[i] & 0xf];
                    }
                    g.writeString(hex, 0, hex.length);
                }
            }
            if (f.freqMhz() > 0) g.writeNumberField("freq_mhz", f.freqMhz());
            if (f.channel() > 0) g.writeNumberField("channel", f.channel());
            Radio radio = f.radio();
            if (radio != null && radio.hasSignal()) g.writeNumberField("rssi_dbm", radio.signalDbm());
            if (f.hasSequence() && f.sequence() >= 0) g.writeNumberField("seq", f.sequence());
            if (f.reasonCode() >= 0) g.writeNumberField("reason", f.reasonCode());
            Security s = f.security();
            if (s != null && s.known() && s.label() != null) g.writeStringField("security", s.label());
            EapolKey k = f.eapolKey();
            if (k != null && k.present()) {
                g.writeObjectFieldStart("eapol");
                int msg = k.message();
                if (msg >= 1 && msg <= 4) g.writeNumberField("msg", msg);
                else if (k.groupHandshake()) g.writeBooleanField("group", true);
                g.writeFieldName("replay_counter");
                g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(k.replayCounter())));
                g.writeBooleanField("pmkid", k.hasPmkid());
                g.writeEndObject();
            }
            if (f.malformed() != null) g.writeStringField("malformed", f.malformed());
            g.writeEndObject();
            g.writeRaw('\n');
        }

        private void mac(JsonGenerator g, String key, long mac) throws IOException {
            if (mac == MacAddress.NONE) return;
            for (int i = 0; i < 6; i++) {
                int b = (int) (mac >>> (40 - 8 * i)) & 0xff;
                scratch[3 * i] = HEX[b >> 4];
                scratch[3 * i + 1] = HEX[b & 0xf];
                if (i < 5) scratch[3 * i + 2] = ':';
            }
            g.writeFieldName(key);
            g.writeString(scratch, 0, 17);
        }

        /** Seconds with exactly {@code digits} decimals, into the scratch buffer; returns the length. */
        private int timestamp(long nanos, int digits) {
            long sec = Math.floorDiv(nanos, 1_000_000_000L);
            long frac = Math.floorMod(nanos, 1_000_000_000L);
            if (digits == 6) frac /= 1000;
            String s = Long.toString(sec);
            s.getChars(0, s.length(), scratch, 0);
            int p = s.length();
            scratch[p++] = '.';
            for (int d = digits - 1; d >= 0; d--) {
                scratch[p + d] = (char) ('0' + frac % 10);
                frac /= 10;
            }
            return p + digits;
        }
    }
}
