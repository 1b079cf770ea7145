package io.sentinel.detect.impersonation;

import io.sentinel.detect.Detector;
import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.detect.Param;
import io.sentinel.detect.Severity;
import io.sentinel.detect.Settings;
import io.sentinel.detect.state.AlertHandle;
import io.sentinel.detect.state.Keys;
import io.sentinel.detect.state.LongLruTable;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SSIDs that imitate a monitored network's name without being equal to it: the same after
 * folding confusable characters (Cyrillic look-alikes, 0/O, 1/l, rn/m, invisible characters,
 * case, spacing) or within a small edit distance. Silent when no network is monitored.
 */
public final class SsidLookalikeDetector implements Detector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "ssid_lookalike", List.of("ssid_lookalike"), Set.of(Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.count("max_distance", 2, "largest edit distance (Damerau-Levenshtein) to a monitored SSID; 1 for names shorter than 8"),
                    Param.count("min_length", 4, "monitored SSIDs shorter than this are only compared after folding"),
                    Param.count("confirm_frames", 2, "frames from the BSSID before alerting"),
                    Param.seconds("state_ttl_s", 3600, "forget a BSSID/SSID pair after this long unheard"),
                    Param.count("max_tracked", 8192, "SSIDs and BSSID/SSID pairs remembered at most")),
            "high for confusable-character look-alikes, medium for edit-distance ones",
            Mitre.of(Mitre.AITM),
            "Compares each new SSID with the monitored SSIDs after folding confusables, then by edit distance.")
            .limits(AlertPolicy.of("ssid_lookalike").by(AlertPolicy.Group.FINDING));

    private final int maxDistance, minLength, confirm;
    private final long ttl;
    private final List<MonitoredNetwork> networks;
    private final String[] folded;
    private final LongLruTable<Verdict> verdicts;
    private final LongLruTable<Sighting> sightings;

    private record Verdict(int network, String reason, int distance, String ssid) {}

    private static final class Sighting {
        int frames;
        final AlertHandle alert = new AlertHandle();
    }

    private static final Verdict NONE = new Verdict(-1, null, -1, null);

    public SsidLookalikeDetector(Settings s) {
        maxDistance = s.count("max_distance");
        minLength = s.count("min_length");
        confirm = Math.max(1, s.count("confirm_frames"));
        ttl = s.nanos("state_ttl_s");
        networks = s.monitored();
        folded = new String[networks.size()];
        for (int i = 0; i < folded.length; i++) folded[i] = fold(networks.get(i).ssid());
        verdicts = new LongLruTable<>(s.count("max_tracked"));
        sightings = new LongLruTable<>(s.count("max_tracked"));
    }

    @Override
    public DetectorSpec spec() { return SPEC; }

    @Override
    public void onFrame(Frame f, long now, Findings out) {
        if (networks.isEmpty() || f.elements().ssidHidden()) return;
        int hash = f.elements().ssidHash();
        long vk = Keys.ssid(hash);
        Verdict v = verdicts.touch(vk, now);
        if (v == null) {
            String ssid = f.ssid();
            v = ssid == null ? NONE : judge(ssid);
            verdicts.put(vk, v, now);
        }
        if (v.network < 0) return;
        long bssid = ApFrames.bssid(f);
        Sighting si = sightings.touchOrCreate(Keys.pair(bssid, hash), now, k -> new Sighting());
        if (si.alert.grow(out, now, 1, 256)) return;
        if (++si.frames < confirm && !si.alert.isOpen()) return;
        MonitoredNetwork net = networks.get(v.network);
        si.alert.report(out, Finding.of("ssid_lookalike", now).frames(si.alert.isOpen() ? 1 : si.frames)
                .bssid(bssid).source(bssid).ssid(v.ssid).channel(ApFrames.channel(f)).mitre(SPEC.mitre())
                .reason(v.reason)
                .severity(v.reason.equals("CONFUSABLE_CHARACTERS") ? Severity.HIGH : Severity.MEDIUM)
                .confidence(v.reason.equals("CONFUSABLE_CHARACTERS") ? 0.9 : 0.7)
                .evidence("imitated_ssid", net.ssid())
                .evidence("edit_distance", v.distance)
                .evidence("security", ApFrames.security(f))
                .summary(String.format(Locale.ROOT, "%s advertises \"%s\", a look-alike of the monitored network \"%s\".",
                        MacAddress.format(bssid), v.ssid, net.ssid())));
    }

    private Verdict judge(String ssid) {
        String f = fold(ssid);
        for (int i = 0; i < networks.size(); i++) {
            String target = networks.get(i).ssid();
            if (ssid.equals(target)) return NONE; // the real name: rogue_ap's business
            if (f.equals(folded[i])) return new Verdict(i, "CONFUSABLE_CHARACTERS", distance(ssid, target), ssid);
        }
        for (int i = 0; i < networks.size(); i++) {
            String target = networks.get(i).ssid();
            if (target.length() < minLength) continue;
            int allowed = target.length() < 8 ? Math.min(1, maxDistance) : maxDistance;
            int d = distance(ssid.toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT));
            if (d > 0 && d <= allowed) return new Verdict(i, "EDIT_DISTANCE", d, ssid);
        }
        return NONE;
    }

    /** Folds case, compatibility forms, invisible characters, separators and common confusables. */
    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = Character.toLowerCase(n.charAt(i));
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.FORMAT) continue;
            if (Character.isWhitespace(c) || c == '-' || c == '_' || c == '.' || c == '\u00a0') continue;
            b.append(switch (c) {
                case '0', '\u043e', '\u03bf' -> 'o';
                case '1', '|', '!', '\u0456', '\u0131', 'i' -> 'l';
                case '3', '\u0435', '\u03b5' -> 'e';
                case '4', '@', '\u0430', '\u03b1' -> 'a';
                case '5', '$', '\u0455' -> 's';
                case '7' -> 't';
                case '8' -> 'b';
                case '\u0440', '\u03c1' -> 'p';
                case '\u0441', '\u03f2' -> 'c';
                case '\u0443' -> 'y';
                case '\u0445', '\u03c7' -> 'x';
                case '\u043a', '\u03ba' -> 'k';
                case '\u043c' -> 'm';
                case '\u043d', '\u03b7' -> 'h';
                case '\u0442', '\u03c4' -> 't';
                case '\u0432', '\u03b2' -> 'b';
                default -> c;
            });
        }
        return b.toString().replace("rn", "m").replace("vv", "w");
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int n = a.length(), m = b.length();
        if (Math.abs(n - m) > 3) return Math.abs(n - m);
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[n][m];
    }

    @Override
    public void onTick(long now, Findings out) {
        verdicts.expire(now - ttl);
        sightings.expire(now - ttl);
    }

    @Override
    public long stateSize() { return verdicts.size() + sightings.size(); }
}
