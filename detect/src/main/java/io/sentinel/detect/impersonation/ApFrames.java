package io.sentinel.detect.impersonation;

import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;

/** Small readings of beacons and probe responses shared by the impersonation detectors. */
final class ApFrames {
    private ApFrames() {}

    /** The AP's own channel: the DS Parameter Set when present (radiotap may be an adjacent channel in 2.4 GHz). */
    static int channel(Frame f) {
        int ds = f.elements().dsChannel();
        return ds > 0 ? ds : f.channel();
    }

    static long bssid(Frame f) { return f.bssid() != MacAddress.NONE ? f.bssid() : f.transmitter(); }

    /** Signal in dBm, or Integer.MIN_VALUE when the capture has none. */
    static int signal(Frame f) { return f.radio().hasSignal() ? f.radio().signalDbm() : Integer.MIN_VALUE; }

    static String security(Frame f) {
        String l = f.security().label();
        return l == null ? "unknown" : l;
    }

    /** HT / VHT / HE support as three bits, a rough capability fingerprint. */
    static int phy(Frame f) {
        var e = f.elements();
        return (e.hasHtCapabilities() ? 1 : 0) | (e.hasVhtCapabilities() ? 2 : 0) | (e.hasHeCapabilities() ? 4 : 0);
    }
}
