package io.sentinel.controller.dashboard.alerts;

import java.time.Instant;
import java.util.List;

/** An alert with everything its page shows. */
public record AlertDetail(
        AlertRow alert,
        List<String> reasons,
        List<String> mitre,
        String evidenceJson,
        List<String> sensorIds,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String resolvedBy,
        Instant resolvedAt,
        String comment,
        List<Report> reports,
        List<HistoryEntry> history) {

    /** One sensor's report merged into the alert: the repeats seen by each sensor. */
    public record Report(String sensorId, String reportId, double confidence, long count, Instant firstSeen, Instant lastSeen) {}

    /** A lifecycle event (raised, repeated, acknowledged, resolved, ...). */
    public record HistoryEntry(Instant at, String event, String actor, String detailJson) {}
}
