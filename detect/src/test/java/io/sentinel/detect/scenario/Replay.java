package io.sentinel.detect.scenario;

import io.sentinel.detect.Alert;
import io.sentinel.detect.AlertSink;
import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.DetectionEngine;
import io.sentinel.testkit.Air;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs a capture through decode and detect and returns the final state of every alert. */
public final class Replay {
    private Replay() {}

    /** Final alert snapshots, ordered by first_seen, type and id. */
    public static List<Alert> alerts(byte[] pcap, DetectionConfig config) {
        List<Alert> out = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.create(config, (a, p) -> {
            if (p == AlertSink.Phase.CLOSED) out.add(a);
        });
        try (CaptureReader reader = CaptureReader.of(pcap)) {
            FrameDecoder decoder = new FrameDecoder();
            while (reader.next()) engine.process(decoder.decode(reader.record()));
        } catch (CaptureFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        engine.flush();
        out.sort(ORDER);
        return out;
    }

    public static List<Alert> alerts(Air air, DetectionConfig config) { return alerts(air.toPcap(), config); }

    public static final Comparator<Alert> ORDER = Comparator.comparingLong(Alert::firstSeenNanos)
            .thenComparing(Alert::type).thenComparing(Alert::id);
}
