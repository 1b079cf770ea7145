package io.sentinel.wifi.build;

import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.util.zip.CRC32;

/**
 * Builds the raw bytes of one 802.11 frame (no radio header) of any kind, for tests, the sample
 * capture and benchmarks. Addresses may be given by role ({@link #bssid}, {@link #source},
 * {@link #destination}, {@link #receiver}, {@link #transmitter}) and are placed by the ToDS/FromDS
 * table at {@link #build()}, or given as {@link #addr1}..{@link #addr4} which win. Elements and raw
 * bytes are written in call order after the subtype's fixed fields.
 *
 * <pre>{@code
 * byte[] beacon = FrameBuilder.beacon().bssid("00:11:22:33:44:55").ssid("Cafe").rates().channel(6)
 *         .rsn(Rsn.wpa2Psk()).seq(42).build();
 * }</pre>
 */
public final class FrameBuilder {

    private static final long NONE = MacAddress.NONE;

    private final Subtype subtype;
    private int version;
    private int flags;
    private int duration;
    private final long[] addr = {NONE, NONE, NONE, NONE};
    private long bssid = NONE, source = NONE, destination = NONE;
    private int seq, fragment;
    private int qos = -1, htControl = -1;
    private boolean fcs, badFcs;
    // management fixed fields
    private long timestamp = 0x1234_5678L;
    private int beaconInterval = 100;
    private int capability = -1;
    private Boolean privacy;
    private int listenInterval = 10;
    private long currentAp = NONE;
    private int status, aid = 1, reason = 7;
    private int authAlgorithm, authSeq = 1;
    private int saeGroup = -1;
    private int category = 4, actionCode;
    // body parts
    private final ByteWriter elements = new ByteWriter();
    private final ByteWriter payload = new ByteWriter();
    private byte[] protection; // IV/extended IV header, when protected
    private int ciphertextLength = 16;
    // control
    private int carriedFrameControl = -1;

    private FrameBuilder(Subtype subtype) {
        this.subtype = subtype;
        if (subtype.type() == FrameType.MGMT && subtype != Subtype.PROBE_REQ) destination = MacAddress.BROADCAST;
        if (subtype == Subtype.PROBE_REQ) {
            destination = MacAddress.BROADCAST;
            bssid = MacAddress.BROADCAST;
        }
        if (subtype.isQos()) qos = 0;
    }

    /** A builder for any (type, subtype). */
    public static FrameBuilder of(Subtype subtype) {
        if (subtype.code() < 0) throw new IllegalArgumentException("reserved subtype has no code: " + subtype);
        return new FrameBuilder(subtype);
    }

    public static FrameBuilder beacon() { return of(Subtype.BEACON); }
    public static FrameBuilder probeRequest() { return of(Subtype.PROBE_REQ); }
    public static FrameBuilder probeResponse() { return of(Subtype.PROBE_RESP); }
    public static FrameBuilder assocRequest() { return of(Subtype.ASSOC_REQ); }
    public static FrameBuilder assocResponse() { return of(Subtype.ASSOC_RESP); }
    public static FrameBuilder reassocRequest() { return of(Subtype.REASSOC_REQ); }
    public static FrameBuilder reassocResponse() { return of(Subtype.REASSOC_RESP); }
    public static FrameBuilder auth() { return of(Subtype.AUTH); }
    public static FrameBuilder deauth() { return of(Subtype.DEAUTH); }
    public static FrameBuilder disassoc() { return of(Subtype.DISASSOC); }
    public static FrameBuilder action() { return of(Subtype.ACTION); }
    public static FrameBuilder data() { return of(Subtype.DATA); }
    public static FrameBuilder qosData() { return of(Subtype.QOS_DATA); }
    public static FrameBuilder nullData() { return of(Subtype.NULL); }
    public static FrameBuilder rts() { return of(Subtype.RTS); }
    public static FrameBuilder cts() { return of(Subtype.CTS); }
    public static FrameBuilder ack() { return of(Subtype.ACK); }
    public static FrameBuilder psPoll() { return of(Subtype.PS_POLL); }
    public static FrameBuilder cfEnd() { return of(Subtype.CF_END); }
    public static FrameBuilder blockAckRequest() { return of(Subtype.BLOCK_ACK_REQ); }
    public static FrameBuilder blockAck() { return of(Subtype.BLOCK_ACK); }
    public static FrameBuilder controlWrapper() { return of(Subtype.CTRL_WRAPPER); }

