package io.sentinel.wifi.dot11;

/** The constant reasons a frame is reported as malformed (see docs/frames.md). */
public final class Malformed {
    private Malformed() {}

    public static final String EMPTY = "empty frame";
    public static final String TRUNCATED_HEADER = "truncated header";
    public static final String BAD_VERSION = "unsupported protocol version";
    public static final String TRUNCATED_BODY = "truncated body";
    public static final String ELEMENT_OVERRUN = "element overruns body";
    public static final String SSID_TOO_LONG = "ssid longer than 32";
    public static final String BAD_RSN = "bad rsn element";
    public static final String BAD_WPA = "bad wpa element";
    public static final String BAD_TIM = "bad tim element";
    public static final String BAD_CSA = "bad channel switch element";
    public static final String BAD_VENDOR = "bad vendor element";
    public static final String TRUNCATED_IV = "truncated iv";
    public static final String TRUNCATED_LLC = "truncated llc";
    public static final String TRUNCATED_EAPOL = "truncated eapol";
    public static final String TRUNCATED_EAPOL_KEY = "truncated eapol-key";
    public static final String BAD_EAPOL_KEY = "bad eapol-key descriptor";
    public static final String KEY_DATA_OVERRUN = "eapol key data overruns frame";
    public static final String DECODER_FAULT = "decoder fault";
}
