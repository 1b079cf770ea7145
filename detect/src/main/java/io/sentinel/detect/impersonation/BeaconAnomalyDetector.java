package io.sentinel.detect.impersonation;

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
import io.sentinel.detect.state.EventWindow;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Beacons of a known BSSID that disagree with its own history: the TSF jumps away from where the
 * AP's clock should be, the beacon interval or the DS channel changes. One change is a reboot or
 * a reconfiguration; repeated flips within a window mean two transmitters share the BSSID (a
 * spoofed AP interleaving its beacons with the real one).
 */
public final class BeaconAnomalyDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "beacon_anomaly", List.of("beacon_anomaly"), Set.of(Subtype.BEACON),
            List.of(Param.count("learn_beacons", 10, "beacons of a BSSID before anomalies are counted"),
                    Param.count("threshold", 4, "anomalies (TSF jump, interval or channel change) within the window"),
                    Param.seconds("window_s", 60, "the anomalies must fall within this window"),
                    Param.seconds("tsf_tolerance_s", 0.5, "allowed drift between TSF progress and capture-time progress"),
                    Param.seconds("state_ttl_s", 600, "forget a BSSID after this long unheard"),
                    Param.count("max_tracked", 16384, "BSSIDs tracked at most")),
            "high when the TSF and another field flip, medium otherwise",
            Mitre.of(Mitre.AITM),
            "Per BSSID: TSF continuity against capture time, beacon interval and DS channel stability.")
            .limits(AlertPolicy.of("beacon_anomaly").by(AlertPolicy.Group.BSSID).hold(300));

    private final int learn, threshold;
    private final long window, tolerance, ttl;
    private final LongLruTable<Bss> table;

    private static final class Bss {
        long beacons, lastTsf = -1, lastTime;
        int interval = -1, channel = -1;
        final EventWindow anomalies;
        int tsfJumps, intervalChanges, channelChanges;
        final AlertHandle alert = new AlertHandle();

        Bss(int threshold) { anomalies = new EventWindow(threshold); }
    }

    public BeaconAnomalyDetector(Settings s) {
        learn = s.count("learn_beacons");
        threshold = Math.max(2, s.count("threshold"));
        window = s.nanos("window_s");
        tolerance = s.nanos("tsf_tolerance_s") / 1000; // microseconds, as the TSF
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        Bss b = table.touchOrCreate(bssid, now, k -> new Bss(threshold));
        long tsf = f.tsf();
        int interval = f.beaconInterval();
        int channel = f.elements().dsChannel();
        boolean tsfJump = false, intervalChange = false, channelChange = false;
        if (b.beacons >= learn) {
            // a frozen TSF (software beacons that always send the same value) is one transmitter, not two
            if (tsf >= 0 && b.lastTsf >= 0 && tsf != b.lastTsf) {
                long expected = b.lastTsf + (now - b.lastTime) / 1000;
                tsfJump = Math.abs(tsf - expected) > tolerance;
            }
            intervalChange = interval > 0 && b.interval > 0 && interval != b.interval;
            channelChange = channel > 0 && b.channel > 0 && channel != b.channel;
        }
        b.beacons++;
        if (tsf >= 0) {
            b.lastTsf = tsf;
            b.lastTime = now;
        }
        if (interval > 0) b.interval = interval;
        if (channel > 0) b.channel = channel;
        if (!tsfJump && !intervalChange && !channelChange) return;
        if (tsfJump) b.tsfJumps++;
        if (intervalChange) b.intervalChanges++;
        if (channelChange) b.channelChanges++;
        boolean many = b.anomalies.add(now, window);
        if (b.alert.grow(out, now, 1, 64)) return;
        if (!many && !b.alert.isOpen()) return;
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tsf_jumps", b.tsfJumps);
        counts.put("interval_changes", b.intervalChanges);
        counts.put("channel_changes", b.channelChanges);
        int kinds = (b.tsfJumps > 0 ? 1 : 0) + (b.intervalChanges > 0 ? 1 : 0) + (b.channelChanges > 0 ? 1 : 0);
        Finding x = Finding.of("beacon_anomaly", now).since(b.alert.isOpen() ? now : b.anomalies.oldest())
                .frames(b.alert.isOpen() ? 1 : threshold).bssid(bssid).source(bssid).ssid(f.ssid())
                .channel(ApFrames.channel(f)).mitre(SPEC.mitre())
                .severity(kinds >= 2 ? Severity.HIGH : Severity.MEDIUM)
                .confidence(Math.min(0.9, 0.5 + 0.15 * kinds))
                .evidence("anomalies", counts)
                .evidence("threshold", threshold)
                .evidence("window_s", window / 1e9)
                .evidence("beacon_interval_tu", interval)
                .evidence("ds_channel", channel)
                .summary(String.format(Locale.ROOT, "Beacons of %s keep disagreeing with its history (%d TSF jumps, %d interval and %d channel changes): a second transmitter may be spoofing it.",
                        MacAddress.format(bssid), b.tsfJumps, b.intervalChanges, b.channelChanges));
        if (b.tsfJumps > 0) x.reason("TSF_JUMP");
        if (b.intervalChanges > 0) x.reason("INTERVAL_CHANGE");
        if (b.channelChanges > 0) x.reason("CHANNEL_CHANGE");
        b.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
