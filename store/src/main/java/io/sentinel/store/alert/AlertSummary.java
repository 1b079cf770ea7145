package io.sentinel.store.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert as a list shows it: the contract's scalar keys and its status, without evidence,
 * reasons or lifecycle details (those are on {@link Alert}).
 *
 * @param sensorId the sensor that reported it first
 * @param ssid     the SSID the alert carries; empty when the alert has none (a deauth flood, say)
 */
public record AlertSummary(
        String id,
        String type,
        String severity,
        Alert.Status status,
        double confidence,
        Instant firstSeen,
        Instant lastSeen,
        long count,
        Optional<String> bssid,
        Optional<String> ssid,
        Optional<String> source,
        Optional<String> target,
        Optional<Integer> channel,
        String sensorId,
        String summary) {}
