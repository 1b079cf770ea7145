package io.sentinel.store.network;

import java.util.Optional;
import java.time.Instant;

/**
 * Filters of {@code GET /api/v1/networks}: exact SSID (its display form, which is the SSID itself
 * for printable names), exact security, last seen since.
 */
public record NetworkQuery(Optional<String> ssid, Optional<String> security, Optional<Instant> since, int limit,
        Optional<String> cursor) {

    public static NetworkQuery all() {
        return new NetworkQuery(Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());
    }
}
