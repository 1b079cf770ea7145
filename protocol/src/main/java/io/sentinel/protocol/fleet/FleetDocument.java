package io.sentinel.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.WireText;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fleet configuration an operator edits on the controller, versioned as a whole: the
 * monitored networks (shared by every sensor), the sensor profiles, and which profile each
 * sensor runs (by sensor id, else by site — the sensor's location —, else {@value #DEFAULT_PROFILE}).
 *
 * <pre>
 * {"monitored_networks": [{"ssid": "CorpNet", "bssids": ["00:11:22:33:44:55"], "channels": [1, 36], "security": "wpa2-psk"}],
 *  "profiles": {"default": {"detection": {"detectors": {"deauth_flood": {"threshold": 30}}}},
 *               "lobby":   {"channels": {"plan": [1, 6, 11]}}},
 *  "assignments": {"sensors": {"lobby-1": "lobby"}, "sites": {"HQ floor 2": "default"}}}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetDocument(
        @JsonProperty("monitored_networks") List<MonitoredNetworkSpec> monitoredNetworks,
        @JsonProperty("profiles") Map<String, Profile> profiles,
        @JsonProperty("assignments") Assignments assignments) {

    public static final String DEFAULT_PROFILE = "default";
    public static final int MAX_NETWORKS = 1000, MAX_PROFILES = 200, MAX_ASSIGNMENTS = 10_000;
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /** The configuration of a controller nobody configured: no monitored network, defaults everywhere. */
    public static final FleetDocument EMPTY = new FleetDocument(List.of(), Map.of(), new Assignments(Map.of(), Map.of()));

    public FleetDocument {
        monitoredNetworks = monitoredNetworks == null ? List.of() : List.copyOf(monitoredNetworks);
        profiles = profiles == null ? Map.of() : new LinkedHashMap<>(profiles);
        assignments = assignments == null ? new Assignments(Map.of(), Map.of()) : assignments;
    }

    /** Profile by sensor id, then by site (the sensor's location). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assignments(
            @JsonProperty("sensors") Map<String, String> sensors,
            @JsonProperty("sites") Map<String, String> sites) {
        public Assignments {
            sensors = sensors == null ? Map.of() : new LinkedHashMap<>(sensors);
            sites = sites == null ? Map.of() : new LinkedHashMap<>(sites);
        }
    }

    /** The profile name a sensor runs. */
    public String profileFor(String sensorId, String site) {
        String p = assignments.sensors().get(sensorId);
        if (p == null && site != null) p = assignments.sites().get(site);
        return p == null ? DEFAULT_PROFILE : p;
    }

    /** What one sensor runs under fleet version {@code version}. */
    public SensorConfig forSensor(int version, String sensorId, String site) {
        String name = profileFor(sensorId, site);
        return new SensorConfig(version, name, monitoredNetworks, profiles.getOrDefault(name, Profile.DEFAULTS));
    }

    /**
     * Checks every value, detection settings with {@code check}; throws
     * {@link InvalidMessageException} naming the first offending field by its JSON path.
     */
    public void validate(SettingsCheck check) {
        if (monitoredNetworks.size() > MAX_NETWORKS) {
            throw new InvalidMessageException("monitored_networks", "more than " + MAX_NETWORKS + " networks");
        }
        var ssids = new HashSet<String>();
        for (int i = 0; i < monitoredNetworks.size(); i++) {
            MonitoredNetworkSpec n = monitoredNetworks.get(i);
            String at = "monitored_networks[" + i + "]";
            if (n == null) throw new InvalidMessageException(at, "must be an object");
            n.validate(at, check);
            if (!ssids.add(n.ssid())) throw new InvalidMessageException(at + ".ssid", "\"" + WireText.visible(n.ssid())
                    + "\" is listed twice; list all of its BSSIDs in one entry");
        }
        if (profiles.size() > MAX_PROFILES) throw new InvalidMessageException("profiles", "more than " + MAX_PROFILES + " profiles");
        profiles.forEach((name, p) -> {
            if (!PROFILE_NAME.matcher(name).matches()) {
                throw new InvalidMessageException("profiles." + WireText.visible(name), "profile names match [a-z0-9][a-z0-9_.-]{0,63}");
            }
            if (p == null) throw new InvalidMessageException("profiles." + name, "must be an object");
            p.validate("profiles." + name, check);
        });
        if (assignments.sensors().size() + assignments.sites().size() > MAX_ASSIGNMENTS) {
            throw new InvalidMessageException("assignments", "more than " + MAX_ASSIGNMENTS + " assignments");
        }
        assignments.sensors().forEach((sensor, profile) -> {
            if (!Identifiers.isSensorId(sensor)) {
                throw new InvalidMessageException("assignments.sensors", "\"" + WireText.visible(sensor) + "\" is not a sensor id");
            }
            requireProfile("assignments.sensors." + sensor, profile);
        });
        assignments.sites().forEach((site, profile) -> {
            WireText.require("assignments.sites", site, 256);
            requireProfile("assignments.sites." + WireText.visible(site), profile);
        });
    }

    private void requireProfile(String field, String profile) {
        if (profile == null || !(profiles.containsKey(profile) || profile.equals(DEFAULT_PROFILE))) {
            throw new InvalidMessageException(field, "no profile named \"" + (profile == null ? "" : WireText.visible(profile))
                    + "\" (has: " + String.join(", ", profiles.keySet()) + ")");
        }
    }
}
