package io.sentinel.store.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of {@code GET /api/v1/alerts}; each present filter must match exactly. Time filters
 * apply to {@code last_seen} ({@code since} inclusive, {@code until} exclusive). Newest first.
 */
public record AlertQuery(Optional<String> type, Optional<String> severity, Optional<Alert.Status> status,
        Optional<String> sensorId, Optional<String> bssid, Optional<Instant> since, Optional<Instant> until,
        int limit, Optional<String> cursor) {

    public static AlertQuery all() {
        return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, Optional.empty());
    }
}
