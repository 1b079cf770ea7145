package io.sentinel.wifi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Vendor names of MAC addresses from the IEEE registries (MA-L 24-bit, MA-M 28-bit, MA-S and IAB
 * 36-bit prefixes), shipped in the jar as {@code vendors.tsv.gz} (generated from Debian's
 * ieee-data by {@code wifi/tools/gen-vendors.py}; public-domain IEEE data). The longest registered
 * prefix wins, as the IEEE assigns MA-M and MA-S blocks inside MA-L blocks it registered to
 * itself. Locally administered addresses (randomised clients, spoofed tools) have no vendor.
 * Loaded once, on first use; lookups are binary searches without allocation. Thread-safe.
 */
public final class Vendors {
    private Vendors() {}

    private static final String RESOURCE = "vendors.tsv.gz";

    /** Prefix keys: the assignment's bits shifted left to 36 bits, tagged with its length in the low nibble. */
    private static final class Table {
        final long[] keys;
        final String[] names;
        final String source;

        Table(long[] keys, String[] names, String source) {
            this.keys = keys;
            this.names = names;
            this.source = source;
        }
    }

    private static final class Holder {
        static final Table TABLE = load();
    }

    private static long key(long prefix36, int digits) { return prefix36 << 4 | digits; }

    private static Table load() {
        try (InputStream raw = Vendors.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) return new Table(new long[0], new String[0], "missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            long[] keys = new long[65536];
            String[] names = new String[65536];
            int n = 0;
            String source = "";
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    source = line.substring(1).trim();
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 6 || tab > 9) continue;
                long v = Long.parseLong(line, 0, tab, 16);
                long prefix36 = v << (4 * (9 - tab));
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    names = Arrays.copyOf(names, n * 2);
                }
                keys[n] = key(prefix36, tab);
                names[n] = line.substring(tab + 1).intern();
                n++;
            }
            // sort by key (the file is sorted by hex text, which differs for prefixes of different lengths)
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            final long[] k = keys;
            Arrays.sort(order, (a, b) -> Long.compare(k[a], k[b]));
            long[] sk = new long[n];
            String[] sn = new String[n];
            for (int i = 0; i < n; i++) {
                sk[i] = keys[order[i]];
                sn[i] = names[order[i]];
            }
            return new Table(sk, sn, source);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the vendor table", e);
        }
    }

    /** The registered organisation for this MAC (from its 36-, 28- or 24-bit prefix), or null. */
    public static String name(long mac) {
        if (mac == MacAddress.NONE || MacAddress.isLocallyAdministered(mac) || MacAddress.isGroup(mac)) return null;
        Table t = Holder.TABLE;
        long prefix36 = mac >>> 12;
        for (int digits : new int[] {9, 7, 6}) {
            long p = prefix36 >>> (4 * (9 - digits)) << (4 * (9 - digits));
            int i = Arrays.binarySearch(t.keys, key(p, digits));
            if (i >= 0) return t.names[i];
        }
        return null;
    }

    /** The vendor name, or {@code "locally administered"} / {@code "unknown"} for display. */
    public static String describe(long mac) {
        if (mac != MacAddress.NONE && MacAddress.isLocallyAdministered(mac)) return "locally administered";
        String n = name(mac);
        return n != null ? n : "unknown";
    }

    /** The registered organisation name as the table spells it, matched ignoring case; null when none is. */
    public static String registeredName(String name) {
        if (name == null) return null;
        return Names.BY_LOWER.get(name.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private static final class Names {
        static final java.util.Map<String, String> BY_LOWER = new java.util.HashMap<>();
        static {
            for (String n : Holder.TABLE.names) BY_LOWER.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n);
        }
    }

    /** Assignments in the table (0 when the resource is missing). */
    public static int size() { return Holder.TABLE.keys.length; }

    /** Where the table came from (its header line). */
    public static String source() { return Holder.TABLE.source; }
}
