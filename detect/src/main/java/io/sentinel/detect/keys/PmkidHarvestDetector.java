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
import io.sentinel.detect.state.DistinctWindow;
import io.sentinel.detect.state.Keys;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.EapolKey;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PMKID harvesting (hcxdumptool, hcxtools, bettercap): the attacker associates just long enough
 * to receive EAPOL message 1 carrying a PMKID, which can be cracked offline, and never answers
 * with message 2. An abandoned handshake is an M1 with a non-zero PMKID not followed by M2 from
 * the client (nor M3 from the AP, in case the sensor missed the M2) within {@code m2_timeout_s}.
 * Many abandoned handshakes from fresh client MACs at one AP, one client abandoning handshakes
 * with many APs, or one client leaving {@code unanswered_m1} PMKID messages 1 in a row unanswered
 * (the AP retrying, the tool re-associating to collect more) is harvesting. A single M1 carrying
 * a PMKID is normal (APs include it in every handshake) and stays silent.
 */
public final class PmkidHarvestDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "pmkid_harvest", List.of("pmkid_harvest"), Set.of(Subtype.DATA, Subtype.QOS_DATA),
            List.of(Param.seconds("m2_timeout_s", 2, "a client that has not sent message 2 by then abandoned the handshake"),
                    Param.count("clients_per_ap", 5, "distinct clients abandoning PMKID handshakes with one AP in the window"),
                    Param.count("aps_per_client", 3, "distinct APs one client abandons PMKID handshakes with in the window"),
                    Param.count("unanswered_m1", 3, "PMKID messages 1 (new replay counters) one client leaves unanswered in a row"),
                    Param.seconds("window_s", 120, "counting window (tumbling)"),
                    Param.count("max_pending", 16384, "handshakes awaiting message 2 tracked at most"),
                    Param.count("max_tracked", 8192, "APs and clients tracked at most")),
            "high; critical from 3x a threshold",
            Mitre.of(Mitre.PASSWORD_CRACKING),
            "EAPOL M1 with a PMKID KDE, matched against the client's M2.")
            .limits(AlertPolicy.of("pmkid_harvest").by(AlertPolicy.Group.BSSID).hold(300));

    private final long timeout, window;
    private final int perAp, perClient, unansweredThreshold;
    private final LongLruTable<Pending> pending;
    private final LongLruTable<Counter> byAp, byClient;

    private static final class Pending {
        final long bssid, client;
        final int channel;
        long lastCounter, first;
        int unanswered = 1;

        Pending(long bssid, long client, int channel, long counter, long first) {
            this.bssid = bssid;
            this.client = client;
            this.channel = channel;
            this.lastCounter = counter;
            this.first = first;
        }
    }

    private static final class Counter {
        final DistinctWindow peers;
        final List<String> sample = new ArrayList<>();
        long abandoned;
        final AlertHandle alert = new AlertHandle();

        Counter(int cap) { peers = new DistinctWindow(cap); }
    }

    public PmkidHarvestDetector(Settings s) {
        timeout = s.nanos("m2_timeout_s");
        window = s.nanos("window_s");
        perAp = Math.max(1, s.count("clients_per_ap"));
        perClient = Math.max(1, s.count("aps_per_client"));
        unansweredThreshold = Math.max(2, s.count("unanswered_m1"));
        pending = new LongLruTable<>(s.count("max_pending"));
        byAp = new LongLruTable<>(s.count("max_tracked"));
        byClient = new LongLruTable<>(s.count("max_tracked"));
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
        if (msg == 1 && f.source() == bssid) {
            if (!k.hasPmkid() || k.pmkidZero()) return;
            long client = f.destination();
            long key = Keys.pair(bssid, client);
            Pending p = pending.get(key);
            if (p != null && now - p.first <= window) {
                if (k.replayCounter() != p.lastCounter) {
                    p.unanswered++;
                    p.lastCounter = k.replayCounter();
                }
                pending.touch(key, now);
            } else {
                pending.put(key, new Pending(bssid, client, f.channel(), k.replayCounter(), now), now);
            }
        } else if (msg == 2 && f.destination() == bssid) {
            pending.remove(Keys.pair(bssid, f.source()));
        } else if ((msg == 3 && f.source() == bssid) || (msg == 4 && f.destination() == bssid)) {
            // the handshake went on (the sensor missed message 2): not abandoned
            pending.remove(Keys.pair(bssid, f.source() == bssid ? f.destination() : f.source()));
        }
    }

    @Override
    public void onTick(long now, Findings out) {
        pending.expire(now - timeout, (key, p, since) -> abandoned(p, since, now, out));
        byAp.expire(now - 2 * window);
        byClient.expire(now - 2 * window);
    }

    private void abandoned(Pending p, long m1Time, long now, Findings out) {
        Counter ap = byAp.touchOrCreate(p.bssid, now, k -> new Counter(perAp * 4));
        count(ap, p.client, m1Time, now);
        if (p.unanswered >= unansweredThreshold) {
            out.report(Finding.of("pmkid_harvest", m1Time).since(p.first).frames(p.unanswered).channel(p.channel).mitre(SPEC.mitre())
                    .bssid(p.bssid).target(p.client).source(p.client).key("repeat:" + MacAddress.format(p.bssid) + "|" + MacAddress.format(p.client))
                    .severity(Severity.HIGH).confidence(Math.min(0.9, 0.55 + 0.05 * p.unanswered))
                    .reason("UNANSWERED_PMKID_MESSAGES")
                    .evidence("unanswered_messages_1", p.unanswered)
                    .evidence("threshold", unansweredThreshold)
                    .evidence("m2_timeout_s", timeout / 1e9)
                    .summary(String.format(Locale.ROOT, "%s left %d messages 1 carrying a PMKID from %s unanswered: a client that collects "
                                    + "PMKIDs without ever completing the handshake (PMKID harvesting, e.g. hcxdumptool).",
                            MacAddress.format(p.client), p.unanswered, MacAddress.format(p.bssid))));
        }
        if (ap.alert.grow(out, m1Time, 1, 64)) {
            // grown
        } else if (ap.alert.isOpen() || ap.peers.distinct() >= perAp) {
            boolean refresh = ap.alert.isOpen();
            ap.alert.report(out, base(p, m1Time, ap, perAp, refresh).key("ap:" + MacAddress.format(p.bssid))
                    .bssid(p.bssid).target(p.bssid).reason("MANY_FRESH_CLIENTS")
                    .summary(String.format(Locale.ROOT, "%d client addresses collected a PMKID from %s and never completed the handshake (PMKID harvesting).",
                            ap.peers.distinct(), MacAddress.format(p.bssid))));
        }
        Counter cl = byClient.touchOrCreate(p.client, now, k -> new Counter(perClient * 4));
        count(cl, p.bssid, m1Time, now);
        if (cl.alert.grow(out, m1Time, 1, 64)) return;
        if (!cl.alert.isOpen() && cl.peers.distinct() < perClient) return;
        boolean refresh = cl.alert.isOpen();
        cl.alert.report(out, base(p, m1Time, cl, perClient, refresh).key("client:" + MacAddress.format(p.client))
                .source(p.client).reason("ONE_CLIENT_MANY_APS")
                .summary(String.format(Locale.ROOT, "%s collected PMKIDs from %d access points without completing any handshake (PMKID harvesting).",
                        MacAddress.format(p.client), cl.peers.distinct())));
    }

    private void count(Counter c, long peer, long m1Time, long now) {
        int before = c.peers.distinct();
        c.peers.add(peer, m1Time, window);
        c.abandoned++;
        if (c.peers.distinct() > before && c.sample.size() < 5) c.sample.add(MacAddress.format(peer));
    }

    private Finding base(Pending p, long m1Time, Counter c, int threshold, boolean refresh) {
        int d = c.peers.distinct();
        return Finding.of("pmkid_harvest", m1Time).since(refresh ? m1Time : c.peers.windowStart())
                .frames(refresh ? 1 : c.peers.events()).channel(p.channel).mitre(SPEC.mitre())
                .severity(d >= 3 * threshold ? Severity.CRITICAL : Severity.HIGH)
                .confidence(Math.min(0.95, 0.6 + 0.05 * d))
                .evidence("abandoned_handshakes", c.peers.events())
                .evidence("distinct_peers", d)
                .evidence("threshold", threshold)
                .evidence("window_s", window / 1e9)
                .evidence("m2_timeout_s", timeout / 1e9)
                .evidence("sample_peers", List.copyOf(c.sample));
    }

    @Override
    public long stateSize() { return pending.size() + byAp.size() + byClient.size(); }
}
