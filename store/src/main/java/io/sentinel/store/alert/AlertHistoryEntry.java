package io.sentinel.store.alert;

import io.sentinel.protocol.wire.EpochTime;
import io.sentinel.protocol.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of an alert: {@code created}, {@code updated}, {@code merged} (another sensor's
 * report joined it), {@code reopened}, {@code acknowledged}, {@code resolved}.
 */
public record AlertHistoryEntry(long id, Instant at, String event, String actor, String detailJson) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", EpochTime.toSeconds(at));
        m.put("event", event);
        m.put("actor", actor);
        try {
            m.put("detail", Wire.mapper().readValue(detailJson, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