    /** SAE commit (algorithm 3, sequence 1) with a finite cyclic group and filler scalar/element. */
    public static FrameBuilder saeCommit(int group) { return auth().authAlgorithm(3).authSeq(1).saeGroup(group); }

    /** SAE confirm (algorithm 3, sequence 2) with a send-confirm counter and filler confirm. */
    public static FrameBuilder saeConfirm() { return auth().authAlgorithm(3).authSeq(2); }

    /** EAPOL-Key from the AP to a station (FromDS data frame). */
    public static FrameBuilder eapolFromAp(long ap, long station, EapolKeyBuilder key) {
        return data().fromDs().bssid(ap).source(ap).destination(station).eapol(key);
    }

    /** EAPOL-Key from a station to its AP (ToDS data frame). */
    public static FrameBuilder eapolToAp(long ap, long station, EapolKeyBuilder key) {
        return data().toDs().bssid(ap).source(station).destination(ap).eapol(key);
    }

    // ---- header ----------------------------------------------------------------------------

    private static long mac(String m) { return MacAddress.parse(m); }

    public FrameBuilder addr1(long m) { addr[0] = m; return this; }
    public FrameBuilder addr2(long m) { addr[1] = m; return this; }
    public FrameBuilder addr3(long m) { addr[2] = m; return this; }
    public FrameBuilder addr4(long m) { addr[3] = m; return this; }
    public FrameBuilder bssid(long m) { bssid = m; return this; }
    public FrameBuilder bssid(String m) { return bssid(mac(m)); }
    public FrameBuilder source(long m) { source = m; return this; }
    public FrameBuilder source(String m) { return source(mac(m)); }
    public FrameBuilder destination(long m) { destination = m; return this; }
    public FrameBuilder destination(String m) { return destination(mac(m)); }
    /** Control frames: the receiver address (addr1). */
    public FrameBuilder receiver(long m) { return addr1(m); }
    public FrameBuilder receiver(String m) { return addr1(mac(m)); }
    /** Control frames: the transmitter address (addr2). */
    public FrameBuilder transmitter(long m) { return addr2(m); }
    public FrameBuilder transmitter(String m) { return addr2(mac(m)); }

    /** The AP as BSSID and source (beacons, probe responses, frames from the AP). */
    public FrameBuilder ap(long m) { return bssid(m).source(m); }
    public FrameBuilder ap(String m) { return ap(mac(m)); }

    public FrameBuilder toDs() { flags |= 0x01; return this; }
    public FrameBuilder fromDs() { flags |= 0x02; return this; }
    /** ToDS and FromDS: the 4-address (WDS / mesh) form: addr1/addr2 are the radios ({@link #receiver},
     * {@link #transmitter}; both default to the BSSID), addr3 the destination, addr4 the source. */
    public FrameBuilder wds() { flags |= 0x03; return this; }
    public FrameBuilder moreFragments() { flags |= 0x04; return this; }
    public FrameBuilder retry() { flags |= 0x08; return this; }
    public FrameBuilder powerManagement() { flags |= 0x10; return this; }
    public FrameBuilder moreData() { flags |= 0x20; return this; }
    /** Sets the protected bit only; {@link #wep} and {@link #ccmp} also write the IV header. */
    public FrameBuilder protectedFlag() { flags |= 0x40; return this; }
    public FrameBuilder order() { flags |= 0x80; return this; }
    /** The flags byte of the frame control field, as is. */
    public FrameBuilder flags(int f) { flags = f & 0xFF; return this; }
    public FrameBuilder protocolVersion(int v) { version = v & 3; return this; }
    public FrameBuilder duration(int d) { duration = d; return this; }
    public FrameBuilder seq(int s) { seq = s; return this; }
    public FrameBuilder fragment(int f) { fragment = f; return this; }
    /** QoS control field (QoS data subtypes). */
    public FrameBuilder qos(int q) { qos = q; return this; }
    /** HT control field; sets the order bit (written on QoS data and management frames). */
    public FrameBuilder htControl(int h) { htControl = h; return order(); }
    /** Append the FCS (CRC-32 of the frame) to the frame. */
    public FrameBuilder fcs() { fcs = true; return this; }
    /** Append a wrong FCS. */
    public FrameBuilder badFcs() { fcs = true; badFcs = true; return this; }

