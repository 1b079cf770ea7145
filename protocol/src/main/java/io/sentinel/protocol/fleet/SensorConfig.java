package io.sentinel.protocol.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinel.protocol.wire.InvalidMessageException;
import java.util.List;

/**
 * What one sensor runs: the fleet version it belongs to, its profile's name and settings, and
 * the monitored networks. Sent by the controller in answer to a signed configuration request;
 * a sensor checks it with {@link #validate(SettingsCheck)} before it applies it and keeps the
 * last one it applied on disk.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SensorConfig(
        @JsonProperty(value = "version", required = true) int version,
        @JsonProperty(value = "profile", required = true) String profile,
        @JsonProperty("monitored_networks") List<MonitoredNetworkSpec> monitoredNetworks,
        @JsonProperty("settings") Profile settings) {

    public SensorConfig {
        monitoredNetworks = monitoredNetworks == null ? List.of() : List.copyOf(monitoredNetworks);
        settings = settings == null ? Profile.DEFAULTS : settings;
    }

    public void validate(SettingsCheck check) {
        if (version < 1) throw new InvalidMessageException("version", "must be >= 1");
        for (int i = 0; i < monitoredNetworks.size(); i++) monitoredNetworks.get(i).validate("monitored_networks[" + i + "]", check);
        settings.validate("settings", check);
    }
}
