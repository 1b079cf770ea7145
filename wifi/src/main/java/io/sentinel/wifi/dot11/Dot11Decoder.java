package io.sentinel.wifi.dot11;

import static io.sentinel.wifi.dot11.Bytes.*;

import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.capture.CaptureRecord;
import java.lang.foreign.MemorySegment;

/**
 * Decodes an 802.11 MAC frame (header, management body, elements, data/LLC/EAPOL, protection
 * headers, control frames) into a {@link DecodedFrame}. Every read is checked against the end of
 * the frame first; a frame that ends early is marked malformed and keeps what was decoded. See
 * docs/frames.md for what is read and the address table.
 */
public final class Dot11Decoder {
    private Dot11Decoder() {}

    static final int FC_TO_DS = 0x0100, FC_FROM_DS = 0x0200, FC_PROTECTED = 0x4000, FC_ORDER = 0x8000;
    static final int ETHERTYPE_EAPOL = 0x888E;
    static final int ACTION_SPECTRUM_MANAGEMENT = 0, ACTION_PUBLIC = 4;

    /**
     * @param fcsPresent the last 4 bytes are the FCS and must not be decoded as body (ignored when
     *     the capture record says the frame was cut by the snap length, as the FCS is then missing)
     */
    public static void decode(MemorySegment seg, long off, int len, boolean fcsPresent, DecodedFrame out) {
        try {
            decodeChecked(seg, off, len, fcsPresent, out);
        } catch (RuntimeException e) {
            // a bug, not bad input (every read is checked against the frame end first): report it as data
            out.markMalformed(Malformed.DECODER_FAULT);
        }
    }

    private static void decodeChecked(MemorySegment s, long off, int len, boolean fcsPresent, DecodedFrame f) {
        f.segment(s);
        long size = s.byteSize();
        if (off < 0 || off > size) off = size;
        if (len > size - off) len = (int) (size - off);
        if (len < 0) len = 0;
        CaptureRecord r = f.record();
        boolean snapped = r != null && r.capturedLength() < r.originalLength();
        if (fcsPresent && !snapped) len = Math.max(0, len - 4);
        f.dot11Offset = off;
        f.dot11Length = len;
        if (len < 2) {
            f.markMalformed(len == 0 ? Malformed.EMPTY : Malformed.TRUNCATED_HEADER);
            return;
        }
        int fc = le16(s, off);
        f.frameControl = fc;
        int typeCode = (fc >>> 2) & 3, subCode = (fc >>> 4) & 15;
        f.hasDot11 = true;
        f.type = FrameType.ofCode(typeCode);
        f.subtype = Subtype.of(typeCode, subCode);
        if ((fc & 3) != 0) {
            f.markMalformed(Malformed.BAD_VERSION);
            return;
        }
        long end = off + len;
        if (len < 4) {
            f.markMalformed(Malformed.TRUNCATED_HEADER);
            return;
        }
        f.durationId = le16(s, off + 2);
        if (len < 10) {
            f.markMalformed(Malformed.TRUNCATED_HEADER);
            return;
        }
        f.addr1 = mac(s, off + 4);
        switch (f.type) {
            case MGMT -> management(s, off, end, fc, f);
            case DATA -> data(s, off, end, fc, f);
            case CTRL -> control(s, off, end, f);
            case EXT -> f.destination = f.addr1;
        }
    }

    /** Reads addr2, addr3 and sequence control (the 24-byte header common to management and data). */
    private static boolean threeAddressHeader(MemorySegment s, long off, long end, DecodedFrame f) {
        if (end - off >= 16) f.addr2 = mac(s, off + 10);
        if (end - off >= 22) f.addr3 = mac(s, off + 16);
        if (end - off < 24) {
            f.markMalformed(Malformed.TRUNCATED_HEADER);
            return false;
        }
        int sc = le16(s, off + 22);
        f.sequence = sc >>> 4;
        f.fragment = sc & 15;
        return true;
    }

    // ---- management ------------------------------------------------------------------------