    // ---- management fixed fields -----------------------------------------------------------------

    public FrameBuilder timestamp(long tsf) { timestamp = tsf; return this; }
    public FrameBuilder beaconInterval(int tu) { beaconInterval = tu; return this; }
    /** Capability information as is (otherwise ESS + short slot time, privacy when RSN/WPA was added). */
    public FrameBuilder capability(int c) { capability = c; return this; }
    public FrameBuilder privacy(boolean p) { privacy = p; return this; }
    public FrameBuilder listenInterval(int l) { listenInterval = l; return this; }
    public FrameBuilder currentAp(long m) { currentAp = m; return this; }
    public FrameBuilder status(int s) { status = s; return this; }
    public FrameBuilder aid(int a) { aid = a; return this; }
    public FrameBuilder reason(int r) { reason = r; return this; }
    public FrameBuilder authAlgorithm(int a) { authAlgorithm = a; return this; }
    public FrameBuilder authSeq(int s) { authSeq = s; return this; }
    public FrameBuilder saeGroup(int g) { saeGroup = g; return this; }
    public FrameBuilder category(int c) { category = c; return this; }
    public FrameBuilder actionCode(int c) { actionCode = c; return this; }

    // ---- elements --------------------------------------------------------------------------------

    public FrameBuilder element(int id, byte... body) { elements.bytes(InfoElements.element(id, body)); return this; }
    /** Bytes appended to the element area verbatim (hostile lengths, partial elements). */
    public FrameBuilder raw(byte... bytes) { elements.bytes(bytes); return this; }
    public FrameBuilder ssid(String s) { return raw(InfoElements.ssid(s)); }
    public FrameBuilder ssid(byte[] s) { return raw(InfoElements.ssid(s)); }
    /** An SSID element of n zero bytes (a hidden network). */
    public FrameBuilder hiddenSsid(int n) { return raw(InfoElements.ssid(new byte[n])); }
    /** Supported rates 1, 2, 5.5, 11 (basic), 6, 9, 12, 18 Mb/s. */
    public FrameBuilder rates() { return raw(InfoElements.rates(0x82, 0x84, 0x8B, 0x96, 12, 18, 24, 36)); }
    public FrameBuilder rates(int... r) { return raw(InfoElements.rates(r)); }
    public FrameBuilder extendedRates(int... r) { return raw(InfoElements.extendedRates(r)); }
    /** DS Parameter Set element with the channel. */
    public FrameBuilder channel(int c) { return raw(InfoElements.dsParameter(c)); }
    public FrameBuilder tim(int dtimCount, int dtimPeriod) { return raw(InfoElements.tim(dtimCount, dtimPeriod)); }
    public FrameBuilder country(String code) { return raw(InfoElements.country(code)); }
    public FrameBuilder rsn(Rsn r) { if (privacy == null) privacy = true; return raw(r.rsnElement()); }
    public FrameBuilder wpa(Rsn r) { if (privacy == null) privacy = true; return raw(r.wpaElement()); }
    public FrameBuilder wps() { return raw(InfoElements.wps()); }
    public FrameBuilder vendor(int oui, byte... body) { return raw(InfoElements.vendor(oui, body)); }
    public FrameBuilder htCapabilities() { return raw(InfoElements.htCapabilities()); }
    public FrameBuilder vhtCapabilities() { return raw(InfoElements.vhtCapabilities()); }
    public FrameBuilder heCapabilities() { return raw(InfoElements.heCapabilities()); }
    public FrameBuilder extendedCapabilities() { return raw(InfoElements.extendedCapabilities()); }
    public FrameBuilder channelSwitch(int mode, int newChannel, int count) { return raw(InfoElements.channelSwitch(mode, newChannel, count)); }
    public FrameBuilder extendedChannelSwitch(int mode, int opClass, int newChannel, int count) {
        return raw(InfoElements.extendedChannelSwitch(mode, opClass, newChannel, count));
    }

