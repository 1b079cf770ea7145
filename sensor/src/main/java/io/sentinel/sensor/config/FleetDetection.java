package io.sentinel.sensor.config;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.protocol.fleet.MonitoredNetworkSpec;
import io.sentinel.protocol.fleet.Profile;
import io.sentinel.protocol.fleet.SensorConfig;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.MacPrefix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The detection configuration a fleet configuration asks for: the sensor's local settings with
 * the profile's engine and detector settings laid over them, and the fleet's monitored networks
 * in place of the local ones.
 */
public final class FleetDetection {

    private FleetDetection() {}

    /** @throws IllegalArgumentException naming the setting that the detector catalogue refuses */
    public static DetectionConfig of(DetectionConfig local, SensorConfig config) {
        DetectionConfig d = local;
        Profile.Detection det = config.settings().detection();
        if (det != null) {
            for (Map.Entry<String, Object> e : det.engine().entrySet()) d = d.with("engine." + e.getKey(), e.getValue());
            for (Map.Entry<String, Map<String, Object>> det1 : det.detectors().entrySet()) {
                for (Map.Entry<String, Object> p : det1.getValue().entrySet()) {
                    d = d.with(det1.getKey() + "." + p.getKey(), p.getValue());
                }
            }
            for (Map.Entry<String, Map<String, Object>> a : det.alerts().entrySet()) {
                for (Map.Entry<String, Object> p : a.getValue().entrySet()) {
                    d = d.with("alerts." + a.getKey() + "." + p.getKey(), p.getValue());
                }
            }
        }
        List<MonitoredNetwork> networks = new ArrayList<>();
        for (MonitoredNetworkSpec n : config.monitoredNetworks()) {
            Set<Long> bssids = new HashSet<>();
            for (String b : n.bssids()) bssids.add(MacAddress.parse(b));
            List<MacPrefix> ranges = new ArrayList<>();
            for (String r : n.bssidRanges()) ranges.add(MacPrefix.parse(r));
            networks.add(new MonitoredNetwork(n.ssid(), bssids, ranges, new HashSet<>(n.channels()), n.security(),
                    MonitoredNetwork.expected(n.akms(), n.pairwiseCiphers(), n.groupCipher(), n.pmf()),
                    new HashSet<>(n.vendors()), new HashSet<>(n.fingerprints())));
        }
        return d.withMonitored(networks.isEmpty() ? local.monitored() : networks);
    }
}