    private static void management(MemorySegment s, long off, long end, int fc, DecodedFrame f) {
        boolean full = threeAddressHeader(s, off, end, f);
        f.destination = f.addr1;
        f.source = f.addr2;
        f.bssid = f.addr3;
        if (!full) return;
        long p = off + 24;
        if ((fc & FC_ORDER) != 0) {
            if (end - p < 4) {
                f.markMalformed(Malformed.TRUNCATED_HEADER);
                return;
            }
            f.htControl = (int) le32u(s, p);
            p += 4;
        }
        f.bodyOffset = p;
        if ((fc & FC_PROTECTED) != 0) {
            protection(s, p, end, f);
            return;
        }
        long avail = end - p;
        Subtype st = f.subtype;
        switch (st) {
            case BEACON, PROBE_RESP -> {
                if (avail < 12) {
                    if (avail >= 8) f.tsf = le64(s, p);
                    if (avail >= 10) f.beaconInterval = le16(s, p + 8);
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.tsf = le64(s, p);
                    f.beaconInterval = le16(s, p + 8);
                    f.capabilityInfo = le16(s, p + 10);
                    f.elements.parse(s, p + 12, end, f);
                }
                if (f.malformed() != null || f.capturedLength() < f.originalLength()) f.security.finishTruncated(f.capabilityInfo);
                else f.security.finish(f.capabilityInfo);
            }
            case PROBE_REQ -> f.elements.parse(s, p, end, f);
            case ASSOC_REQ -> {
                if (avail < 4) {
                    if (avail >= 2) f.capabilityInfo = le16(s, p);
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.capabilityInfo = le16(s, p);
                    f.listenInterval = le16(s, p + 2);
                    f.elements.parse(s, p + 4, end, f);
                }
                f.security.finish(f.capabilityInfo);
            }
            case REASSOC_REQ -> {
                if (avail < 10) {
                    if (avail >= 2) f.capabilityInfo = le16(s, p);
                    if (avail >= 4) f.listenInterval = le16(s, p + 2);
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.capabilityInfo = le16(s, p);
                    f.listenInterval = le16(s, p + 2);
                    f.currentAp = mac(s, p + 4);
                    f.elements.parse(s, p + 10, end, f);
                }
                f.security.finish(f.capabilityInfo);
            }
            case ASSOC_RESP, REASSOC_RESP -> {
                if (avail >= 2) f.capabilityInfo = le16(s, p);
                if (avail >= 4) f.statusCode = le16(s, p + 2);
                if (avail >= 6) {
                    f.associationId = le16(s, p + 4) & 0x3FFF;
                    f.elements.parse(s, p + 6, end, f);
                } else {
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                }
            }
            case TIMING_ADV -> {
                if (avail < 10) {
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.tsf = le64(s, p);
                    f.capabilityInfo = le16(s, p + 8);
                    f.elements.parse(s, p + 10, end, f);
                }
            }
            case DEAUTH, DISASSOC -> {
                if (avail < 2) {
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.reasonCode = le16(s, p);
                    f.elements.parse(s, p + 2, end, f);
                }
            }
            case AUTH -> authentication(s, p, end, f);
            case ACTION, ACTION_NOACK -> {
                if (avail < 1) {
                    f.markMalformed(Malformed.TRUNCATED_BODY);
                } else {
                    f.actionCategory = u8(s, p);
                    // vendor-specific categories (126, 127) carry an OUI where others carry the action code
                    if (avail >= 2 && f.actionCategory != 126 && f.actionCategory != 127) f.actionCode = u8(s, p + 1);
                    actionBody(s, p, end, f);
                }
            }
            default -> { } // ATIM has an empty body; reserved subtypes are not interpreted
        }
    }

