package io.sentinel.wifi;

/**
 * Security advertised by a beacon, probe response or association frame, from the RSN element,
 * the WPA vendor element and the privacy bit. Cipher and AKM sets are bit masks of the
 * constants below.
 */
public interface Security {

    // cipher suite bits (00-0F-AC:n)
    int CIPHER_WEP40 = 1 << 1, CIPHER_TKIP = 1 << 2, CIPHER_CCMP = 1 << 4, CIPHER_WEP104 = 1 << 5,
            CIPHER_BIP_CMAC = 1 << 6, CIPHER_GCMP = 1 << 8, CIPHER_GCMP256 = 1 << 9, CIPHER_CCMP256 = 1 << 10,
            CIPHER_BIP_GMAC = 1 << 11, CIPHER_BIP_GMAC256 = 1 << 12, CIPHER_BIP_CMAC256 = 1 << 13,
            CIPHER_OTHER = 1 << 31;

    // AKM suite bits (00-0F-AC:n)
    int AKM_8021X = 1 << 1, AKM_PSK = 1 << 2, AKM_FT_8021X = 1 << 3, AKM_FT_PSK = 1 << 4,
            AKM_8021X_SHA256 = 1 << 5, AKM_PSK_SHA256 = 1 << 6, AKM_SAE = 1 << 8, AKM_FT_SAE = 1 << 9,
            AKM_SUITE_B = 1 << 11, AKM_SUITE_B_192 = 1 << 12, AKM_FT_8021X_SHA384 = 1 << 13,
            AKM_OWE = 1 << 18, AKM_SAE_EXT = 1 << 24, AKM_FT_SAE_EXT = 1 << 25, AKM_OTHER = 1 << 31;

    /** A frame kind that carries security information was decoded (else everything is absent). */
    boolean known();

    /** The contract's label: {@code open}, {@code wep}, {@code wpa-psk}, {@code wpa2-psk}, {@code wpa3-sae},
     * {@code wpa2/wpa3-sae}, {@code owe}, ... ; a constant string, null when unknown. */
    String label();

    boolean privacy();

    boolean hasRsn();

    boolean hasWpa();

    /** Group cipher bit of the RSN (else WPA) element, or 0. */
    int groupCipher();

    /** Pairwise cipher bits of RSN (else WPA). */
    int pairwiseCiphers();

    /** AKM bits of RSN (else WPA). */
    int akms();

    /** RSN capabilities field, or -1. */
    int rsnCapabilities();

    /** Management frame protection capable (RSN capabilities bit 7). */
    boolean pmfCapable();

    /** Management frame protection required (RSN capabilities bit 6). */
    boolean pmfRequired();

    /** Number of PMKIDs listed in the RSN element (association requests). */
    int pmkidCount();

    /** The rank used to compare strength: 0 open, 1 wep, 2 wpa, 3 wpa2, 4 wpa2/wpa3 transition, 5 wpa3/owe;
     * -1 when not {@link #known()}. */
    int strength();

    /** RSN element version (1), or -1 when there is no RSN element. */
    default int rsnVersion() { return -1; }

    /** Group management cipher bit of the RSN element (BIP-CMAC ...), or 0 when absent. */
    default int groupManagementCipher() { return 0; }

    /** Pairwise cipher bits of the WPA vendor element alone (also when an RSN element is present), or 0. */
    default int wpaPairwiseCiphers() { return 0; }

    /** AKM bits of the WPA vendor element alone (also when an RSN element is present), or 0. */
    default int wpaAkms() { return 0; }
}
