package io.sentinel.detect;

import io.sentinel.wifi.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network the operator owns: its SSID, the BSSIDs allowed to serve it, the channels it uses and
 * the security it advertises (contract label such as {@code wpa2-psk}; empty sets mean "any").
 */
public record MonitoredNetwork(String ssid, Set<Long> bssids, Set<Integer> channels, String security) {

    public MonitoredNetwork {
        if (ssid == null || ssid.isEmpty()) throw new IllegalArgumentException("monitored network without ssid");
        bssids = Set.copyOf(bssids);
        channels = Set.copyOf(channels);
    }

    public boolean authorizes(long bssid) { return bssids.isEmpty() || bssids.contains(bssid); }

    public boolean allowsChannel(int channel) { return channels.isEmpty() || channel < 0 || channels.contains(channel); }

    /** Security matches when none was configured, or the labels are equal ignoring case. */
    public boolean allowsSecurity(String label) {
        return security == null || security.isBlank() || label == null || security.equalsIgnoreCase(label);
    }

    @SuppressWarnings("unchecked")
    static MonitoredNetwork fromMap(Map<String, Object> m) {
        Object ssid = m.get("ssid");
        if (!(ssid instanceof String s)) throw new IllegalArgumentException("monitored_networks: each entry needs an ssid");
        for (String k : m.keySet()) {
            if (!Set.of("ssid", "bssids", "channels", "security").contains(k))
                throw new IllegalArgumentException("monitored_networks: unknown key '" + k + "' (ssid, bssids, channels, security)");
        }
        Set<Long> bssids = new java.util.HashSet<>();
        for (Object b : (List<Object>) m.getOrDefault("bssids", List.of())) bssids.add(MacAddress.parse(String.valueOf(b).toLowerCase()));
        Set<Integer> channels = new java.util.HashSet<>();
        for (Object c : (List<Object>) m.getOrDefault("channels", List.of())) channels.add(((Number) c).intValue());
        Object sec = m.get("security");
        return new MonitoredNetwork(s, bssids, channels, sec == null ? null : sec.toString());
    }
}
