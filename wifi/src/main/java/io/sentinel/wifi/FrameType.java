package io.sentinel.wifi;

/** The 802.11 frame type from the frame control field (bits 2-3). */
public enum FrameType {
    MGMT("mgmt"), CTRL("ctrl"), DATA("data"), EXT("ext");

    private final String json;

    FrameType(String json) { this.json = json; }

    /** The name used in {@code sentinel frames} output. */
    public String json() { return json; }

    private static final FrameType[] BY_CODE = values();

    public static FrameType ofCode(int code) { return BY_CODE[code & 3]; }
}
