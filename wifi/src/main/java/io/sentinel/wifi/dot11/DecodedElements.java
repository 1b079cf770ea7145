package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Bytes.*;

import io.sentinel.wifi.Elements;
import java.lang.foreign.MemorySegment;

/**
 * The reusable {@link Elements} index of one management body. The first {@link #CAPACITY}
 * elements are indexed (id, extension id, offset, length); later ones are still walked, checked
 * and interpreted but only counted in {@link #truncatedCount()}. Nothing is allocated per frame.
 */
public final class DecodedElements implements Elements {

    /** Elements indexed per frame; a beacon rarely carries more than 30. */
    public static final int CAPACITY = 64;

    static final int ID_SSID = 0, ID_RATES = 1, ID_DS = 3, ID_TIM = 5, ID_COUNTRY = 7, ID_CHALLENGE = 16,
            ID_CSA = 37, ID_HT_CAPS = 45, ID_RSN = 48, ID_EXT_RATES = 50, ID_ECSA = 60, ID_HT_OPERATION = 61,
            ID_EXT_CAPS = 127, ID_VHT_CAPS = 191, ID_VENDOR = 221, ID_EXTENSION = 255;
    static final int EXT_HE_CAPS = 35;

    private MemorySegment seg = MemorySegment.NULL;
    // one packed entry per element: body offset << 24 | length << 16 | extension id << 8 | id (offsets below 1 TiB)
    private final long[] entries = new long[CAPACITY];
    private final int[] vendorIdx = new int[CAPACITY];
    private final int[] vendorOuis = new int[CAPACITY];
    private final int[] vendorTypes = new int[CAPACITY];
    private int count, truncated, vendorCount;
    private boolean overrun;
    private long ssidOffset;
    private int ssidLength;
    private int ssidHash;
    private boolean ssidHashed;
    private int dsChannel, htPrimaryChannel, country, rateCount, csaMode, csaChannel, csaCount, csaOperatingClass;
    private boolean tim, ht, vht, he, extCaps, wps, csa;
    private int timDtimCount, timDtimPeriod;

    private boolean dirty = true;

    void reset(MemorySegment s) {
        seg = s;
        if (!dirty) return; // nothing was parsed since the last reset
        dirty = false;
        count = truncated = vendorCount = 0;
        overrun = false;
        ssidOffset = -1;
        ssidLength = -1;
        ssidHashed = false;
        dsChannel = htPrimaryChannel = country = csaMode = csaChannel = csaCount = csaOperatingClass = -1;
        timDtimCount = timDtimPeriod = -1;
        rateCount = 0;
        tim = ht = vht = he = extCaps = wps = csa = false;
    }

    /**
     * Walks the elements in [p, end), filling this index and the frame's security view.
     * Faults are reported to the frame as malformed reasons; walking stops at an overrun.
     */
    void parse(MemorySegment s, long p, long end, DecodedFrame f) {
        dirty = true;
        while (p < end) {
            if (end - p < 2) {
                overrun = true;
                f.markMalformed(Malformed.ELEMENT_OVERRUN);
                return;
            }
            int header = le16(s, p);
            int id = header & 0xFF, len = header >>> 8;
            long body = p + 2;
            if (len > end - body) {
                overrun = true;
                f.markMalformed(Malformed.ELEMENT_OVERRUN);
                return;
            }
            int ext = id == ID_EXTENSION && len >= 1 ? u8(s, body) : -1;
            int index = -1;
            if (count < CAPACITY) {
                index = count++;
                entries[index] = (body << 24) | ((long) len << 16) | ((ext & 0xFF) << 8) | id;
            } else {
                truncated++;
            }
            // the common elements are handled here so that the walk stays one compiled loop
            switch (id) {
                case ID_SSID -> { if (ssidOffset < 0) ssid(body, len, f); }
                case ID_RATES, ID_EXT_RATES -> rateCount += len;
                case ID_DS -> ds(s, body, len);
                case ID_HT_CAPS -> ht = true;
                case ID_VHT_CAPS -> vht = true;
                case ID_EXT_CAPS -> extCaps = true;
                default -> interpret(s, id, ext, body, len, index, f);
            }
            p = body + len;
        }
    }

    private void interpret(MemorySegment s, int id, int ext, long body, int len, int index, DecodedFrame f) {
        switch (id) {
            case ID_TIM -> tim(s, body, len, f);
            case ID_COUNTRY -> country(s, body, len);
            case ID_CSA, ID_ECSA -> channelSwitch(s, id, body, len, f);
            case ID_HT_OPERATION -> htOperation(s, body, len);
            case ID_EXTENSION -> { if (ext == EXT_HE_CAPS) he = true; }
            case ID_RSN -> rsn(s, body, len, f);
            case ID_VENDOR -> vendor(s, body, len, index, f);
            default -> { }
        }
    }

    private void ds(MemorySegment s, long body, int len) {
        if (dsChannel < 0 && len >= 1) dsChannel = u8(s, body);
    }

    private void country(MemorySegment s, long body, int len) {
        if (country < 0 && len >= 2) country = be16(s, body);
    }

    private void htOperation(MemorySegment s, long body, int len) {
        if (htPrimaryChannel < 0 && len >= 1) htPrimaryChannel = u8(s, body);
    }

    private static void rsn(MemorySegment s, long body, int len, DecodedFrame f) {
        if (!f.security.parseRsn(s, body, len)) f.markMalformed(Malformed.BAD_RSN);
    }

    private void ssid(long body, int len, DecodedFrame f) {
        ssidOffset = body;
        ssidLength = len;
        if (len > 32) f.markMalformed(Malformed.SSID_TOO_LONG);
    }

