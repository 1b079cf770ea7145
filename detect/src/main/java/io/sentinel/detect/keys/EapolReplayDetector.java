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
 * Key reinstallation indicators (KRACK, Vanhoef and Piessens 2017), per AP and client:
 * <ul>
 *   <li>message 3 of the 4-way handshake (or message 1 of the group key handshake) sent again
 *       with a replay counter already used: an authenticator that retransmits uses a new, larger
 *       counter. A copy with the same 802.11 sequence number and counter is a MAC retransmission
 *       (with or without the retry bit, which some capture drivers drop) and is not counted;</li>
 *   <li>a message 1 arriving within a second after a message 3 the client has not answered with
 *       message 4, followed by a message 3 with a new counter: the forged message 1 of the TPTK
 *       attack (krackattacks-scripts), which makes the client install a key the attacker chose
 *       when the retransmitted message 3 arrives. An authenticator never restarts a handshake
 *       that quickly (hostapd waits a second per message 3 retry, then deauthenticates);</li>
 *   <li>CCMP packet numbers of one transmitter to one receiver starting over without a key
 *       installation (4-way handshake message 3/4 or a fresh (re)association) in between: the
 *       nonce reuse a reinstalled key causes, as in the fast-transition (FT) variant where the
 *       attacker replays the reassociation request (the same frame, same sequence number).</li>
 * </ul>
 * A replayed counter after the client's message 4 for it alerts at once; otherwise
 * {@code replays} replays are needed.
 */
