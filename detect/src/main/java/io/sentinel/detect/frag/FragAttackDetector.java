package io.sentinel.detect.frag;

import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.Detector;
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
 * FragAttacks (Vanhoef, USENIX Security 2021): abuse of 802.11 fragmentation and frame
 * aggregation, visible in the headers without the key. Per transmitter and receiver it follows
 * the fragments of each MSDU (sequence number, fragment number, more-fragments bit, protection,
 * CCMP packet number) and the key installations between the two (4-way handshake message 3/4,
 * authentication, (re)association, deauthentication), and reports:
 * <ul>
 *   <li>{@code MIXED_PLAINTEXT_FRAGMENTS}: fragments of one MSDU some protected, some not
 *       (CVE-2020-26147);</li>
 *   <li>{@code PLAINTEXT_FRAGMENT}: an unprotected fragment on a link that is protected
 *       (CVE-2020-26140/26143/26145);</li>
 *   <li>{@code NON_CONSECUTIVE_PN}: protected fragments of one MSDU whose packet numbers do not
 *       follow each other, which a receiver must reject (CVE-2020-26146), and the mark of fragments
 *       encrypted under different keys (mixed key, CVE-2020-24587);</li>
 *   <li>{@code FRAGMENT_ACROSS_KEY_CHANGE}: an MSDU whose fragments straddle a key installation or
 *       a reconnection (mixed key / fragment cache, CVE-2020-24586/24587);</li>
 *   <li>{@code FRAGMENT_WITHOUT_FIRST}: a later fragment with no first fragment of that sequence
 *       number before it, the "second fragment only" frame that vulnerable receivers process as a
 *       full frame (CVE-2020-26142 class);</li>
 *   <li>{@code PLAINTEXT_AMSDU}: an unprotected A-MSDU while the link runs a handshake or is
 *       protected (the A-MSDU flag abuse, CVE-2020-24588 / 26144);</li>
 *   <li>{@code EAPOL_TO_OTHER_STATION}: an EAPOL frame from a station addressed through the AP to
 *       another station (an AP forwarding EAPOL of an unauthenticated sender, CVE-2020-26139).</li>
 * </ul>
 * Fragmentation is off in practice (threshold 2346 by default), so fragments are rare and each
 * rule above needs only one MSDU; a sensor that missed the first fragment (another channel)
 * reports {@code FRAGMENT_WITHOUT_FIRST} with a lower confidence than the other rules.
 */
