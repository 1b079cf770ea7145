package io.sentinel.wifi.build;

/**
 * A description of an RSN element (48) or WPA vendor element, written by {@link #rsnElement()}
 * or {@link #wpaElement()}. Suite values below 256 are suite types under the element's OUI
 * (00-0F-AC for RSN, 00-50-F2 for WPA); larger values are a whole 4-byte suite (OUI &lt;&lt; 8 | type).
 * Immutable: every setter returns a copy.
 */
public final class Rsn {

    public static final int CIPHER_WEP40 = 1, CIPHER_TKIP = 2, CIPHER_CCMP = 4, CIPHER_WEP104 = 5, CIPHER_BIP_CMAC = 6,
            CIPHER_GCMP = 8, CIPHER_GCMP256 = 9, CIPHER_CCMP256 = 10, CIPHER_BIP_GMAC256 = 12;
    public static final int AKM_8021X = 1, AKM_PSK = 2, AKM_FT_8021X = 3, AKM_FT_PSK = 4, AKM_8021X_SHA256 = 5,
            AKM_PSK_SHA256 = 6, AKM_SAE = 8, AKM_FT_SAE = 9, AKM_SUITE_B = 11, AKM_SUITE_B_192 = 12, AKM_OWE = 18,
            AKM_SAE_EXT = 24;
    /** RSN capabilities bits: management frame protection required / capable. */
    public static final int CAP_MFPR = 0x40, CAP_MFPC = 0x80;

    private final int version;
    private final int group;
    private final int[] pairwise;
    private final int[] akms;
    private final int capabilities; // -1: omit the field (and everything after it)
    private final int pmkids;
    private final int groupMgmt; // -1: omit
    private final int pairwiseCountOverride; // -1: the real count
    private final int akmCountOverride;

    private Rsn(int version, int group, int[] pairwise, int[] akms, int capabilities, int pmkids, int groupMgmt,
            int pairwiseCountOverride, int akmCountOverride) {
        this.version = version;
        this.group = group;
        this.pairwise = pairwise;
        this.akms = akms;
        this.capabilities = capabilities;
        this.pmkids = pmkids;
        this.groupMgmt = groupMgmt;
        this.pairwiseCountOverride = pairwiseCountOverride;
        this.akmCountOverride = akmCountOverride;
    }

    /** CCMP group and pairwise, no AKM, capabilities 0. */
    public static Rsn of() { return new Rsn(1, CIPHER_CCMP, new int[] {CIPHER_CCMP}, new int[0], 0, 0, -1, -1, -1); }

    public static Rsn wpa2Psk() { return of().akms(AKM_PSK); }

    public static Rsn wpa2Eap() { return of().akms(AKM_8021X); }

    /** WPA3-Personal only: SAE, PMF required. */
    public static Rsn wpa3Sae() { return of().akms(AKM_SAE).capabilities(CAP_MFPR | CAP_MFPC).groupMgmt(CIPHER_BIP_CMAC); }

    /** WPA3-Personal transition mode: PSK and SAE, PMF capable. */
    public static Rsn transition() { return of().akms(AKM_PSK, AKM_SAE).capabilities(CAP_MFPC); }

    /** Enhanced open. */
    public static Rsn owe() { return of().akms(AKM_OWE).capabilities(CAP_MFPR | CAP_MFPC); }

    /** WPA (vendor element) with TKIP and PSK; write it with {@link #wpaElement()}. */
    public static Rsn wpaPsk() { return of().group(CIPHER_TKIP).pairwise(CIPHER_TKIP).akms(AKM_PSK); }

    public Rsn version(int v) { return new Rsn(v, group, pairwise, akms, capabilities, pmkids, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    public Rsn group(int suite) { return new Rsn(version, suite, pairwise, akms, capabilities, pmkids, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    public Rsn pairwise(int... suites) { return new Rsn(version, group, suites.clone(), akms, capabilities, pmkids, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    public Rsn akms(int... suites) { return new Rsn(version, group, pairwise, suites.clone(), capabilities, pmkids, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    /** RSN capabilities; -1 omits the field and all that follows. */
    public Rsn capabilities(int caps) { return new Rsn(version, group, pairwise, akms, caps, pmkids, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    /** Number of (all-0x11..) PMKIDs in the PMKID list. */
    public Rsn pmkids(int count) { return new Rsn(version, group, pairwise, akms, capabilities, count, groupMgmt, pairwiseCountOverride, akmCountOverride); }

    public Rsn groupMgmt(int suite) { return new Rsn(version, group, pairwise, akms, capabilities, pmkids, suite, pairwiseCountOverride, akmCountOverride); }

    /** Declares this many pairwise suites whatever the list holds (hostile frames). */
    public Rsn pairwiseCount(int declared) { return new Rsn(version, group, pairwise, akms, capabilities, pmkids, groupMgmt, declared, akmCountOverride); }

    /** Declares this many AKM suites whatever the list holds (hostile frames). */
    public Rsn akmCount(int declared) { return new Rsn(version, group, pairwise, akms, capabilities, pmkids, groupMgmt, pairwiseCountOverride, declared); }

    private static void suite(ByteWriter w, int oui, int s) {
        if (s < 256) w.be24(oui).u8(s);
        else w.be24(s >>> 8).u8(s & 0xFF);
    }

    /** The body of an RSN element. */
    public byte[] rsnBody() {
        ByteWriter w = new ByteWriter().le16(version);
        suites(w, InfoElements.OUI_IEEE);
        if (capabilities >= 0) {
            w.le16(capabilities);
            if (pmkids > 0 || groupMgmt >= 0) {
                w.le16(pmkids);
                for (int i = 0; i < pmkids; i++) for (int j = 0; j < 16; j++) w.u8(0x11 * (i + 1));
            }
            if (groupMgmt >= 0) suite(w, InfoElements.OUI_IEEE, groupMgmt);
        }
        return w.toArray();
    }

    private void suites(ByteWriter w, int oui) {
        suite(w, oui, group);
        w.le16(pairwiseCountOverride >= 0 ? pairwiseCountOverride : pairwise.length);
        for (int p : pairwise) suite(w, oui, p);
        w.le16(akmCountOverride >= 0 ? akmCountOverride : akms.length);
        for (int a : akms) suite(w, oui, a);
    }

    public byte[] rsnElement() { return InfoElements.element(48, rsnBody()); }

    /** The WPA vendor element: 00-50-F2 type 1, version, suites (no capabilities). */
    public byte[] wpaElement() {
        ByteWriter w = new ByteWriter().be24(InfoElements.OUI_MICROSOFT).u8(1).le16(version);
        suites(w, InfoElements.OUI_MICROSOFT);
        return InfoElements.element(221, w.toArray());
    }
}
