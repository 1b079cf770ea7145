package io.sentinel.app.bench;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The attacks of the time-to-alert bench: one aireplay-ng style deauthentication round (64
 * broadcast deauths with reason 7, 8 ms apart, spoofed from the AP) against each of
 * {@code attacks} access points, one attack every {@code spacing}, on channel 6. Each attack has
 * its own BSSID, so each raises its own alert; its first frame is the first evidence frame.
 */
final class AttackCapture {
    static final int FRAMES_PER_ATTACK = 64;
    static final long FRAME_GAP_NANOS = 8_000_000L;
    /** Frames the deauth detector needs before it raises an alert (its default threshold). */
    static final int DETECTOR_FRAMES = 10;
    private static final int CHANNEL_6_MHZ = 2437;

    /** One attack: the BSSID attacked and the capture time of its first frame. */
    record Attack(String bssid, long firstFrameNanos) {}

    private AttackCapture() {}

    static String bssid(int i) {
        return MacAddress.format(0x02_ad_00_00_00_00L | (i & 0xffff_ffffL));
    }

    /**
     * Writes the capture; capture times start at {@code startNanos} (epoch nanoseconds), BSSIDs
     * are numbered from {@code firstIndex}.
     */
    static List<Attack> write(Path pcap, long startNanos, int firstIndex, int attacks, long spacingNanos) throws IOException {
        List<Attack> out = new ArrayList<>(attacks);
        byte[] radiotap = new RadiotapBuilder().flags(0).channel(CHANNEL_6_MHZ).antennaSignal(-45).build();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(pcap))) {
            PcapWriter w = PcapWriter.create(file, FrameDecoder.LINKTYPE_IEEE802_11_RADIOTAP);
            for (int i = 0; i < attacks; i++) {
                long ap = MacAddress.parse(bssid(firstIndex + i));
                long t = startNanos + i * spacingNanos;
                out.add(new Attack(bssid(firstIndex + i), t));
                for (int f = 0; f < FRAMES_PER_ATTACK; f++) {
                    byte[] frame = FrameBuilder.deauth().ap(ap).destination(MacAddress.BROADCAST).reason(7).seq(f).build();
                    byte[] record = new byte[radiotap.length + frame.length];
                    System.arraycopy(radiotap, 0, record, 0, radiotap.length);
                    System.arraycopy(frame, 0, record, radiotap.length, frame.length);
                    w.write(t + f * FRAME_GAP_NANOS, record);
                }
            }
            w.flush();
        }
        return out;
    }
}