public final class FragAttackDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "frag_attack", List.of("frag_attack"),
            Set.of(Subtype.DATA, Subtype.QOS_DATA, Subtype.AUTH, Subtype.ASSOC_REQ, Subtype.REASSOC_REQ, Subtype.DEAUTH,
                    Subtype.DISASSOC),
            List.of(Param.seconds("fragment_timeout_s", 5, "fragments of one MSDU further apart than this are not joined"),
                    Param.seconds("handshake_window_s", 10, "an EAPOL frame this recent marks the link as running a handshake"),
                    Param.seconds("state_ttl_s", 300, "forget a link after this long without frames"),
                    Param.count("max_tracked", 16384, "links (transmitter, receiver) tracked at most")),
            "high; medium for a later fragment without its first (the first may have been missed)",
            Mitre.of(Mitre.AITM),
            "Fragments and A-MSDUs per transmitter and receiver against protection, packet numbers and key installations.")
            .limits(AlertPolicy.of("frag_attack").by(AlertPolicy.Group.BSSID).hold(120));

    private final long fragmentTimeout, handshakeWindow, ttl;
    private final LongLruTable<Link> links;
    private final LongLruTable<Epoch> epochs;

    /** Key installations between two stations, in either direction. */
    private static final class Epoch {
        int value;
        long lastEapol = Long.MIN_VALUE / 2;
        boolean protectedSeen;
    }

    /** Fragment reassembly state of one transmitter towards one receiver. */
    private static final class Link {
        int seq = -1, lastFragment = -1, epoch, seenSeq = -1, seenFragment = -1;
        long lastPn = -1, at;
        boolean protectedFirst, mixed;
        final AlertHandle alert = new AlertHandle();
    }

    public FragAttackDetector(Settings s) {
        fragmentTimeout = s.nanos("fragment_timeout_s");
        handshakeWindow = s.nanos("handshake_window_s");
        ttl = s.nanos("state_ttl_s");
        links = new LongLruTable<>(s.count("max_tracked"));
        epochs = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    private static long both(long a, long b) { return a < b ? Keys.pair(a, b) : Keys.pair(b, a); }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        long ta = f.transmitter(), ra = f.receiver();
        if (ta == MacAddress.NONE || ra == MacAddress.NONE) return;
        Subtype st = f.subtype();
        if (st != Subtype.DATA && st != Subtype.QOS_DATA) {
            if (!MacAddress.isGroup(ra)) epochs.touchOrCreate(both(ta, ra), now, k -> new Epoch()).value++;
            return;
        }
        Epoch e = MacAddress.isGroup(ra) ? null : epochs.touchOrCreate(both(ta, ra), now, k -> new Epoch());
        EapolKey key = f.eapolKey();
        if (f.isEapol() && e != null) {
            e.lastEapol = now;
            if (key.present() && (key.message() == 3 || key.message() == 4)) e.value++;
            long da = f.destination();
            if (f.toDs() && !f.fromDs() && da != MacAddress.NONE && da != f.bssid() && !MacAddress.isGroup(da)) {
                report(out, f, now, null, "EAPOL_TO_OTHER_STATION", Severity.HIGH, 0.85,
                        String.format(Locale.ROOT, "%s sent an EAPOL frame to %s through AP %s: EAPOL is only for the AP itself; an AP that "
                                + "forwards it lets an unauthenticated sender inject frames (FragAttacks, CVE-2020-26139).",
                                MacAddress.format(ta), MacAddress.format(da), MacAddress.format(f.bssid())));
            }
        }
        boolean prot = f.protectedFrame();
        if (prot && e != null) e.protectedSeen = true;
        int qos = f.qosControl();
        if (!prot && qos >= 0 && (qos & 0x80) != 0 && e != null && (e.protectedSeen || now - e.lastEapol <= handshakeWindow)) {
            report(out, f, now, null, "PLAINTEXT_AMSDU", Severity.HIGH, 0.8,
                    String.format(Locale.ROOT, "%s sent %s an unprotected A-MSDU while their link is protected or in its handshake: "
                            + "the A-MSDU flag abuse of FragAttacks (CVE-2020-24588/26144).", MacAddress.format(ta), MacAddress.format(ra)));
        }
        int frag = f.fragment();
        boolean more = f.moreFragments();
        if (frag < 0 || (frag == 0 && !more)) return; // not fragmented
        Link l = links.touchOrCreate(Keys.pair(ta, ra), now, k -> new Link());
        // a retransmission (or a capture's duplicate) of the fragment just seen, with or without the retry bit
        if (l.seenSeq == f.sequence() && l.seenFragment == frag && now - l.at <= fragmentTimeout) return;
        l.seenSeq = f.sequence();
        l.seenFragment = frag;
        int epoch = e != null ? e.value : 0;
        long pn = prot ? f.ccmpPacketNumber() : -1;
        if (frag == 0) {
            l.seq = f.sequence();
            l.lastFragment = 0;
            l.lastPn = pn;
            l.protectedFirst = prot;
            l.epoch = epoch;
            l.at = now;
            l.mixed = false;
            if (!prot && e != null && e.protectedSeen) {
                report(out, f, now, l, "PLAINTEXT_FRAGMENT", Severity.HIGH, 0.85, plaintext(ta, ra));
            }
            return;
        }
        boolean joined = l.seq == f.sequence() && l.lastFragment >= 0 && now - l.at <= fragmentTimeout;
        if (!joined) {
            report(out, f, now, l, "FRAGMENT_WITHOUT_FIRST", Severity.MEDIUM, 0.65,
                    String.format(Locale.ROOT, "%s sent %s fragment %d of sequence number %d with no first fragment before it: vulnerable "
                            + "receivers take such a fragment as a whole frame (FragAttacks, CVE-2020-26142 class).",
                            MacAddress.format(ta), MacAddress.format(ra), frag, f.sequence()));
            l.seq = -1;
            return;
        }
        String reason = null, why = null;
        double conf = 0.9;
        if (prot != l.protectedFirst) {
            reason = "MIXED_PLAINTEXT_FRAGMENTS";
            why = String.format(Locale.ROOT, "Fragments of one frame from %s to %s are partly encrypted, partly plaintext: a receiver "
                    + "that reassembles them accepts injected plaintext (FragAttacks, CVE-2020-26147).", MacAddress.format(ta), MacAddress.format(ra));
        } else if (epoch != l.epoch) {
            reason = "FRAGMENT_ACROSS_KEY_CHANGE";
            why = String.format(Locale.ROOT, "A frame from %s to %s was fragmented across a key installation or reconnection: "
                    + "fragments under different keys, or from the fragment cache, are joined by vulnerable receivers "
                    + "(FragAttacks mixed key / cache attack, CVE-2020-24586/24587).", MacAddress.format(ta), MacAddress.format(ra));
        } else if (prot && l.lastPn >= 0 && pn >= 0 && pn != l.lastPn + 1) {
            reason = "NON_CONSECUTIVE_PN";
            conf = 0.85;
            why = String.format(Locale.ROOT, "Encrypted fragments of one frame from %s to %s carry packet numbers %d and %d, not "
                    + "consecutive: receivers must drop them (FragAttacks, CVE-2020-26146; also fragments under two keys).",
                    MacAddress.format(ta), MacAddress.format(ra), l.lastPn, pn);
        } else if (!prot && e != null && e.protectedSeen) {
            reason = "PLAINTEXT_FRAGMENT";
            why = plaintext(ta, ra);
        }
        l.lastFragment = frag;
        l.lastPn = pn;
        l.at = now;
        if (!more) l.seq = -1;
        if (reason != null) report(out, f, now, l, reason, Severity.HIGH, conf, why);
    }

    private static String plaintext(long ta, long ra) {
        return String.format(Locale.ROOT, "%s sent %s an unprotected fragment on a protected link: plaintext fragments are "
                + "injected frames (FragAttacks, CVE-2020-26140/26143/26145).", MacAddress.format(ta), MacAddress.format(ra));
    }

    private void report(Findings out, Frame f, long now, Link l, String reason, Severity sev, double conf, String summary) {
        long bssid = f.bssid();
        Finding x = Finding.of("frag_attack", now).bssid(bssid != MacAddress.NONE ? bssid : f.receiver())
                .source(f.transmitter()).target(f.receiver()).channel(f.channel()).mitre(SPEC.mitre())
                .reason(reason).severity(sev).confidence(conf)
                .evidence("sequence", f.sequence())
                .evidence("fragment", f.fragment())
                .evidence("protected", f.protectedFrame())
                .summary(summary);
        if (f.protectedFrame() && f.ccmpPacketNumber() >= 0) x.evidence("packet_number", f.ccmpPacketNumber());
        if (l != null) l.alert.report(out, x); else out.report(x);
    }

    @Override
    public void onTick(long now, Findings out) {
        links.expire(now - ttl);
        epochs.expire(now - ttl);
    }

    @Override
    public long stateSize() { return links.size() + epochs.size(); }
}
