package io.sentinel.wifi;

import java.lang.foreign.MemorySegment;

/**
 * The information elements of a management body, indexed as they appear. Elements whose
 * length overruns the body are not included; {@link #overrun()} tells that it happened.
 */
public interface Elements {

    /** Number of elements decoded (capped; see {@link #truncatedCount()}). */
    int count();

    /** Element id of the i-th element. */
    int id(int i);

    /** Extension id for element 255, else -1. */
    int extensionId(int i);

    /** Offset of the i-th element's body in {@link Frame#segment()}. */
    long offset(int i);

    /** Length of the i-th element's body. */
    int length(int i);

    /** Index of the first element with this id, or -1. */
    int find(int id);

    /** An element's declared length ran past the end of the body. */
    boolean overrun();

    /** Elements beyond the index cap that were skipped (0 normally). */
    int truncatedCount();

    boolean hasSsid();

    /** Raw SSID length as declared (may exceed 32 in hostile frames); -1 when there is no SSID element. */
    int ssidLength();

    /** Offset of the SSID bytes in the segment, or -1. */
    long ssidOffset();

    /** SSID absent, zero length, or all zero bytes (hidden network). */
    boolean ssidHidden();

    /** Copy of the SSID bytes (allocates), or null when absent. */
    byte[] ssidBytes();

    /** Compare the SSID with the given bytes without allocating. */
    boolean ssidEquals(byte[] other);

    /** A hash of the SSID bytes (0 when absent), stable across runs; no allocation. */
    int ssidHash();

    /** DS Parameter Set channel, or -1. */
    int dsChannel();

    /** Country code (two letters) packed as ((c0 << 8) | c1), or -1. */
    int countryCode();

    boolean hasTim();

    /** Supported + extended rates count. */
    int rateCount();

    boolean hasHtCapabilities();

    boolean hasVhtCapabilities();

    boolean hasHeCapabilities();

    boolean hasExtendedCapabilities();

    boolean hasWps();

    /** Channel Switch Announcement present (element 37 or extended CSA 60). */
    boolean hasChannelSwitch();

    /** CSA new channel, or -1. */
    int csaNewChannel();

    /** CSA count (beacons until the switch), or -1. */
    int csaCount();

    /** CSA mode (1 = stop transmitting), or -1. */
    int csaMode();

    /** Number of vendor-specific (221) elements. */
    int vendorCount();

    /** OUI (24 bits) of the j-th vendor element. */
    int vendorOui(int j);

    /** Vendor OUI type byte of the j-th vendor element, or -1. */
    int vendorType(int j);

    /** Index in this list of the j-th vendor element (for its offset and length). */
    int vendorIndex(int j);

    /** The backing segment (same as the frame's). */
    MemorySegment segment();

    /** Index of the first extension element (id 255) with this extension id (35 = HE capabilities), or -1. */
    default int findExtension(int extensionId) {
        for (int i = 0; i < count(); i++) if (id(i) == 255 && extensionId(i) == extensionId) return i;
        return -1;
    }

    /** Primary channel of the HT Operation element (61), or -1. */
    default int htPrimaryChannel() { return -1; }

    /** TIM DTIM count, or -1. */
    default int timDtimCount() { return -1; }

    /** TIM DTIM period, or -1. */
    default int timDtimPeriod() { return -1; }

    /** New operating class of an extended channel switch announcement (60), or -1. */
    default int csaOperatingClass() { return -1; }
}
