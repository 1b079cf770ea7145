package io.sentinel.wifi;

import java.lang.foreign.MemorySegment;

/**
 * One decoded capture record: a read-only view over a reused flyweight. The object is only
 * valid until the reader moves to the next record; callers that keep data must copy it
 * ({@link #ssid()}, {@link MacAddress#format(long)} and friends allocate on request only).
 *
 * <p>Absent numeric fields are {@code -1} (or {@link MacAddress#NONE} for addresses) unless a
 * {@code has...} method says otherwise. Decoding never throws: a frame that could not be fully
 * decoded has {@link #malformed()} non-null and still exposes what was decoded before the fault.
 */
public interface Frame {

    // ---- record ------------------------------------------------------------------------

    /** Record number in the capture, from 1. */
    long recordNumber();

    /** Capture time in nanoseconds since the epoch. */
    long timestampNanos();

    default double timestampSeconds() { return timestampNanos() / 1e9; }

    /** Captured length of the whole record (link header included). */
    int capturedLength();

    /** Original length on the wire as recorded by the capture. */
    int originalLength();

    /** The record's link type (105, 127, 192 ...). */
    int linkType();

    /** False when the link type is not one we decode; then only record fields are valid. */
    boolean supportedLinkType();

    // ---- radio (radiotap or PPI) ---------------------------------------------------------

    /** Radio metadata; all fields absent when the link type has no radio header. */
    Radio radio();

    /** Frequency from the radio header, else from the DS Parameter Set element (else the HT Operation
     * element's primary channel); -1 if unknown. */
    int freqMhz();

    /** Channel number derived from the radio header's frequency, else the DS Parameter Set channel (else
     * the HT Operation element's primary channel); -1. */
    int channel();

    // ---- 802.11 header -----------------------------------------------------------------

    /** False when not even a frame control field could be read. */
    boolean hasDot11();

    /** The frame type; null only when {@link #hasDot11()} is false. */
    FrameType type();

    /** The frame subtype; null only when {@link #hasDot11()} is false. */
    Subtype subtype();

    /** The raw frame control field (little-endian 16 bits as on air). */
    int frameControl();

    boolean toDs();

    boolean fromDs();

    boolean moreFragments();

    boolean retry();

    boolean powerManagement();

    boolean moreData();

    boolean protectedFrame();

    boolean order();

    int durationId();

    /** Address fields as transmitted (addr1..addr4); {@link MacAddress#NONE} when the frame has none. */
    long addr1();

    long addr2();

    long addr3();

    long addr4();

    /** Receiver address (addr1). */
    long receiver();

    /** Transmitter address (addr2 where present). */
    long transmitter();

    /** BSSID per the ToDS/FromDS table; NONE for WDS (4-address) frames and for control frames other
     * than PS-Poll (addr1) and CF-End (addr2), which carry it. */
    long bssid();

    /** Source address per the ToDS/FromDS table (the contract's {@code src}). */
    long source();

    /** Destination address per the ToDS/FromDS table (the contract's {@code dst}). */
    long destination();

    /** The frame has a sequence control field (management and data frames; never control frames). */
    boolean hasSequence();

    /** Sequence number (0-4095) or -1. */
    int sequence();

    /** Fragment number (0-15) or -1. */
    int fragment();

    /** QoS control field of QoS data frames, or -1. */
    int qosControl();

    /** HT control field (QoS data and management frames with the order bit, control wrappers), or -1. */
    default int htControl() { return -1; }

    // ---- management fixed fields ---------------------------------------------------------

    /** Reason code of deauthentication / disassociation frames, or -1. */
    int reasonCode();

    /** Status code of authentication / (re)association responses, or -1. */
    int statusCode();

    /** Authentication algorithm (0 open, 1 shared key, 2 FT, 3 SAE, ...) or -1. */
    int authAlgorithm();

    /** Authentication transaction sequence number, or -1. */
    int authSequence();

    /** SAE commit: authentication algorithm 3, transaction sequence 1. */
    default boolean isSaeCommit() { return authAlgorithm() == 3 && authSequence() == 1; }

    /** SAE confirm: authentication algorithm 3, transaction sequence 2. */
    default boolean isSaeConfirm() { return authAlgorithm() == 3 && authSequence() == 2; }

    /** Finite cyclic group of an SAE commit (19 = P-256 ...), or -1. */
    default int saeGroup() { return -1; }

    /** Association id of (re)association responses and PS-Poll frames (without the two top bits), or -1. */
    default int associationId() { return -1; }

    /** Capability information of beacons, probe responses and (re)association frames, or -1. */
    int capabilityInfo();

    /** Privacy bit of the capability information. */
    default boolean privacy() { return capabilityInfo() >= 0 && (capabilityInfo() & 0x10) != 0; }

    /** Beacon interval in time units (1024 us), or -1. */
    int beaconInterval();

    /** TSF timestamp of beacons and probe responses (microseconds), or -1. */
    long tsf();

    /** Listen interval of (re)association requests, or -1. */
    int listenInterval();

    /** Current AP address of reassociation requests, or NONE. */
    long currentApAddress();

    /** Action frame category, or -1. */
    int actionCategory();

    /** Action frame action code, or -1. */
    int actionCode();

    // ---- information elements -------------------------------------------------------------

    /** The tagged elements of a management body (also those inside action frames we parse). */
    Elements elements();

    /** Convenience: the SSID element's text (UTF-8, or null when absent or not valid UTF-8). Allocates. */
    String ssid();

    /** Security as derived from RSN / WPA elements and the privacy bit (beacons, probe responses, assoc). */
    Security security();

    // ---- data frames ----------------------------------------------------------------------

    /** LLC/SNAP EtherType of unprotected data frames, or -1. */
    int etherType();

    /** The EAPOL-Key view; {@link EapolKey#present()} false when the frame is not an EAPOL-Key. */
    EapolKey eapolKey();

    /** True for EAPOL frames of any type (start, logoff, key, EAP packet). */
    boolean isEapol();

    /** EAPOL packet type (0 EAP packet, 1 start, 2 logoff, 3 key) or -1. */
    int eapolType();

    boolean hasWepIv();

    /** The 24-bit WEP initialisation vector, or -1. */
    int wepIv();

    /** WEP/TKIP/CCMP key id (0-3), or -1. */
    int keyId();

    /** True when the protected frame's extended IV bit is set (TKIP/CCMP/GCMP). */
    boolean extendedIv();

    /** CCMP/GCMP 48-bit packet number of a protected frame with the extended IV bit, or -1. TKIP frames
     * are read the same way, so for them the value is not the TKIP sequence counter. */
    long ccmpPacketNumber();

    // ---- raw bytes and faults -------------------------------------------------------------

    /** The whole record's bytes (valid until the next record). */
    MemorySegment segment();

    /** Offset of the 802.11 header in {@link #segment()}. */
    long dot11Offset();

    /** Length of the 802.11 frame in {@link #segment()} (FCS excluded when known to be present). */
    int dot11Length();

    /** Offset of the frame body (after the MAC header, QoS and HT control) in {@link #segment()}, or -1. */
    default long bodyOffset() { return -1; }

    /** Why the record could not be fully decoded, or null. A constant string: no allocation. */
    String malformed();

    default boolean isMalformed() { return malformed() != null; }
}
