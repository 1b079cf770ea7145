package io.sentinel.testkit;

import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;

/**
 * A scripted access point: its identity and how it advertises itself. {@code rsn} null is an
 * open network; {@code wep} true a WEP network. Beacons carry a TSF that runs with capture time
 * since {@code bootNanos}, as a real AP's does.
 */
public record AccessPoint(long bssid, String ssid, int channel, int signalDbm, Rsn rsn, boolean wep, long bootNanos) {

    public static final long BEACON_INTERVAL_NANOS = 102_400_000L;

    public static AccessPoint wpa2(long bssid, String ssid, int channel, int signal) {
        return new AccessPoint(bssid, ssid, channel, signal, Rsn.wpa2Psk(), false, 0);
    }

    public AccessPoint withSecurity(Rsn r) { return new AccessPoint(bssid, ssid, channel, signalDbm, r, false, bootNanos); }

    public AccessPoint open() { return new AccessPoint(bssid, ssid, channel, signalDbm, null, false, bootNanos); }

    public AccessPoint wepNetwork() { return new AccessPoint(bssid, ssid, channel, signalDbm, null, true, bootNanos); }

    public AccessPoint at(int newChannel, int newSignal) { return new AccessPoint(bssid, ssid, newChannel, newSignal, rsn, wep, bootNanos); }

    public AccessPoint bssid(long other) { return new AccessPoint(other, ssid, channel, signalDbm, rsn, wep, bootNanos); }

    public AccessPoint bootedAt(long nanos) { return new AccessPoint(bssid, ssid, channel, signalDbm, rsn, wep, nanos); }

    /** A beacon or probe response body common to both, with the AP's elements. */
    public FrameBuilder advertise(FrameBuilder b, long now, int seq) {
        b.ap(bssid).seq(seq).timestamp(Math.max(0, (now - bootNanos) / 1000)).beaconInterval(100)
                .ssid(ssid).rates().channel(channel);
        if (rsn != null) b.rsn(rsn);
        else b.privacy(wep);
        return b.htCapabilities();
    }

    public byte[] beacon(long now, int seq) { return advertise(FrameBuilder.beacon(), now, seq).tim(0, 1).build(); }

    public byte[] probeResponse(long now, int seq, long client) {
        return advertise(FrameBuilder.probeResponse(), now, seq).destination(client).build();
    }

    /** Beacons every 102.4 ms (1 TU = 1024 us) from {@code from} to {@code to}. */
    public void beaconFor(Air air, long from, long to) {
        long first = bootNanos + ((Math.max(from, bootNanos) - bootNanos + BEACON_INTERVAL_NANOS - 1) / BEACON_INTERVAL_NANOS) * BEACON_INTERVAL_NANOS;
        for (long t = first; t < to; t += BEACON_INTERVAL_NANOS) air.add(t, channel, signalDbm, beacon(t, air.nextSeq(bssid)));
    }
}
