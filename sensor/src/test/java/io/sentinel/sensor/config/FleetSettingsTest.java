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

    @Test
    void monitoredNetworkDetailsReachTheDetectorsAndBadNamesAreRefusedWithTheFieldNamed() {
        String vendor = io.sentinel.wifi.Vendors.name(MacAddress.parse("00:1a:1e:10:00:01"));
        var n = new MonitoredNetworkSpec("CorpNet", List.of(), List.of("00:1a:1e"), List.of(6), "wpa3-sae", List.of("sae"),
                List.of("ccmp"), "ccmp", "required", List.of(vendor), List.of("0123456789abcdef"));
        SensorConfig c = config(Profile.DEFAULTS, List.of(n));
        c.validate(SettingsCatalogue.INSTANCE);
        MonitoredNetwork m = FleetDetection.of(DetectionConfig.defaults(), c).monitored().getFirst();
        assertThat(m.authorizes(MacAddress.parse("00:1a:1e:99:00:01"))).isTrue();
        assertThat(m.authorizes(MacAddress.parse("00:1a:1f:99:00:01"))).isFalse();
        assertThat(m.expected()).isEqualTo(MonitoredNetwork.expected(List.of("sae"), List.of("ccmp"), "ccmp", "required"));
        assertThat(m.vendors()).containsExactly(vendor.toLowerCase(java.util.Locale.ROOT));
        assertThat(m.fingerprints()).containsExactly("0123456789abcdef");

        record Bad(MonitoredNetworkSpec spec, String field, String message) {}
        for (Bad b : List.of(
                new Bad(new MonitoredNetworkSpec("X", null, List.of("00:1a"), null, null, List.of("sea"), null, null, null, null, null),
                        "monitored_networks[0].akms[0]", "unknown AKM 'sea'"),
                new Bad(new MonitoredNetworkSpec("X", null, List.of("00:1a:1"), null, null, null, null, null, null, null, null),
                        "monitored_networks[0].bssid_ranges[0]", "MAC prefix"),
                new Bad(new MonitoredNetworkSpec("X", null, null, null, null, null, List.of("ccmp", "ccmp"), null, null, null, null),
                        "monitored_networks[0].pairwise_ciphers[1]", "listed twice"),
                new Bad(new MonitoredNetworkSpec("X", null, null, null, null, null, null, "aes", null, null, null),
                        "monitored_networks[0].group_cipher", "unknown cipher 'aes'"),
                new Bad(new MonitoredNetworkSpec("X", null, null, null, null, null, null, null, "sometimes", null, null),
                        "monitored_networks[0].pmf", "required, capable or disabled"),
                new Bad(new MonitoredNetworkSpec("X", null, null, null, null, null, null, null, null, List.of("Acme Wireless Nonexistent"), null),
                        "monitored_networks[0].vendors[0]", "IEEE registry"),
                new Bad(new MonitoredNetworkSpec("X", null, null, null, null, null, null, null, null, null, List.of("fp")),
                        "monitored_networks[0].fingerprints[0]", "16 hex digits"))) {
            SensorConfig bad = config(Profile.DEFAULTS, List.of(b.spec()));
            assertThatThrownBy(() -> bad.validate(SettingsCatalogue.INSTANCE)).isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining(b.message())
                    .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo(b.field()));
        }
    }

    @Test
    void aProfileCarriesTheIncidentPoliciesOfAlertTypes() {
        Profile p = new Profile(null, new Profile.Detection(Map.of(), Map.of(),
                Map.of("deauth_flood", Map.of("burst", 1, "rate_per_min", 2, "group", "bssid"))), null, null, null);
        SensorConfig c = config(p, List.of());
        c.validate(SettingsCatalogue.INSTANCE);
        DetectionConfig d = FleetDetection.of(DetectionConfig.defaults(), c);
        var policy = d.policy(io.sentinel.detect.Detectors.spec("deauth_flood").policy("deauth_flood"));
        assertThat(policy.burst()).isEqualTo(1);
        assertThat(policy.ratePerMinute()).isEqualTo(2.0);

        SensorConfig unknownType = config(new Profile(null, new Profile.Detection(Map.of(), Map.of(),
                Map.of("deauth_fl00d", Map.of("burst", 1))), null, null, null), List.of());
        assertThatThrownBy(() -> unknownType.validate(SettingsCatalogue.INSTANCE)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("no detector raises alert type 'deauth_fl00d'")
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("settings.detection.alerts.deauth_fl00d.burst"));
        SensorConfig badGroup = config(new Profile(null, new Profile.Detection(Map.of(), Map.of(),
                Map.of("deauth_flood", Map.of("group", "planet"))), null, null, null), List.of());
        assertThatThrownBy(() -> badGroup.validate(SettingsCatalogue.INSTANCE)).isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("settings.detection.alerts.deauth_flood.group"));
    }

    @Test
    void privacyAndEvidenceOfAProfileLayOverTheSensorsOwn() {
        var local = new io.sentinel.sensor.telemetry.PrivacyOptions(false, true, false);
        SensorConfig c = config(new Profile(null, null, null, new Profile.EvidenceSettings(null, 3, 4, 0),
                new Profile.PrivacySettings(true, false)), List.of());
        var privacy = FleetProfile.privacy(local, c);
        assertThat(privacy.pseudonymizeClients()).isTrue();
        assertThat(privacy.hideSsids()).as("the sensor's own flag the profile cannot name").isTrue();
        assertThat(privacy.hideProbedSsids()).isTrue();
        var evidence = FleetProfile.evidence(io.sentinel.sensor.evidence.EvidenceOptions.defaults(), c);
        assertThat(evidence.enabled()).as("0 files per minute: off").isFalse();
        assertThat(evidence.preTrigger()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(evidence.postTrigger()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(FleetProfile.evidence(io.sentinel.sensor.evidence.EvidenceOptions.defaults(), config(Profile.DEFAULTS, List.of())))
                .isEqualTo(io.sentinel.sensor.evidence.EvidenceOptions.defaults());
        assertThat(FleetProfile.privacy(local, config(Profile.DEFAULTS, List.of()))).isEqualTo(local);
    }
}
