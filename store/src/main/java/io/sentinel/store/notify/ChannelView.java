package io.sentinel.store.notify;

import io.sentinel.protocol.wire.EpochTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A channel as the API and dashboard show it: settings, which secrets are set (never their
 * values), and its delivery health.
 */
public record ChannelView(String id, String name, ChannelKind kind, Map<String, Object> settings,
        List<String> secretNames, String targetHint, boolean enabled, String managedBy, Instant createdAt,
        Instant updatedAt, Health health) {

    /**
     * @param pending messages waiting (the channel's queue depth)
     * @param dead messages given up after the retry period
     * @param oldestPending when the oldest waiting message was queued
     */
    public record Health(Optional<Instant> lastSuccessAt, Optional<String> lastError, Optional<Instant> lastErrorAt,
            int consecutiveFailures, Optional<Instant> pausedUntil, long pending, long dead,
            Optional<Instant> oldestPending) {}

    public ChannelView {
        settings = Map.copyOf(settings);
        secretNames = List.copyOf(secretNames);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("kind", kind.wire());
        m.put("enabled", enabled);
        m.put("settings", new LinkedHashMap<>(new java.util.TreeMap<>(settings)));
        m.put("secrets_set", secretNames);
        m.put("target", targetHint);
        m.put("managed_by", managedBy);
        m.put("created_at", EpochTime.toSeconds(createdAt));
        m.put("updated_at", EpochTime.toSeconds(updatedAt));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("pending", health.pending());
        h.put("dead", health.dead());
        h.put("oldest_pending_at", health.oldestPending().map(EpochTime::toSeconds).orElse(null));
        h.put("last_success_at", health.lastSuccessAt().map(EpochTime::toSeconds).orElse(null));
        h.put("last_error", health.lastError().orElse(null));
        h.put("last_error_at", health.lastErrorAt().map(EpochTime::toSeconds).orElse(null));
        h.put("consecutive_failures", health.consecutiveFailures());
        h.put("paused_until", health.pausedUntil().map(EpochTime::toSeconds).orElse(null));
        m.put("health", h);
        return m;
    }
}
