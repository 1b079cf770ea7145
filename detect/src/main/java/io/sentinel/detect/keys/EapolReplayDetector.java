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
import io.sentinel.detect.state.Keys;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.EapolKey;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Key reinstallation indicators (KRACK): message 3 of the 4-way handshake (or message 1 of the
 * group key handshake) sent again with a replay counter that was already used. An authenticator
 * that retransmits uses a new, larger counter; an 802.11 retransmission repeats the frame with the
 * retry bit and the same sequence number and is ignored. A replayed counter after the client's
 * message 4 for it alerts at once; otherwise {@code replays} replays are needed.
 */
public final class EapolReplayDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "eapol_replay", List.of("eapol_replay"), Set.of(Subtype.DATA, Subtype.QOS_DATA),
            List.of(Param.count("replays", 2, "messages with an already used replay counter (not MAC retransmissions) before alerting"),
                    Param.seconds("window_s", 30, "the replays must fall within this window"),
                    Param.seconds("state_ttl_s", 600, "forget a handshake after this long"),
                    Param.count("max_tracked", 16384, "AP/client pairs tracked at most")),
            "high; critical when the replay follows the client's message 4 (key reinstallation)",
            Mitre.of(Mitre.AITM),
            "Replay counters of message 3 / group message 1 per AP and client, against MAC retries and message 4.")
            .limits(AlertPolicy.of("eapol_replay").by(AlertPolicy.Group.BSSID).hold(120));

    private final int threshold;
    private final long window, ttl;
    private final LongLruTable<Handshake> table;

    private static final class Handshake {
        long highest = -1, confirmed = -1, firstReplay;
        int lastSeq = -1, replays;
        boolean afterFinal;
        final AlertHandle alert = new AlertHandle();
    }

    public EapolReplayDetector(Settings s) {
        threshold = Math.max(1, s.count("replays"));
        window = s.nanos("window_s");
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        EapolKey k = f.eapolKey();
        if (!k.present()) return;
        long bssid = f.bssid();
        if (bssid == MacAddress.NONE) return;
        int msg = k.message();
        boolean fromAp = f.source() == bssid;
        boolean group = msg == 0;
        long client = fromAp ? f.destination() : f.source();
        long key = Keys.pair(Keys.pair(bssid, client), group ? 1 : 0);
        if (fromAp && msg == 1) {
            // a new 4-way handshake; after a new association the authenticator may start its counter again
            Handshake h = table.touch(key, now);
            if (h != null && h.highest != -1 && Long.compareUnsigned(k.replayCounter(), h.highest) <= 0 && !f.retry()) {
                h.highest = -1;
                h.confirmed = -1;
                h.replays = 0;
            }
            return;
        }
        if (fromAp && (msg == 3 || (group && k.ack()))) {
            Handshake h = table.touchOrCreate(key, now, x -> new Handshake());
            int seq = f.sequence();
            if (f.retry() && seq == h.lastSeq) return; // the MAC layer retransmitting the same frame
            h.lastSeq = seq;
            long counter = k.replayCounter();
            boolean replay = h.highest != -1 && Long.compareUnsigned(counter, h.highest) <= 0;
            boolean afterFinal = h.confirmed != -1 && Long.compareUnsigned(counter, h.confirmed) <= 0;
            if (h.highest == -1 || Long.compareUnsigned(counter, h.highest) > 0) h.highest = counter;
            if (!replay) return;
            if (h.replays == 0 || now - h.firstReplay > window) {
                h.replays = 0;
                h.firstReplay = now;
                h.afterFinal = false;
            }
            h.replays++;
            h.afterFinal |= afterFinal;
            if (h.alert.grow(out, now, 1, 64)) return;
            if (!h.alert.isOpen() && !h.afterFinal && h.replays < threshold) return;
            boolean refresh = h.alert.isOpen();
            Finding x = Finding.of("eapol_replay", now).since(refresh ? now : h.firstReplay).frames(refresh ? 1 : h.replays)
                    .bssid(bssid).target(client).channel(f.channel()).mitre(SPEC.mitre())
                    .reason(group ? "GROUP_MESSAGE_1_REPLAYED" : "MESSAGE_3_REPLAYED")
                    .severity(h.afterFinal ? Severity.CRITICAL : Severity.HIGH)
                    .confidence(h.afterFinal ? 0.9 : Math.min(0.9, 0.6 + 0.1 * h.replays))
                    .evidence("replay_counter", Long.toUnsignedString(counter))
                    .evidence("highest_counter", Long.toUnsignedString(h.highest))
                    .evidence("replays", h.replays)
                    .evidence("threshold", threshold)
                    .evidence("after_final_message", h.afterFinal)
                    .summary(String.format(Locale.ROOT, "%s of the %s handshake between %s and %s was sent again with used replay counter %s%s (key reinstallation attack indicator).",
                            group ? "Group message 1" : "Message 3", group ? "group key" : "4-way",
                            MacAddress.format(bssid), MacAddress.format(client), Long.toUnsignedString(counter),
                            h.afterFinal ? " after the client had confirmed it" : ""));
            if (h.afterFinal) x.reason(group ? "AFTER_GROUP_MESSAGE_2" : "AFTER_MESSAGE_4");
            h.alert.report(out, x);
        } else if (!fromAp && (msg == 4 || (group && !k.ack()))) {
            Handshake h = table.touch(key, now);
            if (h == null) return;
            long counter = k.replayCounter();
            if (h.confirmed == -1 || Long.compareUnsigned(counter, h.confirmed) > 0) h.confirmed = counter;
        }
    }

    @Override
    public void onTick(long now, Findings out) { table.expire(now - ttl); }

    @Override
    public long stateSize() { return table.size(); }
}