    /** The action frames whose bodies we read: the channel switch announcements. */
    private static void actionBody(MemorySegment s, long p, long end, DecodedFrame f) {
        if (f.actionCode != 4) return;
        if (f.actionCategory == ACTION_SPECTRUM_MANAGEMENT) {
            // Channel Switch Announcement frame: a CSA element, then optional elements
            f.elements.parse(s, p + 2, end, f);
        } else if (f.actionCategory == ACTION_PUBLIC) {
            // Extended Channel Switch Announcement frame: mode, operating class, channel, count; then elements
            if (end - p < 6) {
                f.markMalformed(Malformed.TRUNCATED_BODY);
                return;
            }
            f.elements.actionExtendedChannelSwitch(s, p + 2);
            f.elements.parse(s, p + 6, end, f);
        }
    }

    private static void authentication(MemorySegment s, long p, long end, DecodedFrame f) {
        long avail = end - p;
        if (avail >= 2) f.authAlgorithm = le16(s, p);
        if (avail >= 4) f.authSequence = le16(s, p + 2);
        if (avail < 6) {
            f.markMalformed(Malformed.TRUNCATED_BODY);
            return;
        }
        f.statusCode = le16(s, p + 4);
        if (f.authAlgorithm == 3) {
            // SAE: commit (seq 1) starts with the group id when the status is 0, 76 (anti-clogging
            // token requested), 126 (hash-to-element) or 127 (SAE-PK); the rest is not elements
            int st = f.statusCode;
            if (f.authSequence == 1 && (st == 0 || st == 76 || st == 126 || st == 127)) {
                if (avail >= 8) f.saeGroup = le16(s, p + 6);
                else if (st != 76) f.markMalformed(Malformed.TRUNCATED_BODY);
            }
            return;
        }
        f.elements.parse(s, p + 6, end, f);
    }

    // ---- data ----------------------------------------------------------------------------------

    private static void data(MemorySegment s, long off, long end, int fc, DecodedFrame f) {
        boolean full = threeAddressHeader(s, off, end, f);
        boolean wds = (fc & (FC_TO_DS | FC_FROM_DS)) == (FC_TO_DS | FC_FROM_DS);
        long p = off + 24;
        if (full && wds) {
            if (end - p < 6) {
                f.markMalformed(Malformed.TRUNCATED_HEADER);
                full = false;
            } else {
                f.addr4 = mac(s, p);
                p += 6;
            }
        }
        assignDataRoles(fc, f);
        if (!full) return;
        Subtype st = f.subtype;
        boolean qos = st.isQos();
        if (qos) {
            if (end - p < 2) {
                f.markMalformed(Malformed.TRUNCATED_HEADER);
                return;
            }
            f.qosControl = le16(s, p);
            p += 2;
            if ((fc & FC_ORDER) != 0) {
                if (end - p < 4) {
                    f.markMalformed(Malformed.TRUNCATED_HEADER);
                    return;
                }
                f.htControl = (int) le32u(s, p);
                p += 4;
            }
        }
        if (f.mutableRadio().dataPad()) {
            // radiotap "data pad" flag (e.g. Atheros drivers): the header is padded to a multiple of 4 bytes
            p = off + ((p - off + 3) & ~3L);
            if (p > end) {
                f.markMalformed(Malformed.TRUNCATED_HEADER);
                return;
            }
        }
        f.bodyOffset = p;
        if (st.carriesNoData()) return;
        if ((fc & FC_PROTECTED) != 0) {
            protection(s, p, end, f);
            return;
        }
        if (qos && (f.qosControl & 0x80) != 0) return; // A-MSDU: subframes, not one LLC header
        llc(s, p, end, f);
    }

    private static void assignDataRoles(int fc, DecodedFrame f) {
        switch ((fc >>> 8) & 3) {
            case 0 -> { f.destination = f.addr1; f.source = f.addr2; f.bssid = f.addr3; }
            case 1 -> { f.bssid = f.addr1; f.source = f.addr2; f.destination = f.addr3; } // to DS
            case 2 -> { f.destination = f.addr1; f.bssid = f.addr2; f.source = f.addr3; } // from DS
            default -> { f.destination = f.addr3; f.source = f.addr4; } // WDS: no BSSID field
        }
    }

