package io.sentinel.sensor.capture;

import static io.sentinel.testkit.SyntheticTraffic.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.capture.CaptureReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapHandleTest {

    @TempDir Path dir;

    static final long AP = 0x0012_3400_0001L, CLIENT = 0x00AA_BB00_0007L;
    static final long T0 = 1_700_000_000_123_456_000L;

    @BeforeAll
    static void libpcapIsInstalled() {
        assumeTrue(Libpcap.availability().isPresent(), "libpcap not installed");
    }

    private Path capture() throws Exception {
        var p = new PcapBuilder(LINKTYPE_RADIOTAP)
                .add(T0, withRadiotap(6, -40, beacon(AP, "home", 6, true, 1, 0)))
                .add(T0 + 1000, withRadiotap(6, -70, probeRequest(CLIENT, "home", 2)))
                .add(T0 + 2000, withRadiotap(6, -41, beacon(AP, "home", 6, true, 3, 0)))
                .add(T0 + 3000, withRadiotap(6, -60, deauth(AP, CLIENT, AP, 7, 4)));
        Path f = dir.resolve("four.pcap");
        Files.write(f, p.toByteArray());
        return f;
    }

    @Test
    void libpcapReadsTheSameRecordsAsOurOwnReaderWithoutCopying() throws Exception {
        Path f = capture();
        assertThat(Libpcap.load().version()).startsWith("libpcap version");
        List<String> viaLibpcap = new ArrayList<>();
        FrameDecoder d = new FrameDecoder();
        try (PcapHandle h = PcapHandle.openOffline(f)) {
            assertThat(h.linkType()).isEqualTo(127);
            int rc;
            while ((rc = h.next()) == PcapHandle.PACKET) {
                var rec = h.record();
                assertThat(rec.segment().isNative()).isTrue(); // libpcap's own buffer
                var fr = d.decode(rec);
                viaLibpcap.add(rec.recordNumber() + " " + rec.timestampNanos() + " " + rec.capturedLength() + " "
                        + fr.subtype().json() + " " + fr.channel() + " " + fr.radio().signalDbm());
            }
            assertThat(rc).isEqualTo(PcapHandle.END);
        }
        List<String> viaReader = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(f)) {
            while (r.next()) {
                var rec = r.record();
                var fr = d.decode(rec);
                viaReader.add(rec.recordNumber() + " " + rec.timestampNanos() + " " + rec.capturedLength() + " "
                        + fr.subtype().json() + " " + fr.channel() + " " + fr.radio().signalDbm());
            }
        }
        assertThat(viaLibpcap).hasSize(4).isEqualTo(viaReader);
        assertThat(viaLibpcap.getFirst()).isEqualTo("1 " + T0 + " " + (13 + 24 + 12 + 6 + 10 + 3 + 22) + " beacon 6 -40");
    }

    @Test
    void bpfFilterKeepsOnlyWhatItSelects() throws Exception {
        Path f = capture();
        List<Subtype> seen = new ArrayList<>();
        FrameDecoder d = new FrameDecoder();
        try (PcapHandle h = PcapHandle.openOffline(f)) {
            h.setFilter("type mgt subtype beacon or type mgt subtype deauth");
            while (h.next() == PcapHandle.PACKET) seen.add(d.decode(h.record()).subtype());
        }
        assertThat(seen).containsExactly(Subtype.BEACON, Subtype.BEACON, Subtype.DEAUTH);
    }

    @Test
    void filtersCompileOnADeadHandleAndBadOnesAreRefusedWithLibpcapsReason() throws Exception {
        try (PcapHandle h = PcapHandle.openDead(127, 4096)) {
            assertThat(h.compileOnly("type mgt or (type data and ether proto 0x888e)")).isGreaterThan(3);
            assertThatThrownBy(() -> h.compileOnly("type nonsense")).isInstanceOf(PcapException.class)
                    .hasMessageContaining("bad capture filter");
        }
        assertThatThrownBy(() -> PcapHandle.openOffline(dir.resolve("missing.pcap"))).isInstanceOf(PcapException.class)
                .hasMessageContaining("missing.pcap");
    }

    @Test
    void loopbackCaptureDeliversEthernetLikePacketsThatTheDecoderReportsAsUnsupported() throws Exception {
        PcapHandle h;
        try {
            h = PcapHandle.openLive(new LiveOptions("lo", 2048, false, false, 50, true, 1 << 20));
        } catch (PcapException e) {
            assumeTrue(false, "no permission to capture on lo: " + e.getMessage());
            return;
        }
        try (h; DatagramSocket sock = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = sock.getLocalPort();
            h.setFilter("udp and dst port " + port);
            assertThat(h.linkType()).isEqualTo(1); // DLT_EN10MB on Linux loopback
            for (int i = 0; i < 3; i++) {
                byte[] msg = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
                sock.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), port));
            }
            FrameDecoder d = new FrameDecoder();
            int packets = 0, unsupported = 0, timeouts = 0;
            while (packets < 3 && timeouts < 40) {
                int rc = h.next();
                if (rc == PcapHandle.TIMEOUT) {
                    timeouts++;
                    continue;
                }
                assertThat(rc).isEqualTo(PcapHandle.PACKET);
                packets++;
                var fr = d.decode(h.record());
                if (!fr.supportedLinkType()) unsupported++;
                assertThat(h.record().capturedLength()).isEqualTo(14 + 20 + 8 + 7);
                assertThat(Math.abs(h.record().timestampNanos() - System.currentTimeMillis() * 1_000_000L)).isLessThan(10_000_000_000L);
            }
            assertThat(packets).isEqualTo(3);
            assertThat(unsupported).isEqualTo(3);
            var stats = h.stats();
            assertThat(stats.received()).isGreaterThanOrEqualTo(3);
            assertThat(stats.dropped()).isZero();
        }
    }

    @Test
    void unknownInterfaceIsReportedWithAHint() {
        assertThatThrownBy(() -> PcapHandle.openLive(LiveOptions.forInterface("nosuch0"))).isInstanceOf(PcapException.class)
                .hasMessageContaining("nosuch0");
    }
}
