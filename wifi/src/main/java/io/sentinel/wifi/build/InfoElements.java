package io.sentinel.wifi.build;

import java.nio.charset.StandardCharsets;

/**
 * Raw bytes of single information elements (id, length, body) for the frame builders. The
 * length byte is the body's length unless a method says otherwise; {@link #withLength} makes
 * hostile elements whose declared length lies.
 */
public final class InfoElements {
    private InfoElements() {}

    public static final int OUI_IEEE = 0x000FAC, OUI_MICROSOFT = 0x0050F2, OUI_WFA = 0x506F9A,
            OUI_BROADCOM = 0x001018, OUI_APPLE = 0x0017F2;

    /** Element with the given id and body (body length must be at most 255). */
    public static byte[] element(int id, byte... body) {
        if (body.length > 255) throw new IllegalArgumentException("element body longer than 255: " + body.length);
        return withLength(id, body.length, body);
    }

    /** Element whose length byte says {@code declaredLength} whatever the body really is. */
    public static byte[] withLength(int id, int declaredLength, byte... body) {
        return new ByteWriter().u8(id).u8(declaredLength).bytes(body).toArray();
    }

    public static byte[] ssid(String ssid) { return element(0, ssid.getBytes(StandardCharsets.UTF_8)); }

    public static byte[] ssid(byte[] ssid) { return withLength(0, ssid.length & 0xFF, ssid); }

    /** Supported rates in units of 500 kb/s; basic rates have bit 7 set. */
    public static byte[] rates(int... rates) {
        byte[] b = new byte[rates.length];
        for (int i = 0; i < rates.length; i++) b[i] = (byte) rates[i];
        return element(1, b);
    }

    public static byte[] extendedRates(int... rates) {
        byte[] b = new byte[rates.length];
        for (int i = 0; i < rates.length; i++) b[i] = (byte) rates[i];
        return element(50, b);
    }

    /** DS Parameter Set: the current channel. */
    public static byte[] dsParameter(int channel) { return element(3, (byte) channel); }

    /** TIM with an empty partial virtual bitmap. */
    public static byte[] tim(int dtimCount, int dtimPeriod) {
        return element(5, (byte) dtimCount, (byte) dtimPeriod, (byte) 0, (byte) 0);
    }

    /** Country element: code, environment ' ', one triplet (first channel 1, 13 channels, 20 dBm). */
    public static byte[] country(String code) {
        if (code.length() != 2) throw new IllegalArgumentException("country code must be two letters: " + code);
        return element(7, (byte) code.charAt(0), (byte) code.charAt(1), (byte) ' ', (byte) 1, (byte) 13, (byte) 20);
    }

    /** Channel Switch Announcement (37). */
    public static byte[] channelSwitch(int mode, int newChannel, int count) {
        return element(37, (byte) mode, (byte) newChannel, (byte) count);
    }

    /** Extended Channel Switch Announcement (60). */
    public static byte[] extendedChannelSwitch(int mode, int operatingClass, int newChannel, int count) {
        return element(60, (byte) mode, (byte) operatingClass, (byte) newChannel, (byte) count);
    }

    /** HT capabilities (45): 26 bytes, 20/40 MHz, short GI, MCS 0-15. */
    public static byte[] htCapabilities() {
        byte[] b = new byte[26];
        b[0] = 0x6E; // 40 MHz, SM power save disabled, short GI 20/40
        b[1] = 0x01;
        b[3] = (byte) 0xFF; // rx MCS 0-7
        b[4] = (byte) 0xFF; // rx MCS 8-15
        return element(45, b);
    }

    /** HT operation (61): 22 bytes for a primary channel. */
    public static byte[] htOperation(int primaryChannel) {
        byte[] b = new byte[22];
        b[0] = (byte) primaryChannel;
        return element(61, b);
    }

    /** VHT capabilities (191): 12 bytes, MCS 0-9 for two streams. */
    public static byte[] vhtCapabilities() {
        byte[] b = new byte[12];
        b[0] = (byte) 0xB1;
        b[1] = 0x01;
        b[4] = (byte) 0xFA;
        b[5] = (byte) 0xFF;
        b[8] = (byte) 0xFA;
        b[9] = (byte) 0xFF;
        return element(191, b);
    }

    /** HE capabilities: extension element 255 with extension id 35, minimal MAC/PHY capabilities. */
    public static byte[] heCapabilities() {
        byte[] b = new byte[1 + 6 + 11 + 4];
        b[0] = 35;
        b[18] = (byte) 0xFA; // rx HE-MCS map <= 80 MHz
        b[19] = (byte) 0xFF;
        b[20] = (byte) 0xFA;
        b[21] = (byte) 0xFF;
        return element(255, b);
    }

    /** Extended capabilities (127), 8 bytes with BSS transition set. */
    public static byte[] extendedCapabilities() {
        return element(127, (byte) 0x04, (byte) 0, (byte) 0, (byte) 0x02, (byte) 0, (byte) 0, (byte) 0, (byte) 0x40);
    }

    /** Vendor specific element (221): OUI then body. */
    public static byte[] vendor(int oui, byte... body) {
        return element(221, new ByteWriter().be24(oui).bytes(body).toArray());
    }

    /** WPS element (Microsoft OUI type 4) with version 1.0 and state "configured". */
    public static byte[] wps() {
        ByteWriter w = new ByteWriter().u8(4);
        w.be16(0x104A).be16(1).u8(0x10); // version
        w.be16(0x1044).be16(1).u8(0x02); // Wi-Fi Protected Setup state: configured
        return vendor(OUI_MICROSOFT, w.toArray());
    }

    /** WPA vendor element (Microsoft OUI type 1) from an {@link Rsn} description. */
    public static byte[] wpa(Rsn rsn) { return rsn.wpaElement(); }

    /** RSN element (48) from an {@link Rsn} description. */
    public static byte[] rsn(Rsn rsn) { return rsn.rsnElement(); }

    /** Concatenation of elements. */
    public static byte[] concat(byte[]... parts) {
        ByteWriter w = new ByteWriter();
        for (byte[] p : parts) w.bytes(p);
        return w.toArray();
    }
}
