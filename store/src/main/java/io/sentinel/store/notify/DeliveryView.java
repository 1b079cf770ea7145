package io.sentinel.store.notify;

import io.sentinel.protocol.wire.EpochTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One message to one channel and how its delivery went. */
public record DeliveryView(long id, UUID messageId, String channelId, String kind, Optional<String> alertId,
        Optional<String> event, List<String> ruleIds, String state, int attempts, Instant createdAt,
        Instant nextAttemptAt, Optional<Instant> sentAt, Optional<String> lastError) {

    public DeliveryView {
        ruleIds = List.copyOf(ruleIds);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_id", messageId.toString());
        m.put("channel_id", channelId);
        m.put("kind", kind);
        m.put("alert_id", alertId.orElse(null));
        m.put("event", event.orElse(null));
        m.put("rules", ruleIds);
        m.put("state", state);
        m.put("attempts", attempts);
        m.put("created_at", EpochTime.toSeconds(createdAt));
        m.put("next_attempt_at", state.equals("pending") ? EpochTime.toSeconds(nextAttemptAt) : null);
        m.put("sent_at", sentAt.map(EpochTime::toSeconds).orElse(null));
        m.put("last_error", lastError.orElse(null));
        return m;
    }
}
