package io.sentinel.wifi.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of corrupted captures (flipped bytes, overwritten lengths, cut files): opening
 * either works or throws {@link CaptureFormatException}; iterating and decoding never throws
 * and always ends.
 */
class MutatedCaptureTest {

    @Test
    void corruptedCapturesNeverThrowOutOfTheReaderOrDecoder() throws Exception {
        byte[][] seeds = {pcap(), pcapng()};
        Random rnd = new Random(1234);
        FrameDecoder decoder = new FrameDecoder();
        int opened = 0, records = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] b = seeds[round % 2].clone();
            int mutations = 1 + rnd.nextInt(8);
            for (int m = 0; m < mutations; m++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(4)) {
                    case 0 -> b[at] = (byte) rnd.nextInt(256);
                    case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 2 -> { for (int k = at; k < Math.min(b.length, at + 4); k++) b[k] = (byte) 0xff; }
                    default -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
                }
            }
            CaptureReader r;
            try {
                r = CaptureReader.of(b);
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
                continue;
            }
            opened++;
            int n = 0;
            while (r.next()) {
                Frame f = decoder.decode(r.record());
                f.ssid();
                f.security();
                n++;
                assertThat(n).isLessThanOrEqualTo(b.length / 12 + 1);
            }
            records += n;
            assertThat(r.position()).isLessThanOrEqualTo(r.size());
        }
        assertThat(opened).isGreaterThan(1000);
        assertThat(records).isGreaterThan(1000);
    }

    static byte[] frames(int i) {
        RadiotapBuilder rt = new RadiotapBuilder().tsft(i).flags(i % 2 == 0 ? 0x10 : 0).channel(2437).antennaSignal(-40)
                .radiotapNamespace().antennaSignal(-41).antenna(1);
        byte[] f = switch (i % 3) {
            case 0 -> FrameBuilder.beacon().ap("00:11:22:33:44:55").ssid("seed").rates().channel(6).rsn(Rsn.wpa2Psk()).build();
            case 1 -> FrameBuilder.deauth().ap("00:11:22:33:44:55").reason(7).build();
            default -> FrameBuilder.qosData().toDs().bssid("00:11:22:33:44:55").source("02:00:00:00:00:01")
                    .destination("02:00:00:00:00:02").llcSnap(0x0800, new byte[8]).build();
        };
        return rt.wrap(f);
    }

    static byte[] pcap() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.create(out, 127, false, ByteOrder.BIG_ENDIAN)) {
            for (int i = 0; i < 6; i++) w.write(i * 1000L, frames(i));
        }
        return out.toByteArray();
    }

    static byte[] pcapng() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(out)) {
            w.addInterface(127, 9, 5, 4);
            w.addInterface(105);
            for (int i = 0; i < 6; i++) w.writePacket(0, i * 1000L, frames(i));
            w.writeSimplePacket(frames(1));
            w.newSection(ByteOrder.BIG_ENDIAN);
            w.addInterface(192, 0x80 | 24, 0, -1);
            w.writePacket(0, 1, frames(2));
        }
        return out.toByteArray();
    }
}
