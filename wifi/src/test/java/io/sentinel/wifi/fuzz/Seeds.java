package io.sentinel.wifi.fuzz;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.build.EapolKeyBuilder;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.capture.PcapngWriter;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seed inputs for the fuzz targets. {@code main} regenerates the corpus files under
 * src/test/resources (run it from the wifi module's directory after changing the seeds).
 */
final class Seeds {
    private Seeds() {}

    static byte[] radiotapPcap(byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.create(out, FrameDecoder.LINKTYPE_IEEE802_11_RADIOTAP)) {
            w.write(1_700_000_000_000_000_000L, new RadiotapBuilder().flags(0).channel(2437).antennaSignal(-50).wrap(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] beacon() {
        return FrameBuilder.beacon().ap(0x001122334455L).ssid("Office").build();
    }

    static byte[] eapolMessage1() {
        return FrameBuilder.data().bssid(0x001122334455L).source(0x001122334455L).destination(0x66778899aabbL)
                .eapol(EapolKeyBuilder.message(1).replayCounter(1)).build();
    }

    static byte[] pcapngTwoInterfaces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = PcapngWriter.create(out, ByteOrder.BIG_ENDIAN)) {
            int a = w.addInterface(FrameDecoder.LINKTYPE_IEEE802_11);
            int b = w.addInterface(FrameDecoder.LINKTYPE_IEEE802_11, PcapngWriter.TSRESOL_NSEC, 0, 0);
            w.writePacket(a, 1_700_000_000_000_000_000L, beacon());
            w.writePacket(b, 1_700_000_000_100_000_000L, eapolMessage1());
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of("src/test/resources/io/sentinel/wifi/fuzz/CaptureFuzzTestInputs");
        Path files = Files.createDirectories(base.resolve("captureFileNeverThrowsAndAlwaysEnds"));
        Files.write(files.resolve("radiotap-beacon.pcap"), radiotapPcap(beacon()));
        Files.write(files.resolve("radiotap-eapol.pcap"), radiotapPcap(eapolMessage1()));
        Files.write(files.resolve("two-interfaces.pcapng"), pcapngTwoInterfaces());
        Path frames = Files.createDirectories(base.resolve("radiotapAndDot11DecodingNeverThrow"));
        Files.write(frames.resolve("beacon"), beacon());
        Files.write(frames.resolve("eapol-m1"), eapolMessage1());
    }
}
