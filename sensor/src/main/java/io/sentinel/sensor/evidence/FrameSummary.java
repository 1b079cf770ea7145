package io.sentinel.sensor.evidence;

import io.sentinel.wifi.Frame;
import io.sentinel.wifi.MacAddress;

/** The one-line decode written as each evidence frame's pcapng comment (shown in the dashboard's preview). */
final class FrameSummary {
    private FrameSummary() {}

    static String of(Frame f) {
        if (!f.supportedLinkType()) return "link type " + f.linkType() + " (not decoded)";
        if (!f.hasDot11()) return f.isMalformed() ? "malformed: " + f.malformed() : "no 802.11 header";
        StringBuilder b = new StringBuilder(96);
        b.append(f.subtype() == null ? f.type().json() : f.subtype().json());
        b.append(' ').append(mac(f.transmitter())).append(" -> ").append(mac(f.receiver()));
        if (f.bssid() != MacAddress.NONE) b.append(" bssid ").append(MacAddress.format(f.bssid()));
        if (f.channel() > 0) b.append(" ch ").append(f.channel());
        if (f.radio().hasSignal()) b.append(' ').append(f.radio().signalDbm()).append(" dBm");
        if (f.hasSequence()) b.append(" seq ").append(f.sequence());
        if (f.reasonCode() >= 0) b.append(" reason ").append(f.reasonCode());
        String ssid = f.ssid();
        if (ssid != null) b.append(" ssid \"").append(ssid).append('"');
        if (f.isMalformed()) b.append(" malformed: ").append(f.malformed());
        return b.toString();
    }

    private static String mac(long m) {
        return m == MacAddress.NONE ? "-" : MacAddress.format(m);
    }
}
