package io.sentinel.controller.dashboard.alerts;

import io.sentinel.controller.dashboard.view.UntrustedText;
import java.time.Instant;

/** One alert as listed. SSID and summary come from the air and are shown through {@link UntrustedText}. */
public record AlertRow(
        String id,
        String type,
        String severity,
        String status,
        double confidence,
        Instant firstSeen,
        Instant lastSeen,
        long count,
        String bssid,
        UntrustedText ssid,
        String source,
        String target,
        Integer channel,
        String sensorId,
        UntrustedText summary) {}
