package io.sentinel.worker.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One notification as every format sees it. {@link #id()} is the idempotency key: every copy of
 * the message (retries, redeliveries after a worker died) carries it, so receivers can drop
 * duplicates. {@code payload} is what the dispatcher stored: for an alert message
 * {@code {"alert": {...}, "actor", "at", "detail"}}, for a digest {@code {"digest": {...}}}, for a
 * test {@code {"requested_by", "requested_at"}}.
 */
public record Message(UUID id, Kind kind, Optional<String> event, List<String> rules, Instant createdAt,
        String channelId, Map<String, Object> payload) {

    /** What the message is about. */
    public enum Kind { ALERT, DIGEST, TEST }

    public Message {
        rules = List.copyOf(rules);
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
    }

    /** The alert's object (the API's JSON of an alert) or empty for digests and tests. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> alert() {
        Object a = payload.get("alert");
        return a instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> digest() {
        Object d = payload.get("digest");
        return d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A string field of the alert, when present. */
    public Optional<String> alertText(String key) {
        Object v = alert().get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** The alert's severity; for a digest the highest it counted; {@code info} for a test. */
    public String severity() {
        return switch (kind) {
            case ALERT -> alertText("severity").orElse("info");
            case DIGEST -> String.valueOf(digest().getOrDefault("max_severity", "info"));
            case TEST -> "info";
        };
    }

    /** Seconds since the epoch of a numeric field, as the store wrote it. */
    public static Optional<Instant> time(Object v) {
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            long s = d.longValue();
            int nanos = d.subtract(BigDecimal.valueOf(s)).movePointRight(9).intValue();
            return Optional.of(Instant.ofEpochSecond(s, nanos));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Message[" + id + ", " + kind + event.map(e -> " " + e).orElse("") + "]";
    }
}
