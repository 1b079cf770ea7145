package io.sentinel.detect.keys;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WEP initialisation-vector reuse: the same 24-bit IV repeated many times within a window, the
 * signature of packet replay (aireplay-ng -3 ARP replay, -2 interactive replay) used to collect
 * IVs for key recovery. MAC retransmissions (retry bit, same sequence number) legitimately repeat
 * the IV and are skipped; natural birthday collisions stay far below the share threshold.
 */
public final class WepIvReuseDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "wep_iv_reuse", List.of("wep_iv_reuse"), Set.of(Subtype.DATA, Subtype.QOS_DATA),
            List.of(Param.count("threshold", 20, "repeated IVs per BSSID within the window"),
                    Param.ratio("min_repeat_share", 0.1, "repeated IVs as a share of the BSSID's WEP frames in the window"),
                    Param.seconds("window_s", 60, "counting window (tumbling)"),
                    Param.count("max_ivs", 16384, "IVs remembered per BSSID per window"),
                    Param.count("arp_frames", 300, "ARP-sized WEP frames from one station to one BSSID in arp_window_s (ARP replay)"),
                    Param.seconds("arp_window_s", 10, "counting window of the ARP replay rule (tumbling)"),
                    Param.count("max_tracked", 256, "BSSIDs tracked at most")),
            "high",
            Mitre.of(Mitre.SNIFFING),
            "Distinct and repeated WEP IVs per BSSID.")
            .limits(AlertPolicy.of("wep_iv_reuse").by(AlertPolicy.Group.BSSID).hold(300));

    private final int threshold, maxIvs;
    private final double minShare;
    private final long window;
    private final LongLruTable<Ivs> table;
    private final LongLruTable<Injector> injectors;
    private final int arpFrames;
    private final long arpWindow;

    /** Smallest and largest WEP payload (IV, LLC/SNAP, ARP with or without Ethernet padding, ICV, maybe FCS). */
    static final int ARP_MIN = 44, ARP_MAX = 70;

    /** ARP-sized WEP frames of one transmitter to one BSSID (aireplay-ng -3 and the AP relaying it). */
    private static final class Injector {
        long windowStart = Long.MIN_VALUE, frames;
        final AlertHandle alert = new AlertHandle();
    }

    private static final class Ivs {
        int[] set = new int[64];
        int size, lastSeq = -1;
        long frames, repeats, windowStart = Long.MIN_VALUE;
        long lastTransmitter = MacAddress.NONE;
        final AlertHandle alert = new AlertHandle();

        /** True when the IV was already in the set. */
        boolean add(int iv, int cap) {
            int v = iv + 1; // 0 marks empty slots
            int mask = set.length - 1;
            int i = (Integer.hashCode(v) * 0x9E3779B9) >>> 7 & mask;
            while (set[i] != 0) {
                if (set[i] == v) return true;
                i = (i + 1) & mask;
            }
            if (size >= cap) return false;
            set[i] = v;
            if (++size * 2 > set.length) grow();
            return false;
        }

        void grow() {
            int[] old = set;
            set = new int[old.length * 2];
            size = 0;
            int mask = set.length - 1;
            for (int v : old) {
                if (v == 0) continue;
                int i = (Integer.hashCode(v) * 0x9E3779B9) >>> 7 & mask;
                while (set[i] != 0) i = (i + 1) & mask;
                set[i] = v;
                size++;
            }
        }

        void reset(long now) {
            windowStart = now;
            if (set.length > 64) set = new int[64]; else Arrays.fill(set, 0);
            size = 0;
            frames = 0;
            repeats = 0;
        }
    }

    public WepIvReuseDetector(Settings s) {
        threshold = Math.max(1, s.count("threshold"));
        minShare = s.real("min_repeat_share");
        window = s.nanos("window_s");
        maxIvs = Math.max(64, s.count("max_ivs"));
        table = new LongLruTable<>(s.count("max_tracked"));
        injectors = new LongLruTable<>(s.count("max_tracked") * 4);
        arpFrames = Math.max(10, s.count("arp_frames"));
        arpWindow = s.nanos("arp_window_s");
    }

    /** Bytes of the WEP payload (IV to ICV, plus an FCS where the capture kept it). */
    private static int wepPayload(Frame f) {
        int header = 24 + (f.qosControl() >= 0 ? 2 : 0) + (f.toDs() && f.fromDs() ? 6 : 0) + (f.htControl() >= 0 ? 4 : 0);
        return f.dot11Length() - header;
    }

    /**
     * ARP replay (aireplay-ng -3, the classic WEP IV-collection attack): a station sends ARP-sized
     * WEP frames at a sustained rate no ARP use has (normal hosts send a few ARPs a minute), so
     * the AP answers with fresh IVs. The IVs of the replayed frames may repeat (an unchanged
     * replay) or not (a re-encrypting injector); the size and rate are the signature.
     */
    private void arpReplay(Frame f, long bssid, long now, Findings out) {
        int len = wepPayload(f);
        if (len < ARP_MIN || len > ARP_MAX) return;
        long ta = f.transmitter();
        if (ta == MacAddress.NONE) return;
        Injector in = injectors.touchOrCreate(io.sentinel.detect.state.Keys.pair(ta, bssid), now, k -> new Injector());
        if (in.windowStart == Long.MIN_VALUE || now - in.windowStart >= arpWindow) {
            in.windowStart = now;
            in.frames = 0;
        }
        in.frames++;
        if (in.alert.grow(out, now, 1, 256)) return;
        if (!in.alert.isOpen() && in.frames < arpFrames) return;
        boolean refresh = in.alert.isOpen();
        in.alert.report(out, Finding.of("wep_iv_reuse", now).since(refresh ? now : in.windowStart).frames(refresh ? 1 : in.frames)
                .bssid(bssid).source(ta).channel(f.channel()).mitre(SPEC.mitre())
                .reason("ARP_REPLAY").severity(Severity.HIGH).confidence(0.8)
                .evidence("arp_sized_frames", in.frames)
                .evidence("frame_payload_bytes", len)
                .evidence("arp_threshold", arpFrames)
                .evidence("arp_window_s", arpWindow / 1e9)
                .summary(String.format(Locale.ROOT, "%s sends ARP-sized WEP frames to %s at %d per %.0f s: ARP replay to make the AP "
                        + "generate IVs for cracking the WEP key (aireplay-ng -3).", MacAddress.format(ta), MacAddress.format(bssid),
                        in.frames, arpWindow / 1e9)));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (!f.protectedFrame() || !f.hasWepIv() || f.extendedIv()) return;
        long bssid = f.bssid();
        if (bssid == MacAddress.NONE) return;
        Ivs s = table.touchOrCreate(bssid, now, k -> new Ivs());
        if (s.windowStart == Long.MIN_VALUE || now - s.windowStart >= window) s.reset(now);
        int seq = f.sequence();
        boolean retransmission = f.retry() && seq == s.lastSeq && f.transmitter() == s.lastTransmitter;
        s.lastSeq = seq;
        s.lastTransmitter = f.transmitter();
        if (retransmission) return;
        arpReplay(f, bssid, now, out);
        s.frames++;
        if (!s.add(f.wepIv(), maxIvs)) return;
        s.repeats++;
        if (s.alert.grow(out, now, 1, 256)) return;
        boolean refresh = s.alert.isOpen();
        double share = (double) s.repeats / s.frames;
        if (!refresh && (s.repeats < threshold || share < minShare)) return;
        s.alert.report(out, Finding.of("wep_iv_reuse", now).since(refresh ? now : s.windowStart).frames(refresh ? 1 : s.repeats)
                .bssid(bssid).target(bssid).channel(f.channel()).mitre(SPEC.mitre())
                .reason("REPEATED_IVS").severity(Severity.HIGH).confidence(Math.min(0.95, 0.5 + share))
                .evidence("repeated_ivs", s.repeats)
                .evidence("wep_frames", s.frames)
                .evidence("distinct_ivs", s.size)
                .evidence("repeat_share", share)
                .evidence("threshold", threshold)
                .evidence("window_s", window / 1e9)
                .summary(String.format(Locale.ROOT, "WEP network %s sees the same IVs again and again (%d repeats in %d frames): packet replay to crack the key.",
                        MacAddress.format(bssid), s.repeats, s.frames)));
    }

    @Override
    public long stateSize() { return table.size() + injectors.size(); }
}