public final class EapolReplayDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "eapol_replay", List.of("eapol_replay"), Set.of(Subtype.DATA, Subtype.QOS_DATA, Subtype.REASSOC_REQ, Subtype.ASSOC_REQ),
            List.of(Param.count("replays", 2, "messages with an already used replay counter (not MAC retransmissions) before alerting"),
                    Param.seconds("window_s", 30, "the replays must fall within this window"),
                    Param.seconds("restart_window_s", 1, "a message 1 this soon after an unanswered message 3 is a forged restart"),
                    Param.count("pn_restart_margin", 128, "a CCMP packet number this far below the highest seen counts as starting over"),
                    Param.seconds("state_ttl_s", 600, "forget a handshake after this long"),
                    Param.count("max_tracked", 16384, "AP/client pairs tracked at most")),
            "high; critical when the replay follows the client's message 4 or a forged message 1 (key reinstallation)",
            Mitre.of(Mitre.AITM),
            "Replay counters of message 3 / group message 1 per AP and client, against MAC retries and message 4; "
                    + "message 1 forged after message 3; CCMP packet numbers starting over without a key installation.")
            .limits(AlertPolicy.of("eapol_replay").by(AlertPolicy.Group.BSSID).hold(120));

    private final int threshold, pnMargin;
    private final long window, restartWindow, ttl;
    private final LongLruTable<Handshake> table;
    private final LongLruTable<Link> links;

    private static final class Handshake {
        long highest = -1, confirmed = -1, firstReplay, lastCounter = -1;
        int lastSeq = -1, replays;
        boolean afterFinal;
        long lastM3At = Long.MIN_VALUE / 2, forgedM1At = Long.MIN_VALUE / 2, m3CounterBeforeM1 = -1;
        boolean m4SinceM3 = true;
        final AlertHandle alert = new AlertHandle();
    }

    /** One direction of protected unicast traffic: transmitter to receiver. */
    private static final class Link {
        long highestPn = -1;
        int reassocSeq = -1;
        boolean keyInstalled, reassocReplayed, highestFragmented;
        final AlertHandle alert = new AlertHandle();
    }

    public EapolReplayDetector(Settings s) {
        threshold = Math.max(1, s.count("replays"));
        window = s.nanos("window_s");
        restartWindow = s.nanos("restart_window_s");
        pnMargin = Math.max(1, s.count("pn_restart_margin"));
        ttl = s.nanos("state_ttl_s");
        table = new LongLruTable<>(s.count("max_tracked"));
        links = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        Subtype st = f.subtype();
        if (st == Subtype.REASSOC_REQ || st == Subtype.ASSOC_REQ) {
            association(f, st == Subtype.REASSOC_REQ, now);
            return;
        }
        EapolKey k = f.eapolKey();
        if (!k.present()) {
            if (f.protectedFrame()) packetNumber(f, now, out);
            return;
        }
        long bssid = f.bssid();
        if (bssid == MacAddress.NONE) return;
        int msg = k.message();
        boolean fromAp = f.source() == bssid;
        boolean group = msg == 0;
        long client = fromAp ? f.destination() : f.source();
        long key = Keys.pair(Keys.pair(bssid, client), group ? 1 : 0);
        if (!group && (msg == 3 || msg == 4)) keyInstall(bssid, client, now);
        if (fromAp && msg == 1) {
            Handshake h = table.touch(key, now);
            if (h == null) return;
            if (f.sequence() == h.lastSeq && k.replayCounter() == h.lastCounter) return; // MAC retransmission
            if (!h.m4SinceM3 && now - h.lastM3At <= restartWindow) {
                // a handshake restarted while its message 3 is unanswered: the TPTK attack's forged message 1
                h.forgedM1At = now;
                h.m3CounterBeforeM1 = h.highest;
                return;
            }
            // a new 4-way handshake; after a new association the authenticator may start its counter again
            if (h.highest != -1 && Long.compareUnsigned(k.replayCounter(), h.highest) <= 0 && !f.retry()) {
                h.highest = -1;
                h.confirmed = -1;
                h.replays = 0;
            }
            return;
        }
        if (fromAp && (msg == 3 || (group && k.ack()))) {
            Handshake h = table.touchOrCreate(key, now, x -> new Handshake());
            int seq = f.sequence();
            long counter = k.replayCounter();
            if (seq == h.lastSeq && counter == h.lastCounter) return; // the MAC layer retransmitting the same frame
            h.lastSeq = seq;
            h.lastCounter = counter;
            boolean replay = h.highest != -1 && Long.compareUnsigned(counter, h.highest) <= 0;
            boolean afterFinal = h.confirmed != -1 && Long.compareUnsigned(counter, h.confirmed) <= 0;
            boolean afterForgedM1 = !group && now - h.forgedM1At <= restartWindow && h.m3CounterBeforeM1 != -1
                    && Long.compareUnsigned(counter, h.m3CounterBeforeM1) > 0;
            if (h.highest == -1 || Long.compareUnsigned(counter, h.highest) > 0) h.highest = counter;
            if (!group) {
                h.lastM3At = now;
                h.m4SinceM3 = false;
            }
            if (afterForgedM1) {
                h.forgedM1At = Long.MIN_VALUE / 2;
                report(out, f, now, h, bssid, client, counter, "MESSAGE_1_FORGED_AFTER_MESSAGE_3", true, 1);
                return;
            }
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
            report(out, f, now, h, bssid, client, counter, group ? "GROUP_MESSAGE_1_REPLAYED" : "MESSAGE_3_REPLAYED", h.afterFinal,
                    h.replays);
        } else if (!fromAp && (msg == 4 || (group && !k.ack()))) {
            Handshake h = table.touch(key, now);
            if (h == null) return;
            if (!group) h.m4SinceM3 = true;
            long counter = k.replayCounter();
            if (h.confirmed == -1 || Long.compareUnsigned(counter, h.confirmed) > 0) h.confirmed = counter;
        }
    }

    private void report(Findings out, Frame f, long now, Handshake h, long bssid, long client, long counter, String reason,
                        boolean critical, long frames) {
        boolean refresh = h.alert.isOpen();
        boolean group = reason.startsWith("GROUP");
        boolean forged = reason.startsWith("MESSAGE_1_FORGED");
        Finding x = Finding.of("eapol_replay", now).since(refresh || forged ? now : h.firstReplay).frames(refresh ? 1 : frames)
                .bssid(bssid).target(client).channel(f.channel()).mitre(SPEC.mitre())
                .reason(reason)
                .severity(critical ? Severity.CRITICAL : Severity.HIGH)
                .confidence(critical ? 0.9 : Math.min(0.9, 0.6 + 0.1 * h.replays))
                .evidence("replay_counter", Long.toUnsignedString(counter))
                .evidence("highest_counter", Long.toUnsignedString(h.highest))
                .evidence("replays", h.replays)
                .evidence("threshold", threshold)
                .evidence("after_final_message", h.afterFinal)
                .summary(forged
                        ? String.format(Locale.ROOT, "Message 1 of the 4-way handshake between %s and %s arrived while message 3 was unanswered, "
                                + "then message 3 again with new replay counter %s: a forged handshake restart that reinstalls the key (KRACK TPTK).",
                                MacAddress.format(bssid), MacAddress.format(client), Long.toUnsignedString(counter))
                        : String.format(Locale.ROOT, "%s of the %s handshake between %s and %s was sent again with used replay counter %s%s (key reinstallation attack indicator).",
                                group ? "Group message 1" : "Message 3", group ? "group key" : "4-way",
                                MacAddress.format(bssid), MacAddress.format(client), Long.toUnsignedString(counter),
                                h.afterFinal ? " after the client had confirmed it" : ""));
        if (forged) x.reason("MESSAGE_3_NEW_REPLAY_COUNTER");
        if (h.afterFinal && !forged) x.reason(group ? "AFTER_GROUP_MESSAGE_2" : "AFTER_MESSAGE_4");
        h.alert.report(out, x);
    }

    /** A (re)association request: a fresh one legitimately restarts packet numbers; a replayed one (same sequence number) does not. */
    private void association(Frame f, boolean reassoc, long now) {
        long sta = f.source(), ap = f.bssid();
        if (sta == MacAddress.NONE || ap == MacAddress.NONE) return;
        for (long k : new long[] {Keys.pair(sta, ap), Keys.pair(ap, sta)}) {
            Link l = links.touchOrCreate(k, now, x -> new Link());
            if (reassoc && f.sequence() == l.reassocSeq && l.highestPn != -1 && !f.retry()) {
                l.reassocReplayed = true;
            } else {
                l.keyInstalled = true;
                l.reassocReplayed = false;
            }
            if (reassoc) l.reassocSeq = f.sequence();
        }
    }

    private void keyInstall(long ap, long sta, long now) {
        for (long k : new long[] {Keys.pair(sta, ap), Keys.pair(ap, sta)}) {
            Link l = links.get(k);
            if (l != null) l.keyInstalled = true;
        }
    }

    private void packetNumber(Frame f, long now, Findings out) {
        long pn = f.ccmpPacketNumber();
        long ta = f.transmitter(), ra = f.receiver();
        if (pn < 0 || ta == MacAddress.NONE || ra == MacAddress.NONE || MacAddress.isGroup(ra) || f.retry()) return;
        Link l = links.touchOrCreate(Keys.pair(ta, ra), now, x -> new Link());
        long before = l.highestPn;
        if (before == -1 || pn > before) {
            l.highestPn = pn;
            l.highestFragmented = f.fragment() > 0 || f.moreFragments();
            if (pn > pnMargin) l.keyInstalled = false;
            return;
        }
        if (before - pn < pnMargin) return; // reordering (QoS queues) or a lost retry bit
        l.highestPn = pn;
        if (l.highestFragmented) return; // packet numbers jumping with crafted fragments: frag_attack reports those
        if (l.keyInstalled) {
            l.keyInstalled = false; // a new key: packet numbers legitimately start over once
            return;
        }
        long bssid = f.bssid();
        Finding x = Finding.of("eapol_replay", now).bssid(bssid != MacAddress.NONE ? bssid : ta).source(ta).target(ra)
                .channel(f.channel()).mitre(SPEC.mitre())
                .reason("PACKET_NUMBER_RESTARTED")
                .severity(Severity.CRITICAL).confidence(l.reassocReplayed ? 0.9 : 0.75)
                .evidence("packet_number", pn)
                .evidence("highest_packet_number", before)
                .summary(String.format(Locale.ROOT, "CCMP packet numbers from %s to %s started over (%d after %d) without a new key "
                                + "being negotiated: nonce reuse from a reinstalled key%s.", MacAddress.format(ta), MacAddress.format(ra), pn, before,
                        l.reassocReplayed ? " after a replayed FT reassociation request" : ""));
        if (l.reassocReplayed) x.reason("REASSOCIATION_REQUEST_REPLAYED");
        l.alert.report(out, x);
    }

    @Override
    public void onTick(long now, Findings out) {
        table.expire(now - ttl);
        links.expire(now - ttl);
    }

    @Override
    public long stateSize() { return table.size() + links.size(); }
}
