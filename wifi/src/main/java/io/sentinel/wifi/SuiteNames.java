package io.sentinel.wifi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names of the RSN AKM and cipher suites (IEEE 802.11-2020 tables 9-151 and 9-149, OUI
 * 00-0F-AC) as configurations write them, and their {@link Security} bits: {@code psk},
 * {@code sae}, {@code 8021x}, {@code ft-psk} ...; {@code ccmp}, {@code gcmp-256}, {@code tkip} ...
 */
public final class SuiteNames {
    private SuiteNames() {}

    private static final Map<String, Integer> AKMS = new LinkedHashMap<>();
    private static final Map<String, Integer> CIPHERS = new LinkedHashMap<>();

    static {
        AKMS.put("8021x", Security.AKM_8021X);
        AKMS.put("psk", Security.AKM_PSK);
        AKMS.put("ft-8021x", Security.AKM_FT_8021X);
        AKMS.put("ft-psk", Security.AKM_FT_PSK);
        AKMS.put("8021x-sha256", Security.AKM_8021X_SHA256);
        AKMS.put("psk-sha256", Security.AKM_PSK_SHA256);
        AKMS.put("sae", Security.AKM_SAE);
        AKMS.put("ft-sae", Security.AKM_FT_SAE);
        AKMS.put("suite-b", Security.AKM_SUITE_B);
        AKMS.put("suite-b-192", Security.AKM_SUITE_B_192);
        AKMS.put("ft-8021x-sha384", Security.AKM_FT_8021X_SHA384);
        AKMS.put("owe", Security.AKM_OWE);
        AKMS.put("sae-ext", Security.AKM_SAE_EXT);
        AKMS.put("ft-sae-ext", Security.AKM_FT_SAE_EXT);
        CIPHERS.put("wep40", Security.CIPHER_WEP40);
        CIPHERS.put("tkip", Security.CIPHER_TKIP);
        CIPHERS.put("ccmp", Security.CIPHER_CCMP);
        CIPHERS.put("wep104", Security.CIPHER_WEP104);
        CIPHERS.put("gcmp", Security.CIPHER_GCMP);
        CIPHERS.put("gcmp-256", Security.CIPHER_GCMP256);
        CIPHERS.put("ccmp-256", Security.CIPHER_CCMP256);
    }

    /** Every AKM name, in suite order. */
    public static List<String> akmNames() { return List.copyOf(AKMS.keySet()); }

    /** Every pairwise/group data cipher name, in suite order. */
    public static List<String> cipherNames() { return List.copyOf(CIPHERS.keySet()); }

    /** @throws IllegalArgumentException naming the unknown AKM */
    public static int akmBits(Collection<String> names) { return bits(names, AKMS, "AKM"); }

    /** @throws IllegalArgumentException naming the unknown cipher */
    public static int cipherBits(Collection<String> names) { return bits(names, CIPHERS, "cipher"); }

    /** The names of the AKM bits set ({@code other} for a suite without a name here). */
    public static List<String> akms(int bits) { return names(bits, AKMS); }

    public static List<String> ciphers(int bits) { return names(bits, CIPHERS); }

    private static int bits(Collection<String> names, Map<String, Integer> table, String what) {
        int bits = 0;
        for (String n : names) {
            Integer b = n == null ? null : table.get(n.toLowerCase(Locale.ROOT));
            if (b == null) {
                throw new IllegalArgumentException("unknown " + what + " '" + n + "' (" + String.join(", ", table.keySet()) + ")");
            }
            bits |= b;
        }
        return bits;
    }

    private static List<String> names(int bits, Map<String, Integer> table) {
        List<String> out = new ArrayList<>();
        int named = 0;
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if ((bits & e.getValue()) != 0) out.add(e.getKey());
            named |= e.getValue();
        }
        if ((bits & ~named) != 0) out.add("other");
        return out;
    }
}