    private void tim(MemorySegment s, long body, int len, DecodedFrame f) {
        if (tim) return;
        tim = true;
        if (len >= 2) {
            timDtimCount = u8(s, body);
            timDtimPeriod = u8(s, body + 1);
        }
        if (len < 4) f.markMalformed(Malformed.BAD_TIM);
    }

    private void channelSwitch(MemorySegment s, int id, long body, int len, DecodedFrame f) {
        int need = id == ID_CSA ? 3 : 4;
        if (len < need) {
            f.markMalformed(Malformed.BAD_CSA);
            return;
        }
        if (csa) return;
        csa = true;
        csaMode = u8(s, body);
        if (id == ID_CSA) {
            csaChannel = u8(s, body + 1);
            csaCount = u8(s, body + 2);
        } else {
            csaOperatingClass = u8(s, body + 1);
            csaChannel = u8(s, body + 2);
            csaCount = u8(s, body + 3);
        }
    }

    /** The 4 fixed fields of an Extended Channel Switch Announcement action frame (public action 4). */
    void actionExtendedChannelSwitch(MemorySegment s, long body) {
        dirty = true;
        csa = true;
        csaMode = u8(s, body);
        csaOperatingClass = u8(s, body + 1);
        csaChannel = u8(s, body + 2);
        csaCount = u8(s, body + 3);
    }

    private void vendor(MemorySegment s, long body, int len, int index, DecodedFrame f) {
        if (len < 3) {
            f.markMalformed(Malformed.BAD_VENDOR);
            return;
        }
        int oui = be24(s, body);
        int type = len >= 4 ? u8(s, body + 3) : -1;
        if (index >= 0) {
            vendorIdx[vendorCount] = index;
            vendorOuis[vendorCount] = oui;
            vendorTypes[vendorCount] = type;
            vendorCount++;
        }
        if (oui == DecodedSecurity.OUI_MICROSOFT) {
            if (type == 1) {
                if (!f.security.parseWpa(s, body + 4, len - 4)) f.markMalformed(Malformed.BAD_WPA);
            } else if (type == 4) {
                wps = true;
            }
        }
    }

    @Override public int count() { return count; }
    @Override public int id(int i) { return (int) entries[check(i)] & 0xFF; }

    @Override
    public int extensionId(int i) {
        long e = entries[check(i)];
        return (e & 0xFF) == ID_EXTENSION && ((e >>> 16) & 0xFF) >= 1 ? (int) (e >>> 8) & 0xFF : -1;
    }

    @Override public long offset(int i) { return entries[check(i)] >>> 24; }
    @Override public int length(int i) { return (int) (entries[check(i)] >>> 16) & 0xFF; }

    private int check(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("element " + i + " of " + count);
        return i;
    }

    @Override
    public int find(int id) {
        for (int i = 0; i < count; i++) if ((entries[i] & 0xFF) == id) return i;
        return -1;
    }

    @Override
    public int findExtension(int extensionId) {
        for (int i = 0; i < count; i++) if ((entries[i] & 0xFF) == ID_EXTENSION && extensionId(i) == extensionId) return i;
        return -1;
    }

    @Override public boolean overrun() { return overrun; }
    @Override public int truncatedCount() { return truncated; }
    @Override public boolean hasSsid() { return ssidOffset >= 0; }
    @Override public int ssidLength() { return ssidLength; }
    @Override public long ssidOffset() { return ssidOffset; }

    @Override
    public boolean ssidHidden() {
        return ssidOffset < 0 || ssidLength == 0 || Bytes.allZero(seg, ssidOffset, ssidLength);
    }

    @Override
    public byte[] ssidBytes() { return ssidOffset < 0 ? null : Bytes.copy(seg, ssidOffset, ssidLength); }

    @Override
    public boolean ssidEquals(byte[] other) {
        if (ssidOffset < 0 || other == null || other.length != ssidLength) return false;
        for (int i = 0; i < ssidLength; i++) if (seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, ssidOffset + i) != other[i]) return false;
        return true;
    }

    @Override
    public int ssidHash() {
        if (ssidOffset < 0) return 0;
        if (!ssidHashed) {
            ssidHash = Bytes.fnv1a(seg, ssidOffset, ssidLength);
            ssidHashed = true;
        }
        return ssidHash;
    }

    @Override public int dsChannel() { return dsChannel; }
    @Override public int htPrimaryChannel() { return htPrimaryChannel; }
    @Override public int countryCode() { return country; }
    @Override public boolean hasTim() { return tim; }
    @Override public int timDtimCount() { return timDtimCount; }
    @Override public int timDtimPeriod() { return timDtimPeriod; }
    @Override public int rateCount() { return rateCount; }
    @Override public boolean hasHtCapabilities() { return ht; }
    @Override public boolean hasVhtCapabilities() { return vht; }
    @Override public boolean hasHeCapabilities() { return he; }
    @Override public boolean hasExtendedCapabilities() { return extCaps; }
    @Override public boolean hasWps() { return wps; }
    @Override public boolean hasChannelSwitch() { return csa; }
    @Override public int csaNewChannel() { return csaChannel; }
    @Override public int csaCount() { return csaCount; }
    @Override public int csaMode() { return csaMode; }
    @Override public int csaOperatingClass() { return csaOperatingClass; }
    @Override public int vendorCount() { return vendorCount; }
    @Override public int vendorOui(int j) { return vendorOuis[checkVendor(j)]; }
    @Override public int vendorType(int j) { return vendorTypes[checkVendor(j)]; }
    @Override public int vendorIndex(int j) { return vendorIdx[checkVendor(j)]; }

    private int checkVendor(int j) {
        if (j < 0 || j >= vendorCount) throw new IndexOutOfBoundsException("vendor element " + j + " of " + vendorCount);
        return j;
    }

    @Override public MemorySegment segment() { return seg; }
}
