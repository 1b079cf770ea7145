package io.sentinel.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.WireText;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A network the operator owns, as the fleet configuration states it: its SSID (text, 1-32 bytes
 * of UTF-8), the BSSIDs allowed to serve it, listed or by range ({@code 00:1a:1e} for an OUI,
 * {@code 00:1a:1e:10:00:00/28} for an IEEE MA-M block; neither: any), the channels it uses
 * (empty: any), the security it advertises (the contract's label, e.g. {@code wpa2-psk}, and in
 * detail its AKMs, pairwise and group ciphers and management frame protection; absent: any), the
 * vendors of its access points as the IEEE registry names them and their beacon fingerprints
 * (as {@code rogue_ap} alerts report them; empty: any).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MonitoredNetworkSpec(
        @JsonProperty(value = "ssid", required = true) String ssid,
        @JsonProperty("bssids") List<String> bssids,
        @JsonProperty("bssid_ranges") List<String> bssidRanges,
        @JsonProperty("channels") List<Integer> channels,
        @JsonProperty("security") String security,
        @JsonProperty("akms") List<String> akms,
        @JsonProperty("pairwise_ciphers") List<String> pairwiseCiphers,
        @JsonProperty("group_cipher") String groupCipher,
        @JsonProperty("pmf") String pmf,
        @JsonProperty("vendors") List<String> vendors,
        @JsonProperty("fingerprints") List<String> fingerprints) {

    public static final int MAX_BSSIDS = 256;
    private static final int MAX_LIST = 64;
    private static final Pattern SECURITY = Pattern.compile("[a-z0-9][a-z0-9+/-]{0,31}");
    private static final Pattern SUITE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern RANGE = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){0,5}|[0-9a-f]{2}(:[0-9a-f]{2}){5}/([1-9]|[1-3][0-9]|4[0-8])");
    private static final List<String> PMF = List.of("required", "capable", "disabled");

    public MonitoredNetworkSpec {
        bssids = lower(bssids);
        bssidRanges = lower(bssidRanges);
        channels = channels == null ? List.of() : List.copyOf(channels);
        akms = lower(akms);
        pairwiseCiphers = lower(pairwiseCiphers);
        groupCipher = groupCipher == null ? null : groupCipher.toLowerCase(Locale.ROOT);
        pmf = pmf == null ? null : pmf.toLowerCase(Locale.ROOT);
        vendors = vendors == null ? List.of() : vendors.stream().toList();
        fingerprints = lower(fingerprints);
    }

    /** SSID, BSSIDs, channels and security label only. */
    public MonitoredNetworkSpec(String ssid, List<String> bssids, List<Integer> channels, String security) {
        this(ssid, bssids, null, channels, security, null, null, null, null, null, null);
    }

    /** This network with other BSSIDs and channels, everything else kept. */
    public MonitoredNetworkSpec withBssids(List<String> bssids, List<Integer> channels) {
        return new MonitoredNetworkSpec(ssid, bssids, bssidRanges, channels, security, akms, pairwiseCiphers, groupCipher, pmf,
                vendors, fingerprints);
    }

    private static List<String> lower(List<String> l) {
        return l == null ? List.of() : l.stream().map(b -> b == null ? null : b.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether the BSSID (lower-case text) is listed or in a range; with neither configured every BSSID is. */
    public boolean authorizes(String bssid) {
        if (bssids.isEmpty() && bssidRanges.isEmpty()) return true;
        if (bssids.contains(bssid)) return true;
        long mac = macValue(bssid);
        for (String r : bssidRanges) if (mac >= 0 && inRange(mac, r)) return true;
        return false;
    }

    private static long macValue(String mac) {
        if (mac == null || mac.length() != 17) return -1;
        try {
            return Long.parseLong(mac.replace(":", "").replace("-", ""), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean inRange(long mac, String range) {
        int slash = range.indexOf('/');
        long value;
        int bits;
        if (slash >= 0) {
            value = macValue(range.substring(0, slash));
            bits = Integer.parseInt(range.substring(slash + 1));
        } else {
            String hex = range.replace(":", "");
            bits = hex.length() * 4;
            value = Long.parseLong(hex, 16) << (48 - bits);
        }
        long mask = (0xFFFF_FFFF_FFFFL << (48 - bits)) & 0xFFFF_FFFF_FFFFL;
        return (mac & mask) == (value & mask);
    }

    /** Checks every value; {@code at} is the JSON path of this entry, {@code check} judges suite and vendor names. */
    public void validate(String at, SettingsCheck check) {
        if (ssid == null || ssid.isEmpty()) {
            throw new InvalidMessageException(at + ".ssid", "required, 1-32 bytes");
        }
        WireText.require(at + ".ssid", ssid, 32);
        if (ssid.getBytes(StandardCharsets.UTF_8).length > 32) {
            throw new InvalidMessageException(at + ".ssid", "longer than 32 bytes of UTF-8");
        }
        if (bssids.size() > MAX_BSSIDS) {
            throw new InvalidMessageException(at + ".bssids", "more than " + MAX_BSSIDS + " BSSIDs");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < bssids.size(); i++) {
            Identifiers.requireMac(at + ".bssids[" + i + "]", bssids.get(i));
            if (!seen.add(bssids.get(i))) {
                throw new InvalidMessageException(at + ".bssids[" + i + "]", "listed twice");
            }
        }
        size(at + ".bssid_ranges", bssidRanges);
        for (int i = 0; i < bssidRanges.size(); i++) {
            String r = bssidRanges.get(i);
            if (r == null || !RANGE.matcher(r).matches()) {
                throw new InvalidMessageException(at + ".bssid_ranges[" + i + "]",
                        "must be a MAC prefix of whole octets (00:1a:1e) or an address with a prefix length (00:1a:1e:10:00:00/28)");
            }
        }
        for (int i = 0; i < channels.size(); i++) {
            Integer c = channels.get(i);
            if (c == null || c < 1 || c > 233) {
                throw new InvalidMessageException(at + ".channels[" + i + "]", "must be a channel number 1-233");
            }
        }
        if (security != null && !SECURITY.matcher(security).matches()) {
            throw new InvalidMessageException(at + ".security", "must be a security label such as wpa2-psk or wpa3-sae");
        }
        names(at + ".akms", akms, check, SettingsCheck.Kind.AKM);
        names(at + ".pairwise_ciphers", pairwiseCiphers, check, SettingsCheck.Kind.CIPHER);
        if (groupCipher != null) name(at + ".group_cipher", groupCipher, check, SettingsCheck.Kind.CIPHER);
        if (pmf != null && !PMF.contains(pmf)) {
            throw new InvalidMessageException(at + ".pmf", "must be required, capable or disabled");
        }
        size(at + ".vendors", vendors);
        for (int i = 0; i < vendors.size(); i++) {
            WireText.require(at + ".vendors[" + i + "]", vendors.get(i), 200);
            judge(at + ".vendors[" + i + "]", vendors.get(i), check, SettingsCheck.Kind.VENDOR);
        }
        size(at + ".fingerprints", fingerprints);
        for (int i = 0; i < fingerprints.size(); i++) {
            String f = fingerprints.get(i);
            if (f == null || !f.matches("[0-9a-f]{16}")) {
                throw new InvalidMessageException(at + ".fingerprints[" + i + "]", "must be 16 hex digits, as rogue_ap alerts report them");
            }
        }
    }

    private static void size(String field, List<?> l) {
        if (l.size() > MAX_LIST) throw new InvalidMessageException(field, "more than " + MAX_LIST + " entries");
    }

    private static void names(String field, List<String> l, SettingsCheck check, SettingsCheck.Kind kind) {
        size(field, l);
        var seen = new HashSet<String>();
        for (int i = 0; i < l.size(); i++) {
            name(field + "[" + i + "]", l.get(i), check, kind);
            if (!seen.add(l.get(i))) throw new InvalidMessageException(field + "[" + i + "]", "listed twice");
        }
    }

    private static void name(String field, String value, SettingsCheck check, SettingsCheck.Kind kind) {
        if (value == null || !SUITE.matcher(value).matches()) {
            throw new InvalidMessageException(field, "must be a suite name such as psk, sae, ccmp");
        }
        judge(field, value, check, kind);
    }

    private static void judge(String field, String value, SettingsCheck check, SettingsCheck.Kind kind) {
        try {
            check.checkName(kind, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(field, e.getMessage());
        }
    }
}
