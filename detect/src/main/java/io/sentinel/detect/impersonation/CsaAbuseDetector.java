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
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Channel-switch announcements from a spoofed AP (channel-based man-in-the-middle, CSA-based
 * disconnection): CSA beacons interleaved with the same BSSID's ordinary beacons, a switch count
 * that does not count down, or a switch to an impossible channel. A real AP announces the switch
 * in every beacon with a decreasing count and then leaves.
 */
public final class CsaAbuseDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "csa_abuse", List.of("csa_abuse"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP, Subtype.ACTION, Subtype.ACTION_NOACK),
            List.of(Param.count("min_csa_frames", 3, "CSA frames from one BSSID within the window before deciding"),
                    Param.seconds("window_s", 10, "window of an announcement episode"),
                    Param.seconds("state_ttl_s", 300, "forget a BSSID after this long unheard"),
                    Param.count("max_tracked", 16384, "BSSIDs tracked at most")),
            "high (a forced channel switch moves every client of the BSSID)",
            Mitre.of(Mitre.AITM, Mitre.NETWORK_DOS),
            "Per BSSID: CSA frames against ordinary beacons, the CSA count sequence and the target channel.")
            .limits(AlertPolicy.of("csa_abuse").by(AlertPolicy.Group.BSSID).hold(120));

    private final int minFrames;
    private final long window, ttl;
    private final LongLruTable<Bss> table;

    private static final class Bss {
        long episodeStart = Long.MIN_VALUE, lastCsa = Long.MIN_VALUE;
        int csaFrames, interleaved, pendingNormal, stuckCounts, lastCount = -1, newChannel = -1, invalidChannel, actionFrames;
        int currentChannel = -1;
        final AlertHandle alert = new AlertHandle();
    }

    public CsaAbuseDetector(Settings s) {
        minFrames = Math.max(1, s.count("min_csa_frames"));
        window = s.nanos("window_s");
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        Subtype st = f.subtype();
        boolean action = st == Subtype.ACTION || st == Subtype.ACTION_NOACK;
        // spectrum management (0) / public (4) action 4: (extended) channel switch announcement
        boolean csaAction = action && (f.actionCategory() == 0 || f.actionCategory() == 4) && f.actionCode() == 4;
        if (action && !csaAction) return;
        long bssid = ApFrames.bssid(f);
        if (bssid == MacAddress.NONE) return;
        boolean csa = csaAction || f.elements().hasChannelSwitch();
        Bss b = csa ? table.touchOrCreate(bssid, now, k -> new Bss()) : table.touch(bssid, now);
        if (!csa) {
            if (b == null) {
                if (st == Subtype.BEACON) {
                    Bss n = new Bss();
                    n.currentChannel = f.elements().dsChannel();
                    table.put(bssid, n, now);
                }
                return;
            }
            if (st == Subtype.BEACON) {
                b.currentChannel = f.elements().dsChannel() > 0 ? f.elements().dsChannel() : b.currentChannel;
                // an ordinary beacon after an announcement; if another announcement follows, two transmitters share the BSSID
                if (b.lastCsa != Long.MIN_VALUE && now - b.lastCsa <= window) b.pendingNormal++;
            }
            return;
        }
        if (b.episodeStart == Long.MIN_VALUE || now - b.lastCsa > window) {
            b.episodeStart = now;
            b.csaFrames = 0;
            b.interleaved = 0;
            b.stuckCounts = 0;
            b.invalidChannel = 0;
            b.actionFrames = 0;
            b.lastCount = -1;
            b.pendingNormal = 0;
        }
        b.interleaved += b.pendingNormal;
        b.pendingNormal = 0;
        b.lastCsa = now;
        b.csaFrames++;
        if (csaAction) b.actionFrames++;
        int count = f.elements().csaCount();
        int ch = f.elements().csaNewChannel();
        if (count >= 0) {
            if (b.lastCount >= 0 && count >= b.lastCount && st == Subtype.BEACON) b.stuckCounts++;
            b.lastCount = count;
        }
        if (ch >= 0) {
            b.newChannel = ch;
            if (ch == 0 || ch > 196 || ch == b.currentChannel) b.invalidChannel++;
        }
        if (b.alert.grow(out, now, 1, 64)) return;
        boolean open = b.alert.isOpen();
        if (!open && b.csaFrames < minFrames) return;
        List<String> reasons = new ArrayList<>(3);
        if (b.interleaved > 0) reasons.add("INTERLEAVED_WITH_NORMAL_BEACONS");
        if (b.stuckCounts >= 2) reasons.add("COUNT_NOT_DECREASING");
        if (b.invalidChannel > 0) reasons.add("INVALID_TARGET_CHANNEL");
        if (reasons.isEmpty() && !open) return;
        Finding x = Finding.of("csa_abuse", now).since(open ? now : b.episodeStart).frames(open ? 1 : b.csaFrames)
                .bssid(bssid).target(bssid).ssid(f.ssid()).channel(ApFrames.channel(f)).mitre(SPEC.mitre())
                .severity(Severity.HIGH).confidence(Math.min(0.95, 0.6 + 0.15 * reasons.size()))
                .evidence("csa_frames", b.csaFrames)
                .evidence("csa_action_frames", b.actionFrames)
                .evidence("interleaved_normal_beacons", b.interleaved)
                .evidence("non_decreasing_counts", b.stuckCounts)
                .evidence("new_channel", b.newChannel)
                .evidence("current_channel", b.currentChannel)
                .summary(String.format(Locale.ROOT, "Channel switch announcements for %s to channel %d look forged (%s).",
                        MacAddress.format(bssid), b.newChannel, String.join(", ", reasons)));
        for (String r : reasons) x.reason(r);
        b.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
