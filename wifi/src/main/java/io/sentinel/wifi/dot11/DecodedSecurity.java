package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Bytes.*;

import io.sentinel.wifi.Security;
import java.lang.foreign.MemorySegment;

/**
 * The reusable {@link Security} view of one frame, filled from the RSN element (48), the WPA
 * vendor element (00-50-F2 type 1) and the privacy bit of the capability information.
 *
 * <p>It is {@link #known()} for beacons, probe responses and (re)association requests. The
 * {@link #label()} is chosen by the first matching row:
 *
 * <table>
 * <caption>security label mapping</caption>
 * <tr><th>advertised</th><th>label</th><th>strength</th></tr>
 * <tr><td>RSN, AKMs only OWE (00-0F-AC:18)</td><td>{@code owe}</td><td>5</td></tr>
 * <tr><td>RSN, an SAE AKM (8, 9, 24, 25) and a PSK AKM (2, 4, 6)</td><td>{@code wpa2/wpa3-sae}</td><td>4</td></tr>
 * <tr><td>RSN, an SAE AKM and no PSK AKM</td><td>{@code wpa3-sae}</td><td>5</td></tr>
 * <tr><td>RSN, a Suite B AKM (11, 12, 13)</td><td>{@code wpa3-eap}</td><td>5</td></tr>
 * <tr><td>RSN, 802.1X-SHA256 (5) with PMF required</td><td>{@code wpa3-eap}</td><td>5</td></tr>
 * <tr><td>RSN, a PSK AKM (2, 4, 6)</td><td>{@code wpa2-psk}</td><td>3</td></tr>
 * <tr><td>RSN, an 802.1X AKM (1, 3, 5)</td><td>{@code wpa2-eap}</td><td>3</td></tr>
 * <tr><td>RSN, no AKM we know</td><td>{@code wpa2}</td><td>3</td></tr>
 * <tr><td>no RSN, WPA element with PSK (00-50-F2:2)</td><td>{@code wpa-psk}</td><td>2</td></tr>
 * <tr><td>no RSN, WPA element with 802.1X (00-50-F2:1)</td><td>{@code wpa-eap}</td><td>2</td></tr>
 * <tr><td>no RSN, WPA element, other AKMs</td><td>{@code wpa}</td><td>2</td></tr>
 * <tr><td>neither, privacy bit set</td><td>{@code wep}</td><td>1</td></tr>
 * <tr><td>neither, privacy bit clear</td><td>{@code open}</td><td>0</td></tr>
 * </table>
 *
 * An RSN element whose optional lists are absent takes the standard's defaults (CCMP group and
 * pairwise cipher, 802.1X AKM). When both RSN and WPA elements are present (WPA/WPA2 mixed mode)
 * the label and the cipher/AKM sets come from RSN; {@link #hasWpa()} still tells.
 */
public final class DecodedSecurity implements Security {

    static final int OUI_IEEE = 0x000FAC;
    static final int OUI_MICROSOFT = 0x0050F2;

    private static final int SAE_AKMS = AKM_SAE | AKM_FT_SAE | AKM_SAE_EXT | AKM_FT_SAE_EXT;
    private static final int PSK_AKMS = AKM_PSK | AKM_FT_PSK | AKM_PSK_SHA256;
    private static final int EAP_AKMS = AKM_8021X | AKM_FT_8021X | AKM_8021X_SHA256;
    private static final int SUITE_B_AKMS = AKM_SUITE_B | AKM_SUITE_B_192 | AKM_FT_8021X_SHA384;

    private boolean known;
    private String label;
    private int strength;
    private boolean privacy;
    private boolean hasRsn, hasWpa;
    private int rsnVersion;
    private int rsnGroup, rsnPairwise, rsnAkms, rsnCaps, pmkidCount, groupMgmtCipher;
    private int wpaGroup, wpaPairwise, wpaAkms;

    private boolean dirty = true;

    void reset() {
        if (!dirty) return; // untouched since the last reset
        dirty = false;
        known = false;
        label = null;
        strength = -1;
        privacy = false;
        hasRsn = hasWpa = false;
        rsnVersion = -1;
        rsnGroup = rsnPairwise = rsnAkms = 0;
        rsnCaps = -1;
        pmkidCount = 0;
        groupMgmtCipher = 0;
        wpaGroup = wpaPairwise = wpaAkms = 0;
    }

