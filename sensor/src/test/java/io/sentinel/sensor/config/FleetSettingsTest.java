package io.sentinel.sensor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.detect.MonitoredNetwork;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.fleet.MonitoredNetworkSpec;
import io.sentinel.protocol.fleet.Profile;
import io.sentinel.protocol.fleet.SensorConfig;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.wifi.MacAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sensor's catalogue judges fleet settings as its own files and flags do, and turns them into detection settings. */
class FleetSettingsTest {

    static SensorConfig config(Profile p, List<MonitoredNetworkSpec> networks) {
        return new FleetDocument(networks, Map.of("default", p), null).forSensor(4, "s1", null);
    }

    static Profile detection(Map<String, Object> engine, Map<String, Map<String, Object>> detectors) {
        return new Profile(null, new Profile.Detection(engine, detectors), null, null, null);
    }

    @Test
    void detectionSettingsAndMonitoredNetworksLayOverTheLocalOnes() {
        var local = DetectionConfig.defaults().with("beacon_flood.enabled", false);
        SensorConfig c = config(detection(Map.of("quiet_gap_s", 5), Map.of("deauth_flood", Map.of("threshold", 33))),
                List.of(new MonitoredNetworkSpec("CorpNet", List.of("02:00:00:00:00:01"), List.of(6), "wpa2-psk")));
        c.validate(SettingsCatalogue.INSTANCE);
        DetectionConfig d = FleetDetection.of(local, c);
        assertThat(d.monitored()).containsExactly(new MonitoredNetwork("CorpNet",
                java.util.Set.of(MacAddress.parse("02:00:00:00:00:01")), java.util.Set.of(6), "wpa2-psk"));
        assertThat(d.overrides()).containsEntry("deauth_flood.threshold", 33);
        assertThat(d.quietGapNanos()).isEqualTo(5_000_000_000L);
        assertThat(d.enabled("beacon_flood")).as("the local setting the profile leaves alone").isFalse();
        assertThat(FleetDetection.of(local, config(Profile.DEFAULTS, List.of())).monitored())
                .as("no fleet networks: the local ones stay").isEqualTo(local.monitored());
    }

    @Test
    void settingsTheSensorDoesNotKnowAreRefusedWithTheFieldNamed() {
        SensorConfig unknown = config(detection(Map.of(), Map.of("deauth_flood", Map.of("threshhold", 3))), List.of());
        assertThatThrownBy(() -> unknown.validate(SettingsCatalogue.INSTANCE)).isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field())
                        .isEqualTo("settings.detection.detectors.deauth_flood.threshhold"))
                .hasMessageContaining("has no parameter");
        SensorConfig negative = config(detection(Map.of(), Map.of("deauth_flood", Map.of("threshold", -3))), List.of());
        assertThatThrownBy(() -> negative.validate(SettingsCatalogue.INSTANCE)).hasMessageContaining("negative");
        SensorConfig plan = config(new Profile(null, null, new Profile.ChannelPlan("1,6,300", null, null), null, null), List.of());
        assertThatThrownBy(() -> plan.validate(SettingsCatalogue.INSTANCE)).isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("settings.channels.plan"));
        config(new Profile(null, null, new Profile.ChannelPlan("1,6,11;5:36,149;6:37", 100, 400), null, null), List.of())
                .validate(SettingsCatalogue.INSTANCE);
    }
}
