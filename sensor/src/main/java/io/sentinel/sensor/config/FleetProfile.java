package io.sentinel.sensor.config;

import io.sentinel.protocol.fleet.Profile;
import io.sentinel.protocol.fleet.SensorConfig;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.telemetry.PrivacyOptions;
import java.time.Duration;

/**
 * The privacy and evidence settings a fleet profile asks for, laid over the sensor's own: what
 * the profile leaves out stays as the sensor's flags set it. {@code hash_client_macs} is
 * pseudonymisation of client MACs; {@code send_probed_ssids: false} leaves the SSIDs clients probe
 * for out of their telemetry; {@code max_files_per_minute: 0} switches evidence off.
 */
public final class FleetProfile {
    private FleetProfile() {}

    public static PrivacyOptions privacy(PrivacyOptions local, SensorConfig config) {
        Profile.PrivacySettings p = config.settings().privacy();
        if (p == null) return local;
        return new PrivacyOptions(p.hashClientMacs() != null ? p.hashClientMacs() : local.pseudonymizeClients(), local.hideSsids(),
                p.sendProbedSsids() != null ? !p.sendProbedSsids() : local.hideProbedSsids());
    }

    public static EvidenceOptions evidence(EvidenceOptions local, SensorConfig config) {
        Profile.EvidenceSettings e = config.settings().evidence();
        if (e == null) return local;
        boolean enabled = e.enabled() != null ? e.enabled() : local.enabled();
        int perMinute = e.maxFilesPerMinute() != null ? e.maxFilesPerMinute() : local.maxPerMinute();
        if (perMinute == 0) {
            enabled = false;
            perMinute = local.maxPerMinute();
        }
        Duration pre = e.preTriggerSeconds() != null ? Duration.ofSeconds(e.preTriggerSeconds()) : local.preTrigger();
        Duration post = e.postTriggerSeconds() != null ? Duration.ofSeconds(e.postTriggerSeconds()) : local.postTrigger();
        return new EvidenceOptions(enabled, pre, local.ringBytes(), post, local.maxBytesPerAlert(), perMinute,
                local.maxConcurrent(), local.maxDiskBytes());
    }
}