    // ---- data and protection ---------------------------------------------------------------------

    /** The frame body after the header and fixed fields, verbatim (data payload, action body, control body). */
    public FrameBuilder payload(byte... p) { payload.bytes(p); return this; }

    /** LLC/SNAP header (AA AA 03 00 00 00 + EtherType) and the payload. */
    public FrameBuilder llcSnap(int etherType, byte... p) {
        payload.u8(0xAA).u8(0xAA).u8(0x03).be24(0).be16(etherType).bytes(p);
        return this;
    }

    /** LLC/SNAP + an EAPOL-Key PDU. */
    public FrameBuilder eapol(EapolKeyBuilder key) { return llcSnap(0x888E, key.bytes()); }

    /** LLC/SNAP + an EAPOL PDU of any packet type (0 EAP packet, 1 start, 2 logoff ...). */
    public FrameBuilder eapolPacket(int packetType, byte... body) {
        return llcSnap(0x888E, new ByteWriter().u8(2).u8(packetType).be16(body.length).bytes(body).toArray());
    }

    /** WEP protection: the 24-bit IV and key id, then {@link #ciphertext} bytes of filler and an ICV. */
    public FrameBuilder wep(int iv, int keyId) {
        protection = new ByteWriter().be24(iv).u8((keyId & 3) << 6).toArray();
        return protectedFlag();
    }

    /** CCMP protection: the 8-byte CCMP header with the 48-bit packet number and key id. */
    public FrameBuilder ccmp(long pn, int keyId) {
        protection = new ByteWriter().u8((int) pn).u8((int) (pn >>> 8)).u8(0).u8(0x20 | (keyId & 3) << 6)
                .u8((int) (pn >>> 16)).u8((int) (pn >>> 24)).u8((int) (pn >>> 32)).u8((int) (pn >>> 40)).toArray();
        return protectedFlag();
    }

    /** Bytes of ciphertext filler after the IV header of a protected frame (default 16). */
    public FrameBuilder ciphertext(int n) { ciphertextLength = n; return this; }

    /** Control wrapper: the frame control of the carried control frame. */
    public FrameBuilder carriedFrameControl(int fc) { carriedFrameControl = fc; return this; }

    // ---- build -----------------------------------------------------------------------------------

    /** The frame's bytes (with the FCS when asked). */
    public byte[] build() {
        FrameType type = subtype.type();
        ByteWriter w = new ByteWriter();
        boolean qosType = subtype.isQos();
        boolean writeHtc = htControl >= 0 && (type == FrameType.MGMT || qosType);
        int fc0 = version | (type.ordinal() << 2) | (subtype.code() << 4);
        w.u8(fc0).u8(flags).le16(duration);
        switch (type) {
            case CTRL -> control(w);
            case MGMT -> {
                header(w, destination, source, bssid, NONE);
                if (writeHtc) w.le32(htControl);
                if (protection != null) protectedBody(w);
                else management(w);
            }
            case DATA -> {
                long a1, a2, a3, a4 = NONE;
                switch (flags & 3) {
                    case 0 -> { a1 = destination; a2 = source; a3 = bssid; }
                    case 1 -> { a1 = bssid; a2 = source; a3 = destination; }
                    case 2 -> { a1 = destination; a2 = bssid; a3 = source; }
                    default -> { a1 = bssid; a2 = bssid; a3 = destination; a4 = source; }
                }
                header(w, a1, a2, a3, a4);
                if (qosType) w.le16(Math.max(qos, 0));
                if (writeHtc && qosType) w.le32(htControl);
                if (protection != null) protectedBody(w);
                else w.bytes(payload.toArray());
            }
            case EXT -> {
                w.mac(or(addr[0], destination));
                w.bytes(payload.toArray());
            }
        }
        if (fcs) {
            CRC32 crc = new CRC32();
            byte[] frame = w.toArray();
            crc.update(frame);
            long v = crc.getValue();
            if (badFcs) v ^= 0xFFFF_FFFFL;
            w.le32(v);
        }
        return w.toArray();
    }

