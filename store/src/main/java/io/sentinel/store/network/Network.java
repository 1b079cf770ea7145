package io.sentinel.store.network;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Latest known state of one BSSID, with what each sensor last heard of it.
 *
 * @param ssid   the latest name heard (from beacons or probe responses); empty when none was
 * @param hidden whether the beacons hide the SSID (empty or all zero bytes); a hidden network's
 *               {@code ssid}, when present, was learnt from its probe responses
 */
public record Network(
        String bssid,
        Optional<String> ssid,
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
