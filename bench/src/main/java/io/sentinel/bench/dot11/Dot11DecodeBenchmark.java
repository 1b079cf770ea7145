package io.sentinel.bench.dot11;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.ByteRecord;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.dot11.DecodedFrame;
import io.sentinel.wifi.dot11.Dot11Decoder;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Dot11Decoder#decode} on a realistic beacon (SSID, rates, DS, TIM, country, RSN, HT/VHT,
 * extended capabilities, WPS and two vendor elements: 192 bytes) and on an EAPOL-Key
 * message 1 with a PMKID, each followed by the reads a detector makes (addresses, SSID hash,
 * channel, security label, EAPOL message). One reused frame, as in the sensor.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Dot11DecodeBenchmark} (see docs/frames.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Dot11DecodeBenchmark {

    private static final long AP = MacAddress.parse("00:11:22:33:44:55"), STA = MacAddress.parse("02:aa:bb:cc:dd:ee");

    private final DecodedFrame frame = new DecodedFrame();
    private ByteRecord[] mix;
    private int next;
    private ByteRecord beaconRecord, eapolRecord;
    private MemorySegment beacon, eapol;
    private int beaconLength, eapolLength;

    /** The beacon the benchmark decodes (also used by tests of the benchmark's inputs). */
    public static byte[] beaconBytes() {
        return FrameBuilder.beacon().ap(AP).seq(1234).ssid("CorporateWiFi-5G").rates().channel(36).tim(0, 1).country("DE")
                .rsn(Rsn.transition()).htCapabilities().vhtCapabilities().extendedCapabilities().wps()
                .vendor(0x0017F2, (byte) 0x0A, (byte) 0, (byte) 1).vendor(0x001018, (byte) 2, (byte) 0, (byte) 0x10, (byte) 0)
                .build();
    }

    public static byte[] eapolBytes() {
        byte[] pmkid = new byte[16];
        for (int i = 0; i < 16; i++) pmkid[i] = (byte) (i * 17);
        return FrameBuilder.eapolFromAp(AP, STA, EapolKeyBuilder.message(1).replayCounter(1).pmkid(pmkid)).seq(7).build();
    }

    /** A management-heavy mix as a sensor on a busy channel sees it: mostly beacons and probes, some data and control. */
    public static byte[][] mixBytes() {
        long ap2 = MacAddress.parse("00:11:22:33:44:66");
        return new byte[][] {
                beaconBytes(),
                FrameBuilder.beacon().ap(ap2).seq(99).ssid("Guest").rates().channel(6).tim(0, 3).htCapabilities().build(),
                FrameBuilder.beacon().ap(AP).seq(1235).ssid("CorporateWiFi-5G").rates().channel(36).rsn(Rsn.transition()).build(),
                FrameBuilder.probeRequest().source(STA).seq(10).ssid("").rates().extendedRates(48, 72, 96, 108).htCapabilities().build(),
                FrameBuilder.probeRequest().source(STA).seq(11).ssid("HomeNet").rates().build(),
                FrameBuilder.probeResponse().ap(AP).destination(STA).seq(12).ssid("CorporateWiFi-5G").rates().channel(36)
                        .rsn(Rsn.transition()).htCapabilities().vhtCapabilities().build(),
                FrameBuilder.qosData().fromDs().bssid(AP).source(ap2).destination(STA).seq(13).ccmp(1234, 0).ciphertext(80).build(),
                FrameBuilder.ack().receiver(AP).build(),
                FrameBuilder.rts().receiver(AP).transmitter(STA).build(),
                FrameBuilder.deauth().ap(AP).destination(STA).reason(7).seq(14).build(),
                FrameBuilder.auth().bssid(AP).destination(AP).source(STA).seq(15).build(),
                FrameBuilder.nullData().toDs().bssid(AP).source(STA).destination(AP).seq(16).build(),
                eapolBytes(),
                FrameBuilder.blockAck().receiver(STA).transmitter(AP).build(),
                FrameBuilder.beacon().ap(ap2).seq(100).ssid("Guest").rates().channel(6).tim(1, 3).htCapabilities().build(),
                FrameBuilder.action().ap(AP).destination(STA).category(3).actionCode(1).payload(new byte[8]).build(),
        };
    }

    @Setup
    public void setUp() {
        byte[][] m = mixBytes();
        mix = new ByteRecord[m.length];
        for (int i = 0; i < m.length; i++) mix[i] = ByteRecord.dot11(m[i]);
        beaconRecord = ByteRecord.dot11(beaconBytes());
        eapolRecord = ByteRecord.dot11(eapolBytes());
        beacon = beaconRecord.segment();
        eapol = eapolRecord.segment();
        beaconLength = (int) beacon.byteSize();
        eapolLength = (int) eapol.byteSize();
    }

    @Benchmark
    public long beacon() {
        DecodedFrame f = frame;
        f.reset(beaconRecord);
        Dot11Decoder.decode(beacon, 0, beaconLength, false, f);
        return f.bssid() ^ f.source() ^ f.elements().ssidHash() ^ f.channel() ^ f.security().strength()
                ^ f.sequence() ^ System.identityHashCode(f.security().label());
    }

    /** One frame of the mix per call (the JMH score is frames/s). */
    @Benchmark
    public long mixed() {
        ByteRecord r = mix[next];
        next = (next + 1) & 15;
        DecodedFrame f = frame;
        f.reset(r);
        MemorySegment s = r.segment();
        Dot11Decoder.decode(s, 0, (int) s.byteSize(), false, f);
        return f.bssid() ^ f.source() ^ f.elements().ssidHash() ^ f.channel() ^ f.security().strength() ^ f.sequence()
                ^ f.eapolKey().message();
    }

    @Benchmark
    public long eapol() {
        DecodedFrame f = frame;
        f.reset(eapolRecord);
        Dot11Decoder.decode(eapol, 0, eapolLength, false, f);
        var k = f.eapolKey();
        return f.bssid() ^ f.destination() ^ k.message() ^ k.replayCounter() ^ k.pmkidOffset() ^ k.nonceHash();
    }
}
