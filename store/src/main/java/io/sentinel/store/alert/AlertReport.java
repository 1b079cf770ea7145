package io.sentinel.store.alert;

import java.time.Instant;

/** One sensor's own report merged into an alert (cumulative: its count and times only grow). */
public record AlertReport(String sensorId, String reportId, double confidence, long count, Instant firstSeen,
        Instant lastSeen) {}
