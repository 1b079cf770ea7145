package io.sentinel.store.alert;

import java.time.Instant;
import java.util.Optional;

/** A BSSID with the alerts that involved it in a period: how many, the worst severity, the latest. */
public record AttackedNetwork(String bssid, Optional<String> ssid, long alerts, String worstSeverity, Instant lastSeen) {}
