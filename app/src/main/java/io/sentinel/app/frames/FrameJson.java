package io.sentinel.app.frames;

import io.sentinel.wifi.EapolKey;
import io.sentinel.wifi.Elements;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Radio;
import io.sentinel.wifi.Security;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Writes one decoded frame as the JSON object of the {@code sentinel frames} contract (keys in
 * contract order, absent values omitted). Allocates nothing.
 */
public final class FrameJson {
    private FrameJson() {}

    private static final JsonLineWriter.Key K_N = JsonLineWriter.Key.of("n");
    private static final JsonLineWriter.Key K_TS = JsonLineWriter.Key.of("ts");
    private static final JsonLineWriter.Key K_LEN = JsonLineWriter.Key.of("len");
    private static final JsonLineWriter.Key K_MALFORMED = JsonLineWriter.Key.of("malformed");
    private static final JsonLineWriter.Key K_TYPE = JsonLineWriter.Key.of("type");
    private static final JsonLineWriter.Key K_SUBTYPE = JsonLineWriter.Key.of("subtype");
    private static final JsonLineWriter.Key K_BSSID = JsonLineWriter.Key.of("bssid");
    private static final JsonLineWriter.Key K_SRC = JsonLineWriter.Key.of("src");
    private static final JsonLineWriter.Key K_DST = JsonLineWriter.Key.of("dst");
    private static final JsonLineWriter.Key K_SSID = JsonLineWriter.Key.of("ssid");
    private static final JsonLineWriter.Key K_SSID_HEX = JsonLineWriter.Key.of("ssid_hex");
    private static final JsonLineWriter.Key K_FREQ_MHZ = JsonLineWriter.Key.of("freq_mhz");
    private static final JsonLineWriter.Key K_CHANNEL = JsonLineWriter.Key.of("channel");
    private static final JsonLineWriter.Key K_RSSI_DBM = JsonLineWriter.Key.of("rssi_dbm");
    private static final JsonLineWriter.Key K_SEQ = JsonLineWriter.Key.of("seq");
    private static final JsonLineWriter.Key K_REASON = JsonLineWriter.Key.of("reason");
    private static final JsonLineWriter.Key K_SECURITY = JsonLineWriter.Key.of("security");
    private static final JsonLineWriter.Key K_EAPOL = JsonLineWriter.Key.of("eapol");
    private static final JsonLineWriter.Key K_MSG = JsonLineWriter.Key.of("msg");
    private static final JsonLineWriter.Key K_GROUP = JsonLineWriter.Key.of("group");
    private static final JsonLineWriter.Key K_REPLAY_COUNTER = JsonLineWriter.Key.of("replay_counter");
    private static final JsonLineWriter.Key K_PMKID = JsonLineWriter.Key.of("pmkid");
    private static final byte[][] TYPE_JSON = new byte[FrameType.values().length][];
    private static final byte[][] SUBTYPE_JSON = new byte[Subtype.values().length][];

    static {
        for (FrameType t : FrameType.values()) TYPE_JSON[t.ordinal()] = quoted(t.json());
        for (Subtype t : Subtype.values()) SUBTYPE_JSON[t.ordinal()] = quoted(t.json());
    }

    private static byte[] quoted(String s) {
        return ("\"" + s + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }


    /**
     * @param timestampDigits decimals of {@code ts}: 6 for microsecond captures, 9 for nanosecond ones
     */
    public static void write(Frame f, int timestampDigits, JsonLineWriter w) throws IOException {
        w.beginObject();
        w.key(K_N).value(f.recordNumber());
        w.key(K_TS).timestamp(f.timestampNanos(), timestampDigits);
        w.key(K_LEN).value(f.capturedLength());
        if (!f.supportedLinkType()) {
            if (f.linkType() < 0) w.key(K_MALFORMED).constant("record of an interface the file does not describe");
            else w.key(K_MALFORMED).constantWithNumber("unsupported link type ", f.linkType());
            w.endObject();
            w.endLine();
            return;
        }
        if (f.hasDot11() && f.type() != null) {
            w.key(K_TYPE).raw(TYPE_JSON[f.type().ordinal()]);
            if (f.subtype() != null) w.key(K_SUBTYPE).raw(SUBTYPE_JSON[f.subtype().ordinal()]);
        }
        mac(w, K_BSSID, f.bssid());
        mac(w, K_SRC, f.source());
        mac(w, K_DST, f.destination());
        Elements e = f.elements();
        if (e != null && e.hasSsid() && e.ssidOffset() >= 0) {
            MemorySegment seg = e.segment();
            long off = e.ssidOffset();
            int len = (int) Math.max(0, Math.min(e.ssidLength(), seg.byteSize() - off));
            w.utf8OrHex(K_SSID, K_SSID_HEX, seg, off, len);
        }
        int freq = f.freqMhz();
        if (freq > 0) w.key(K_FREQ_MHZ).value(freq);
        int channel = f.channel();
        if (channel > 0) w.key(K_CHANNEL).value(channel);
        Radio radio = f.radio();
        if (radio != null && radio.hasSignal()) w.key(K_RSSI_DBM).value(radio.signalDbm());
        if (f.hasSequence() && f.sequence() >= 0) w.key(K_SEQ).value(f.sequence());
        if (f.reasonCode() >= 0) w.key(K_REASON).value(f.reasonCode());
        Security s = f.security();
        if (s != null && s.known() && s.label() != null) w.key(K_SECURITY).constant(s.label());
        EapolKey k = f.eapolKey();
        if (k != null && k.present()) {
            w.key(K_EAPOL).beginObject();
            int msg = k.message();
            if (msg >= 1 && msg <= 4) w.key(K_MSG).value(msg);
            else if (k.groupHandshake()) w.key(K_GROUP).value(true);
            w.key(K_REPLAY_COUNTER).unsignedValue(k.replayCounter());
            w.key(K_PMKID).value(k.hasPmkid());
            w.endObject();
        }
        String malformed = f.malformed();
        if (malformed != null) w.key(K_MALFORMED).constant(malformed);
        w.endObject();
        w.endLine();
    }

    private static void mac(JsonLineWriter w, JsonLineWriter.Key key, long mac) throws IOException {
        if (mac != MacAddress.NONE) w.key(key).mac(mac);
    }
}