    private static long or(long explicit, long role) { return explicit != NONE ? explicit : (role != NONE ? role : 0); }

    private void header(ByteWriter w, long a1, long a2, long a3, long a4) {
        w.mac(or(addr[0], a1)).mac(or(addr[1], a2)).mac(or(addr[2], a3));
        w.le16((seq & 0xFFF) << 4 | (fragment & 15));
        if ((flags & 3) == 3 && subtype.type() == FrameType.DATA) w.mac(or(addr[3], a4));
    }

    private void protectedBody(ByteWriter w) {
        w.bytes(protection);
        for (int i = 0; i < ciphertextLength; i++) w.u8(0xC3 ^ i);
        w.zeros(protection.length == 4 ? 4 : 8); // WEP ICV or CCMP MIC
    }

    private int capabilityField() {
        int c = capability >= 0 ? capability : 0x0401; // ESS, short slot time
        if (capability < 0 && Boolean.TRUE.equals(privacy)) c |= 0x10;
        if (capability >= 0 && privacy != null) c = privacy ? c | 0x10 : c & ~0x10;
        return c;
    }

    private void management(ByteWriter w) {
        switch (subtype) {
            case BEACON, PROBE_RESP -> w.le64(timestamp).le16(beaconInterval).le16(capabilityField());
            case TIMING_ADV -> w.le64(timestamp).le16(capabilityField());
            case ASSOC_REQ -> w.le16(capabilityField()).le16(listenInterval);
            case REASSOC_REQ -> w.le16(capabilityField()).le16(listenInterval).mac(or(currentAp, bssid));
            case ASSOC_RESP, REASSOC_RESP -> w.le16(capabilityField()).le16(status).le16(aid | 0xC000);
            case DEAUTH, DISASSOC -> w.le16(reason);
            case AUTH -> {
                w.le16(authAlgorithm).le16(authSeq).le16(status);
                if (authAlgorithm == 3 && authSeq == 1 && saeGroup >= 0) {
                    w.le16(saeGroup);
                    if (payload.size() == 0) for (int i = 0; i < 96; i++) w.u8(0x20 + i); // scalar (32) + element (64)
                } else if (authAlgorithm == 3 && authSeq == 2 && payload.size() == 0) {
                    w.le16(1); // send-confirm
                    for (int i = 0; i < 32; i++) w.u8(0x60 + i);
                }
            }
            case ACTION, ACTION_NOACK -> w.u8(category).u8(actionCode);
            default -> { }
        }
        w.bytes(elements.toArray());
        w.bytes(payload.toArray());
    }

    private void control(ByteWriter w) {
        long ra = or(addr[0], destination);
        w.mac(ra);
        switch (subtype) {
            case CTS, ACK -> { }
            case CTRL_WRAPPER -> w.le16(carriedFrameControl >= 0 ? carriedFrameControl : 0x00B4).le32(Math.max(htControl, 0));
            case BLOCK_ACK_REQ -> w.mac(or(addr[1], source)).le16(0x0004).le16((seq & 0xFFF) << 4);
            case BLOCK_ACK -> {
                w.mac(or(addr[1], source)).le16(0x0005).le16((seq & 0xFFF) << 4);
                w.zeros(8); // compressed bitmap
            }
            default -> w.mac(or(addr[1], source != NONE ? source : bssid));
        }
        w.bytes(payload.toArray());
    }
}
