package io.sentinel.store.network;

import io.sentinel.protocol.wire.Ssid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Latest known state of one BSSID, with what each sensor last heard of it.
 *
 * @param ssid   the latest name heard (from beacons or probe responses) in its display form
 *               (control, bidi and undecodable bytes escaped, see {@link Ssid#display()}); empty
 *               when none was
 * @param ssidBytes the same name as the bytes it was on the air
 * @param hidden whether the beacons hide the SSID (empty or all zero bytes); a hidden network's
 *               {@code ssid}, when present, was learnt from its probe responses
 */
public record Network(
        String bssid,
        Optional<String> ssid,
        Optional<Ssid> ssidBytes,
        Optional<String> security,
        Optional<Integer> channel,
        Optional<Integer> freqMhz,
        Optional<String> vendor,
        Instant firstSeen,
        Instant lastSeen,
        boolean hidden,
        List<SensorSignal> sensors) {

    public Network {
        sensors = List.copyOf(sensors);
    }

    /** One sensor's view of the BSSID. */
    public record SensorSignal(String sensorId, Optional<Integer> rssiMin, Optional<Double> rssiAvg,
            Optional<Integer> rssiMax, Instant lastSeen) {}
}
