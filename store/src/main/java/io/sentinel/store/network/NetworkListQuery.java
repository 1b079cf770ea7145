package io.sentinel.store.network;

import java.util.Optional;

/**
 * Filters, order and page of the dashboard's network inventory.
 *
 * @param text a BSSID (exact) or part of an SSID (case-insensitive)
 * @param page the page wanted, from 1
 */
public record NetworkListQuery(Optional<String> text, Optional<String> security, Optional<Integer> channel, Order order,
        boolean ascending, int page) {

    /** Sort orders; each is served by an index of the schema or by the primary key. */
    public enum Order {
        LAST_SEEN,
        FIRST_SEEN,
        SSID,
        CHANNEL,
        BSSID
    }
}
