package io.sentinel.store.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters, order and page of the dashboard's alert list. Every present filter must match;
 * {@code text} is a BSSID (exact) or part of an SSID (case-insensitive, of the alert or of its
 * network in the inventory).
 *
 * @param since alerts seen at or after this time
 * @param page  the page wanted, from 1
 */
public record AlertListQuery(Optional<String> type, Optional<String> severity, Optional<Alert.Status> status,
        Optional<String> sensorId, Optional<String> text, Optional<Instant> since, Order order, boolean ascending,
        int page) {

    /** Sort orders; each is served by an index of the schema. */
    public enum Order {
        LAST_SEEN,
        TYPE,
        SEVERITY
    }

    /** Every alert, newest first, first page. */
    public static AlertListQuery newest() {
        return new AlertListQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Order.LAST_SEEN, false, 1);
    }
}
