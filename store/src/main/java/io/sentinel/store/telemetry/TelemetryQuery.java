package io.sentinel.store.telemetry;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of {@code GET /api/v1/telemetry}. Items are matched on their {@code last_seen}
 * ({@code since} inclusive, {@code until} exclusive) and returned newest first.
 */
public record TelemetryQuery(Optional<String> sensorId, Optional<String> bssid, Optional<Instant> since,
        Optional<Instant> until, int limit, Optional<String> cursor) {

    /** No filter, default page size. */
    public static TelemetryQuery all() {
        return new TelemetryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty());
    }
}