    /** Cipher bit of suite type {@code t} under {@code oui}: 1 << t for the standard OUI, else OTHER. */
    private static int suiteBit(int oui, int type, int expectedOui) {
        if (oui != expectedOui || type >= 31) return 1 << 31;
        return 1 << type;
    }

    /**
     * Parses an RSN element body. Every list length is checked against the element length.
     * @return false when the element is malformed (fields decoded up to the fault are kept)
     */
    boolean parseRsn(MemorySegment s, long p, int len) {
        if (hasRsn) return parseSecondRsn(s, p, len);
        dirty = true;
        hasRsn = true;
        long end = p + len;
        // defaults of 802.11-2020 9.4.2.24 for absent optional fields
        rsnGroup = CIPHER_CCMP;
        rsnPairwise = CIPHER_CCMP;
        rsnAkms = AKM_8021X;
        if (len < 2) return false;
        rsnVersion = le16(s, p);
        p += 2;
        if (rsnVersion != 1) return false;
        if (end - p < 4) return end == p;
        rsnGroup = suiteBit(be24(s, p), u8(s, p + 3), OUI_IEEE);
        p += 4;
        if (end - p < 2) return end == p;
        int n = le16(s, p);
        p += 2;
        if ((long) n * 4 > end - p) return false;
        rsnPairwise = 0;
        for (int i = 0; i < n; i++, p += 4) rsnPairwise |= suiteBit(be24(s, p), u8(s, p + 3), OUI_IEEE);
        if (end - p < 2) return end == p;
        n = le16(s, p);
        p += 2;
        if ((long) n * 4 > end - p) return false;
        rsnAkms = 0;
        for (int i = 0; i < n; i++, p += 4) rsnAkms |= suiteBit(be24(s, p), u8(s, p + 3), OUI_IEEE);
        if (end - p < 2) return end == p;
        rsnCaps = le16(s, p);
        p += 2;
        if (end - p < 2) return end == p;
        n = le16(s, p);
        p += 2;
        if ((long) n * 16 > end - p) return false;
        pmkidCount = n;
        p += 16L * n;
        if (end - p < 4) return end == p;
        groupMgmtCipher = suiteBit(be24(s, p), u8(s, p + 3), OUI_IEEE);
        return true;
    }

    /**
     * A second RSN element in one frame (seen from real APs that list their WPA2 and WPA3 suites in
     * two elements): the frame offers the union of the pairwise ciphers and AKMs of both, so a
     * transition-mode AP is not read as WPA2-only. Group cipher, capabilities and PMKIDs stay those
     * of the first element. A malformed second element adds nothing.
     */
    private boolean parseSecondRsn(MemorySegment s, long p, int len) {
        int version = rsnVersion, group = rsnGroup, pairwise = rsnPairwise, akms = rsnAkms, caps = rsnCaps,
                pmkids = pmkidCount, mgmt = groupMgmtCipher;
        hasRsn = false;
        boolean ok = parseRsn(s, p, len);
        int morePairwise = rsnPairwise, moreAkms = rsnAkms;
        rsnVersion = version;
        rsnGroup = group;
        rsnCaps = caps;
        pmkidCount = pmkids;
        groupMgmtCipher = mgmt;
        rsnPairwise = ok ? pairwise | morePairwise : pairwise;
        rsnAkms = ok ? akms | moreAkms : akms;
        hasRsn = true;
        return true;
    }

