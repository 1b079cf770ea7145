package io.sentinel.detect;

import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.MacPrefix;
import io.sentinel.wifi.Security;
import io.sentinel.wifi.SuiteNames;
import io.sentinel.wifi.Vendors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A network the operator owns: its SSID, the BSSIDs allowed to serve it (listed, or by prefix:
 * an OUI or an IEEE MA-M/MA-S block), the channels it uses, the security it advertises (the
 * contract label such as {@code wpa2-psk}, and in detail the AKMs, ciphers and management frame
 * protection), the vendors of its access points and their beacon fingerprints
 * ({@link ApFingerprint}). Empty sets and absent values mean "any".
 */
public record MonitoredNetwork(String ssid, Set<Long> bssids, List<MacPrefix> bssidRanges, Set<Integer> channels,
                               String security, Expected expected, Set<String> vendors, Set<String> fingerprints) {

    /** Management frame protection an AP must advertise. */
    public enum Pmf { REQUIRED, CAPABLE, DISABLED }

    /**
     * The RSN details an AP of the network advertises: AKM and pairwise cipher sets (exactly
     * these; 0: any), the group cipher (0: any), PMF (null: any).
     */
    public record Expected(int akms, int pairwise, int group, Pmf pmf) {
        public static final Expected ANY = new Expected(0, 0, 0, null);

        /** What the advertised security disagrees with: {@code akms}, {@code pairwise_ciphers}, {@code group_cipher}, {@code pmf}. */
        public List<String> deviations(Security s) {
            if (s == null || !s.known() || equals(ANY)) return List.of();
            List<String> out = new ArrayList<>(2);
            if (akms != 0 && s.akms() != akms) out.add("akms");
            if (pairwise != 0 && s.pairwiseCiphers() != pairwise) out.add("pairwise_ciphers");
            if (group != 0 && s.groupCipher() != group) out.add("group_cipher");
            if (pmf != null && pmfOf(s) != pmf) out.add("pmf");
            return out;
        }

        public static Pmf pmfOf(Security s) {
            return s.pmfRequired() ? Pmf.REQUIRED : s.pmfCapable() ? Pmf.CAPABLE : Pmf.DISABLED;
        }
    }

    public MonitoredNetwork {
        if (ssid == null || ssid.isEmpty()) throw new IllegalArgumentException("monitored network without ssid");
        bssids = Set.copyOf(bssids);
        bssidRanges = List.copyOf(bssidRanges);
        channels = Set.copyOf(channels);
        expected = expected == null ? Expected.ANY : expected;
        Set<String> v = new HashSet<>();
        for (String name : vendors) v.add(name.toLowerCase(Locale.ROOT));
        vendors = Set.copyOf(v);
        Set<String> f = new HashSet<>();
        for (String fp : fingerprints) f.add(fp.toLowerCase(Locale.ROOT));
        fingerprints = Set.copyOf(f);
    }

    /** SSID, BSSIDs, channels and security label only. */
    public MonitoredNetwork(String ssid, Set<Long> bssids, Set<Integer> channels, String security) {
        this(ssid, bssids, List.of(), channels, security, Expected.ANY, Set.of(), Set.of());
    }

    /** Listed or within a range; with neither configured every BSSID is. */
    public boolean authorizes(long bssid) {
        if (bssids.isEmpty() && bssidRanges.isEmpty()) return true;
        if (bssids.contains(bssid)) return true;
        for (MacPrefix r : bssidRanges) if (r.contains(bssid)) return true;
        return false;
    }

    public boolean allowsChannel(int channel) { return channels.isEmpty() || channel < 0 || channels.contains(channel); }

    /** Security matches when none was configured, or the labels are equal ignoring case. */
    public boolean allowsSecurity(String label) {
        return security == null || security.isBlank() || label == null || security.equalsIgnoreCase(label);
    }

    /**
     * The BSSID's registered vendor is one expected. A BSSID without a registered vendor (locally
     * administered, as the secondary BSSIDs of many access points are) cannot be judged and passes:
     * list or range the BSSIDs to catch those.
     */
    public boolean allowsVendorOf(long bssid) {
        if (vendors.isEmpty()) return true;
        String v = Vendors.name(bssid);
        return v == null || vendors.contains(v.toLowerCase(Locale.ROOT));
    }

    public boolean allowsFingerprint(String fingerprint) {
        return fingerprints.isEmpty() || fingerprint == null || fingerprints.contains(fingerprint);
    }

    private static final Set<String> KEYS = Set.of("ssid", "bssids", "bssid_ranges", "channels", "security", "akms",
            "pairwise_ciphers", "group_cipher", "pmf", "vendors", "fingerprints");

    @SuppressWarnings("unchecked")
    static MonitoredNetwork fromMap(Map<String, Object> m) {
        Object ssid = m.get("ssid");
        if (!(ssid instanceof String s)) throw new IllegalArgumentException("monitored_networks: each entry needs an ssid");
        for (String k : m.keySet()) {
            if (!KEYS.contains(k))
                throw new IllegalArgumentException("monitored_networks: unknown key '" + k + "' (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
        Set<Long> bssids = new HashSet<>();
        for (Object b : (List<Object>) m.getOrDefault("bssids", List.of())) bssids.add(MacAddress.parse(String.valueOf(b).toLowerCase()));
        List<MacPrefix> ranges = new ArrayList<>();
        for (Object r : (List<Object>) m.getOrDefault("bssid_ranges", List.of())) ranges.add(MacPrefix.parse(String.valueOf(r)));
        Set<Integer> channels = new HashSet<>();
        for (Object c : (List<Object>) m.getOrDefault("channels", List.of())) channels.add(((Number) c).intValue());
        Object sec = m.get("security");
        Object group = m.get("group_cipher");
        Object pmf = m.get("pmf");
        Expected e = expected(strings(m.get("akms")), strings(m.get("pairwise_ciphers")), group == null ? null : group.toString(),
                pmf == null ? null : pmf.toString());
        List<String> vendors = strings(m.get("vendors"));
        for (String v : vendors) requireVendor(v);
        List<String> fingerprints = strings(m.get("fingerprints"));
        for (String f : fingerprints) ApFingerprint.require(f);
        return new MonitoredNetwork(s, bssids, ranges, channels, sec == null ? null : sec.toString(), e,
                new HashSet<>(vendors), new HashSet<>(fingerprints));
    }

    /** @throws IllegalArgumentException when the name is not an organisation of the IEEE registry */
    public static void requireVendor(String name) {
        if (Vendors.registeredName(name) == null) {
            throw new IllegalArgumentException("'" + name + "' is not a vendor of the IEEE registry (write the organisation"
                    + " as the registry spells it, e.g. the vendor the dashboard shows for one of the network's BSSIDs)");
        }
    }

    /**
     * The expected RSN details from their names ({@link SuiteNames}); PMF {@code required},
     * {@code capable} or {@code disabled}.
     *
     * @throws IllegalArgumentException naming what is not a suite or PMF mode
     */
    public static Expected expected(List<String> akms, List<String> pairwise, String group, String pmf) {
        Pmf p = null;
        if (pmf != null) {
            try {
                p = Pmf.valueOf(pmf.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("pmf must be required, capable or disabled, got: " + pmf);
            }
        }
        return new Expected(SuiteNames.akmBits(akms), SuiteNames.cipherBits(pairwise),
                group == null ? 0 : SuiteNames.cipherBits(List.of(group)), p);
    }

    private static List<String> strings(Object o) {
        if (o == null) return List.of();
        if (!(o instanceof List<?> l)) throw new IllegalArgumentException("monitored_networks: expected a list, got: " + o);
        List<String> out = new ArrayList<>();
        for (Object x : l) out.add(String.valueOf(x));
        return out;
    }
}
