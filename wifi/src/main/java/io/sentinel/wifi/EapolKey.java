package io.sentinel.wifi;

/** The EAPOL-Key frame inside a data frame (802.1X-2004 / 802.11 clause 12.7.2). */
public interface EapolKey {

    /** The data frame carries an EAPOL-Key that was decoded. */
    boolean present();

    /** Descriptor type (2 = RSN, 254 = WPA), or -1. */
    int descriptorType();

    /** Key information field, or -1. */
    int keyInformation();

    /** Key descriptor version (1 = HMAC-MD5/RC4, 2 = HMAC-SHA1/AES, 3 = AES-CMAC), or -1. */
    int descriptorVersion();

    /** Message number of the 4-way handshake (1..4) derived from the key information bits, 0 when
     * it is a group-key handshake message, -1 when unknown. */
    int message();

    /** Group key handshake (key type bit clear). */
    boolean groupHandshake();

    int keyLength();

    /** 64-bit key replay counter (as unsigned bits in a long). */
    long replayCounter();

    /** The key nonce is all zeros. */
    boolean nonceZero();

    /** Offset of the 32-byte key nonce in the frame's segment, or -1. */
    long nonceOffset();

    /** Copy of the nonce (allocates), or null. */
    byte[] nonce();

    /** A hash of the nonce bytes, no allocation. */
    long nonceHash();

    boolean install();

    boolean ack();

    boolean mic();

    boolean secure();

    boolean encryptedKeyData();

    int keyDataLength();

    /** Offset of the key data in the segment, or -1. */
    long keyDataOffset();

    /** The key data carries a PMKID KDE (00-0F-AC:4). */
    boolean hasPmkid();

    /** Offset of the 16-byte PMKID in the segment, or -1. */
    long pmkidOffset();

    /** The PMKID is all zeros (some APs send an empty one). */
    boolean pmkidZero();

    /** Request bit of the key information (a supplicant asking for a new handshake). */
    default boolean request() { return present() && (keyInformation() & (1 << 11)) != 0; }

    /** Error bit of the key information (MIC failure report). */
    default boolean error() { return present() && (keyInformation() & (1 << 10)) != 0; }

    /** Copy of the PMKID of the PMKID KDE (allocates), or null. */
    default byte[] pmkid() { return null; }

    /** Offset of the MIC in the segment, or -1. */
    default long micOffset() { return -1; }

    /** MIC length (16, or 24 for the SHA-384 AKMs), or -1. */
    default int micLength() { return -1; }

    /** The MIC is all zeros (message 1 has none). */
    default boolean micZero() { return false; }
}
