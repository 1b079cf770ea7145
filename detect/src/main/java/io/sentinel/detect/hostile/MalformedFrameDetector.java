package io.sentinel.detect.hostile;

import io.sentinel.detect.Detector;
import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Management frames shaped to crash or exploit drivers and parsers: an SSID longer than 32 bytes,
 * element lengths that overrun the frame, over-long rates or country elements, vendor elements
 * too short for an OUI. Frames the radio flagged with a bad FCS are corruption, not attack, and
 * are skipped; {@code min_frames} from one transmitter are needed so a single damaged frame from
 * a capture without FCS information stays silent.
 */
public final class MalformedFrameDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "malformed_frame", List.of("malformed_frame"),
            Set.of(Subtype.BEACON, Subtype.PROBE_RESP, Subtype.PROBE_REQ, Subtype.ASSOC_REQ, Subtype.ASSOC_RESP,
                    Subtype.REASSOC_REQ, Subtype.REASSOC_RESP, Subtype.AUTH),
            List.of(Param.count("min_frames", 2, "hostile frames from one transmitter before alerting"),
                    Param.seconds("window_s", 60, "the frames must fall within this window"),
                    Param.count("max_tracked", 4096, "transmitters tracked at most")),
            "high for over-long SSIDs and element overruns (known driver-exploit shapes), medium otherwise",
            Mitre.of(Mitre.CLIENT_EXPLOITATION),
            "Element-level sanity of management frames.")
            .limits(AlertPolicy.of("malformed_frame").by(AlertPolicy.Group.FINDING));

    private final int minFrames;
    private final long window;
    private final LongLruTable<Sender> table;

    private static final class Sender {
        int frames;
        long first;
        String lastShape;
        final AlertHandle alert = new AlertHandle();
    }

    public MalformedFrameDetector(Settings s) {
        minFrames = Math.max(1, s.count("min_frames"));
        window = s.nanos("window_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (f.radio().badFcs()) return;
        Elements e = f.elements();
        List<String> shapes = null;
        if (e.hasSsid() && e.ssidLength() > 32) shapes = add(shapes, "OVERLONG_SSID");
        if (e.overrun()) shapes = add(shapes, "ELEMENT_OVERRUN");
        int rates = e.find(1);
        if (rates >= 0 && e.length(rates) > 8) shapes = add(shapes, "OVERSIZED_RATES");
        for (int j = 0; j < e.vendorCount(); j++) {
            if (e.length(e.vendorIndex(j)) < 3) {
                shapes = add(shapes, "SHORT_VENDOR_ELEMENT");
                break;
            }
        }
        if (shapes == null) return;
        long tx = f.transmitter();
        Sender s = table.touchOrCreate(tx, now, k -> new Sender());
        if (s.frames == 0 || now - s.first > window) {
            s.frames = 0;
            s.first = now;
        }
        s.frames++;
        s.lastShape = shapes.getFirst();
        if (s.alert.grow(out, now, 1, 64)) return;
        if (s.frames < minFrames && !s.alert.isOpen()) return;
        boolean exploit = shapes.contains("OVERLONG_SSID") || shapes.contains("ELEMENT_OVERRUN");
        Finding x = Finding.of("malformed_frame", now).since(s.alert.isOpen() ? now : s.first).frames(s.alert.isOpen() ? 1 : s.frames)
                .source(tx).bssid(f.bssid()).channel(f.channel()).mitre(SPEC.mitre())
                .severity(exploit ? Severity.HIGH : Severity.MEDIUM).confidence(0.8)
                .evidence("subtype", f.subtype().json())
                .evidence("declared_ssid_length", e.hasSsid() ? e.ssidLength() : null)
                .evidence("decoder_fault", f.malformed())
                .evidence("frames", s.frames)
                .summary(String.format(Locale.ROOT, "%s sends %s frames shaped to break Wi-Fi drivers (%s).",
                        MacAddress.format(tx), f.subtype().json(), String.join(", ", shapes)));
        for (String r : shapes) x.reason(r);
        s.alert.report(out, x);
    }

    private static List<String> add(List<String> l, String s) {
        if (l == null) l = new ArrayList<>(2);
        l.add(s);
        return l;
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - 10 * window); }

    @Override
    public long stateSize() { return table.size(); }
}
