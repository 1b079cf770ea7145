import io.sentinel.testkit.SyntheticTraffic;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stack trial's capture: SEGMENTS stretches of mixed office traffic (40 APs, 200 clients,
 * 100 frames/s), each with its deauth flood, SEGMENT_S seconds apart from START (epoch seconds).
 *   java -cp 'app/target/lib/*' ops/trial/MakeCapture.java OUT START SEGMENTS SEGMENT_S
 */
public final class MakeCapture {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        int segments = Integer.parseInt(args[2]);
        int segmentSeconds = Integer.parseInt(args[3]);
        int rate = 100;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            var pcap = new SyntheticTraffic.PcapBuilder(SyntheticTraffic.LINKTYPE_RADIOTAP, os);
            for (int s = 0; s < segments; s++) {
                long t0 = (start + (long) s * segmentSeconds) * 1_000_000_000L;
                SyntheticTraffic.mixedCapture(pcap, segmentSeconds * rate, t0, rate, 40, 200, 1000 + s);
            }
            System.out.println(pcap.records() + " frames");
        }
    }
}