    private static void llc(MemorySegment s, long p, long end, DecodedFrame f) {
        long avail = end - p;
        if (avail == 0) return;
        if (avail < 8) {
            if (avail >= 3 && u8(s, p) == 0xAA && u8(s, p + 1) == 0xAA && u8(s, p + 2) == 0x03) {
                f.markMalformed(Malformed.TRUNCATED_LLC);
            }
            return;
        }
        if (u8(s, p) != 0xAA || u8(s, p + 1) != 0xAA || u8(s, p + 2) != 0x03) return;
        f.etherType = be16(s, p + 6);
        if (f.etherType != ETHERTYPE_EAPOL) return;
        f.eapol = true;
        long e = p + 8;
        if (end - e < 4) {
            if (end - e >= 1) f.eapolVersion = u8(s, e);
            if (end - e >= 2) f.eapolType = u8(s, e + 1);
            f.markMalformed(Malformed.TRUNCATED_EAPOL);
            return;
        }
        f.eapolVersion = u8(s, e);
        f.eapolType = u8(s, e + 1);
        int bodyLength = be16(s, e + 2);
        if (f.eapolType == 3) {
            long bodyEnd = Math.min(end, e + 4 + bodyLength);
            f.eapolKey.parse(s, e + 4, bodyEnd, bodyLength, f);
        }
    }

    // ---- protected frames --------------------------------------------------------------------

    /** WEP IV + key id, or the extended IV (TKIP/CCMP/GCMP) and its 48-bit packet number. */
    private static void protection(MemorySegment s, long p, long end, DecodedFrame f) {
        if (end - p < 4) {
            f.markMalformed(Malformed.TRUNCATED_IV);
            return;
        }
        int b3 = u8(s, p + 3);
        f.keyId = b3 >>> 6;
        f.extendedIv = (b3 & 0x20) != 0;
        if (!f.extendedIv) {
            f.wepIvPresent = true;
            f.wepIv = (u8(s, p) << 16) | (u8(s, p + 1) << 8) | u8(s, p + 2);
            return;
        }
        if (end - p < 8) {
            f.markMalformed(Malformed.TRUNCATED_IV);
            return;
        }
        // CCMP header: PN0 PN1 reserved keyid PN2 PN3 PN4 PN5
        f.packetNumber = (long) u8(s, p) | ((long) u8(s, p + 1) << 8) | (le32u(s, p + 4) << 16);
    }

    // ---- control -------------------------------------------------------------------------------

    private static void control(MemorySegment s, long off, long end, DecodedFrame f) {
        long avail = end - off;
        f.destination = f.addr1;
        switch (f.subtype) {
            case CTS, ACK -> { }
            case CTRL_WRAPPER -> {
                // addr1, carried frame control (2), HT control (4), then the carried frame's rest
                if (avail < 16) f.markMalformed(Malformed.TRUNCATED_HEADER);
                else f.htControl = (int) le32u(s, off + 12);
            }
            case CTRL_EXT, CTRL_RESERVED -> { }
            default -> { // RTS, PS-Poll, CF-End, BlockAck(Req), trigger, NDP announcement ...: addr2 is the TA
                if (avail < 16) {
                    f.markMalformed(Malformed.TRUNCATED_HEADER);
                    return;
                }
                f.addr2 = mac(s, off + 10);
                f.source = f.addr2;
                switch (f.subtype) {
                    case PS_POLL -> {
                        f.bssid = f.addr1;
                        f.associationId = f.durationId & 0x3FFF;
                    }
                    case CF_END, CF_END_ACK -> f.bssid = f.addr2;
                    case BLOCK_ACK_REQ, BLOCK_ACK -> {
                        // BAR/BA control (2) and, in the basic variants, the starting sequence control (2)
                        if (avail < 18) f.markMalformed(Malformed.TRUNCATED_BODY);
                        else f.blockAckControl = le16(s, off + 16);
                    }
                    default -> { }
                }
            }
        }
        if (f.addr2 == MacAddress.NONE) f.source = MacAddress.NONE;
    }
}
