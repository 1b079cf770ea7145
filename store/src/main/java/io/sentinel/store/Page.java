package io.sentinel.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated query: pass {@link #nextCursor()} back as the cursor to get
 * the next page; it is empty on the last page. Cursors are opaque strings.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