    /** Parses the body of a WPA vendor element after its 4-byte OUI+type header. */
    boolean parseWpa(MemorySegment s, long p, int len) {
        if (hasWpa) return true;
        dirty = true;
        hasWpa = true;
        long end = p + len;
        wpaGroup = CIPHER_TKIP;
        wpaPairwise = CIPHER_TKIP;
        wpaAkms = AKM_8021X;
        if (len < 2 || le16(s, p) != 1) return false;
        p += 2;
        if (end - p < 4) return end == p;
        wpaGroup = suiteBit(be24(s, p), u8(s, p + 3), OUI_MICROSOFT);
        p += 4;
        if (end - p < 2) return end == p;
        int n = le16(s, p);
        p += 2;
        if ((long) n * 4 > end - p) return false;
        wpaPairwise = 0;
        for (int i = 0; i < n; i++, p += 4) wpaPairwise |= suiteBit(be24(s, p), u8(s, p + 3), OUI_MICROSOFT);
        if (end - p < 2) return end == p;
        n = le16(s, p);
        p += 2;
        if ((long) n * 4 > end - p) return false;
        wpaAkms = 0;
        for (int i = 0; i < n; i++, p += 4) wpaAkms |= suiteBit(be24(s, p), u8(s, p + 3), OUI_MICROSOFT);
        return true;
    }

    /** Derives the label once the elements and the capability field are known. */
    void finish(int capabilityInfo) {
        dirty = true;
        known = true;
        privacy = capabilityInfo >= 0 && (capabilityInfo & 0x10) != 0;
        if (hasRsn) {
            int a = rsnAkms;
            boolean pmfRequired = rsnCaps >= 0 && (rsnCaps & 0x40) != 0;
            if (a != 0 && (a & ~AKM_OWE) == 0) set("owe", 5);
            else if ((a & SAE_AKMS) != 0 && (a & PSK_AKMS) != 0) set("wpa2/wpa3-sae", 4);
            else if ((a & SAE_AKMS) != 0) set("wpa3-sae", 5);
            else if ((a & SUITE_B_AKMS) != 0) set("wpa3-eap", 5);
            else if ((a & AKM_8021X_SHA256) != 0 && pmfRequired) set("wpa3-eap", 5);
            else if ((a & PSK_AKMS) != 0) set("wpa2-psk", 3);
            else if ((a & EAP_AKMS) != 0) set("wpa2-eap", 3);
            else set("wpa2", 3);
        } else if (hasWpa) {
            if ((wpaAkms & AKM_PSK) != 0) set("wpa-psk", 2);
            else if ((wpaAkms & AKM_8021X) != 0) set("wpa-eap", 2);
            else set("wpa", 2);
        } else if (privacy) {
            set("wep", 1);
        } else {
            set("open", 0);
        }
    }

    /**
     * Like {@link #finish(int)} for a body that was cut short (snap length, a truncated element,
     * no capability field): a security element found is used, but its absence proves nothing, so
     * a frame without one has unknown security rather than "open" or "wep".
     */
    void finishTruncated(int capabilityInfo) {
        finish(capabilityInfo);
        if (capabilityInfo < 0 || (!hasRsn && !hasWpa)) {
            known = false;
            label = null;
            strength = -1;
        }
    }

    private void set(String l, int s) {
        label = l;
        strength = s;
    }

    @Override public boolean known() { return known; }
    @Override public String label() { return label; }
    @Override public boolean privacy() { return privacy; }
    @Override public boolean hasRsn() { return hasRsn; }
    @Override public boolean hasWpa() { return hasWpa; }
    @Override public int groupCipher() { return hasRsn ? rsnGroup : wpaGroup; }
    @Override public int pairwiseCiphers() { return hasRsn ? rsnPairwise : wpaPairwise; }
    @Override public int akms() { return hasRsn ? rsnAkms : wpaAkms; }
    @Override public int rsnCapabilities() { return rsnCaps; }
    @Override public boolean pmfCapable() { return rsnCaps >= 0 && (rsnCaps & 0x80) != 0; }
    @Override public boolean pmfRequired() { return rsnCaps >= 0 && (rsnCaps & 0x40) != 0; }
    @Override public int pmkidCount() { return pmkidCount; }
    @Override public int strength() { return strength; }

    /** RSN element version, or -1. */
    @Override public int rsnVersion() { return rsnVersion; }

    /** Group management cipher bit of the RSN element (BIP), or 0. */
    @Override public int groupManagementCipher() { return groupMgmtCipher; }

    /** Cipher bits of the WPA element alone (0 when absent). */
    @Override public int wpaPairwiseCiphers() { return wpaPairwise; }

    /** AKM bits of the WPA element alone (0 when absent). */
    @Override public int wpaAkms() { return wpaAkms; }
}
