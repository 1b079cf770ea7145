package io.sentinel.wifi;

/**
 * Every 802.11 (type, subtype) pair, with the names of the {@code sentinel frames} contract.
 * Reserved codes map to a {@code *_RESERVED} constant so that lookup never fails.
 */
public enum Subtype {
    // management (type 0)
    ASSOC_REQ(FrameType.MGMT, 0, "assoc_req"),
    ASSOC_RESP(FrameType.MGMT, 1, "assoc_resp"),
    REASSOC_REQ(FrameType.MGMT, 2, "reassoc_req"),
    REASSOC_RESP(FrameType.MGMT, 3, "reassoc_resp"),
    PROBE_REQ(FrameType.MGMT, 4, "probe_req"),
    PROBE_RESP(FrameType.MGMT, 5, "probe_resp"),
    TIMING_ADV(FrameType.MGMT, 6, "timing_adv"),
    BEACON(FrameType.MGMT, 8, "beacon"),
    ATIM(FrameType.MGMT, 9, "atim"),
    DISASSOC(FrameType.MGMT, 10, "disassoc"),
    AUTH(FrameType.MGMT, 11, "auth"),
    DEAUTH(FrameType.MGMT, 12, "deauth"),
    ACTION(FrameType.MGMT, 13, "action"),
    ACTION_NOACK(FrameType.MGMT, 14, "action_noack"),
    MGMT_RESERVED(FrameType.MGMT, -1, "mgmt_reserved"),
    // control (type 1)
    TRIGGER(FrameType.CTRL, 2, "trigger"),
    TACK(FrameType.CTRL, 3, "tack"),
    BEAMFORMING_REPORT_POLL(FrameType.CTRL, 4, "beamforming_report_poll"),
    VHT_NDP_ANNOUNCEMENT(FrameType.CTRL, 5, "vht_ndp_announcement"),
    CTRL_EXT(FrameType.CTRL, 6, "ctrl_ext"),
    CTRL_WRAPPER(FrameType.CTRL, 7, "ctrl_wrapper"),
    BLOCK_ACK_REQ(FrameType.CTRL, 8, "block_ack_req"),
    BLOCK_ACK(FrameType.CTRL, 9, "block_ack"),
    PS_POLL(FrameType.CTRL, 10, "ps_poll"),
    RTS(FrameType.CTRL, 11, "rts"),
    CTS(FrameType.CTRL, 12, "cts"),
    ACK(FrameType.CTRL, 13, "ack"),
    CF_END(FrameType.CTRL, 14, "cf_end"),
    CF_END_ACK(FrameType.CTRL, 15, "cf_end_ack"),
    CTRL_RESERVED(FrameType.CTRL, -1, "ctrl_reserved"),
    // data (type 2)
    DATA(FrameType.DATA, 0, "data"),
    DATA_CF_ACK(FrameType.DATA, 1, "data_cf_ack"),
    DATA_CF_POLL(FrameType.DATA, 2, "data_cf_poll"),
    DATA_CF_ACK_POLL(FrameType.DATA, 3, "data_cf_ack_poll"),
    NULL(FrameType.DATA, 4, "null"),
    CF_ACK(FrameType.DATA, 5, "cf_ack"),
    CF_POLL(FrameType.DATA, 6, "cf_poll"),
    CF_ACK_POLL(FrameType.DATA, 7, "cf_ack_poll"),
    QOS_DATA(FrameType.DATA, 8, "qos_data"),
    QOS_DATA_CF_ACK(FrameType.DATA, 9, "qos_data_cf_ack"),
    QOS_DATA_CF_POLL(FrameType.DATA, 10, "qos_data_cf_poll"),
    QOS_DATA_CF_ACK_POLL(FrameType.DATA, 11, "qos_data_cf_ack_poll"),
    QOS_NULL(FrameType.DATA, 12, "qos_null"),
    QOS_CF_POLL(FrameType.DATA, 14, "qos_cf_poll"),
    QOS_CF_ACK_POLL(FrameType.DATA, 15, "qos_cf_ack_poll"),
    DATA_RESERVED(FrameType.DATA, -1, "data_reserved"),
    // extension (type 3)
    DMG_BEACON(FrameType.EXT, 0, "dmg_beacon"),
    S1G_BEACON(FrameType.EXT, 1, "s1g_beacon"),
    EXT_RESERVED(FrameType.EXT, -1, "ext_reserved");

    private final FrameType type;
    private final int code;
    private final String json;

    Subtype(FrameType type, int code, String json) {
        this.type = type;
        this.code = code;
        this.json = json;
    }

    public FrameType type() { return type; }

    /** The 4-bit subtype code, or -1 for the reserved placeholders. */
    public int code() { return code; }

    /** The name used in {@code sentinel frames} output. */
    public String json() { return json; }

    private static final Subtype[] TABLE = new Subtype[64];

    static {
        for (FrameType t : FrameType.values()) {
            Subtype reserved = switch (t) {
                case MGMT -> MGMT_RESERVED;
                case CTRL -> CTRL_RESERVED;
                case DATA -> DATA_RESERVED;
                case EXT -> EXT_RESERVED;
            };
            for (int s = 0; s < 16; s++) TABLE[t.ordinal() * 16 + s] = reserved;
        }
        for (Subtype s : values()) if (s.code >= 0) TABLE[s.type.ordinal() * 16 + s.code] = s;
    }

    /** Lookup by the type and subtype codes of the frame control field; never null. */
    public static Subtype of(int typeCode, int subtypeCode) {
        return TABLE[(typeCode & 3) * 16 + (subtypeCode & 15)];
    }

    public boolean isQos() { return type == FrameType.DATA && (code & 8) != 0; }

    /** Data subtypes that carry no payload (null, CF-ack/poll without data). */
    public boolean carriesNoData() { return type == FrameType.DATA && (code & 4) != 0; }
}
