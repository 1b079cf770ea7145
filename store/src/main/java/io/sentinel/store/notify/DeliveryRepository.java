package io.sentinel.store.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The SQL of the worker's dispatcher and sender. Several worker processes run them at once:
 * outbox events and due deliveries are claimed with {@code FOR UPDATE SKIP LOCKED}, so each goes
 * to one of them; a claimed delivery carries a lease, and one whose worker died is claimed again
 * when its lease has run out (at-least-once, with the same message id). Rate-limit windows are
 * locked in key order, so dispatchers cannot deadlock. Every time here is the database's clock,
 * one clock for all workers.
 */
public final class DeliveryRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Database db;

    public DeliveryRepository(Database db) {
        this.db = db;
    }

    /** An outbox row: what happened to which alert. */
    public record OutboxEvent(long id, String alertId, LifecycleEvent event, Instant at, String actor,
            Map<String, Object> detail) {}

    /** The rate-limit window of a rule for one channel. */
    public record Window(String ruleId, String channelId, Instant start, Instant end, int sent,
            Optional<Long> digestDeliveryId) {}

    /** A message to queue. {@code eventId} makes it unique per outbox event and channel. */
    public record NewDelivery(UUID messageId, String channelId, String kind, Optional<Long> eventId,
            Optional<String> alertId, Optional<String> event, List<String> ruleIds, String payloadJson,
            Optional<Instant> notBefore) {}

    /** A delivery claimed by a sender, leased to it. */
    public record Claimed(long id, UUID messageId, String channelId, String kind, Optional<String> alertId,
            Optional<String> event, List<String> ruleIds, Map<String, Object> payload, int attempts,
            Instant createdAt) {}

    /** A channel's queue, for metrics. */
    public record ChannelQueue(String channelId, String kind, boolean enabled, long pending, long dead,
            double oldestPendingSeconds, long consecutiveFailures, Optional<Instant> lastSuccessAt) {}

    public Instant now(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_timestamp()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Sql.time(rs, "statement_timestamp");
        }
    }

    // ---- dispatcher

    /** Takes up to {@code limit} outbox events no other dispatcher holds, oldest first. */
    public List<OutboxEvent> claimEvents(Connection c, int limit) throws SQLException {
        List<OutboxEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, event, at, actor, detail::text AS detail "
                + "FROM notify_events ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxEvent(rs.getLong("id"), rs.getString("alert_id"),
                            LifecycleEvent.parse(rs.getString("event")), Sql.time(rs, "at"), rs.getString("actor"),
                            map(rs.getString("detail"))));
                }
            }
        }
        return out;
    }

    public void deleteEvents(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_events WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Outbox events waiting for a dispatcher. */
    public long eventBacklog() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM notify_events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Locks the windows of these (rule, channel) keys, creating empty (expired) ones first, in
     * key order. Keys are {@code rule_id + '\0' + channel_id}.
     */
    public Map<String, Window> lockWindows(Connection c, Collection<String> keys) throws SQLException {
        TreeMap<String, String[]> sorted = new TreeMap<>();
        for (String k : keys) {
            sorted.put(k, k.split("\0", 2));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_windows (rule_id, channel_id, window_start, "
                + "window_end) VALUES (?, ?, 'epoch', 'epoch') ON CONFLICT DO NOTHING")) {
            for (String[] k : sorted.values()) {
                ps.setString(1, k[0]);
                ps.setString(2, k[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Window> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, channel_id, window_start, window_end, sent, "
                + "digest_delivery_id FROM notify_windows WHERE rule_id = ? AND channel_id = ? FOR UPDATE")) {
            for (Map.Entry<String, String[]> e : sorted.entrySet()) {
                ps.setString(1, e.getValue()[0]);
                ps.setString(2, e.getValue()[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long digest = rs.getLong("digest_delivery_id");
                        out.put(e.getKey(), new Window(rs.getString(1), rs.getString(2), Sql.time(rs, "window_start"),
                                Sql.time(rs, "window_end"), rs.getInt("sent"),
                                rs.wasNull() ? Optional.empty() : Optional.of(digest)));
                    }
                }
            }
        }
        return out;
    }

    public void saveWindow(Connection c, Window w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_windows SET window_start = ?, window_end = ?, "
                + "sent = ?, digest_delivery_id = ? WHERE rule_id = ? AND channel_id = ?")) {
            Sql.setTime(ps, 1, w.start());
            Sql.setTime(ps, 2, w.end());
            ps.setInt(3, w.sent());
            if (w.digestDeliveryId().isPresent()) {
                ps.setLong(4, w.digestDeliveryId().get());
            } else {
                ps.setNull(4, java.sql.Types.BIGINT);
            }
            ps.setString(5, w.ruleId());
            ps.setString(6, w.channelId());
            ps.executeUpdate();
        }
    }

    /** Queues a message; empty when this event already has one for this channel. */
    public Optional<Long> insert(Connection c, NewDelivery d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_deliveries (message_id, channel_id, kind, "
                + "event_id, alert_id, event, rule_ids, payload, next_attempt_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, coalesce(?, statement_timestamp())) "
                + "ON CONFLICT (event_id, channel_id) WHERE event_id IS NOT NULL DO NOTHING RETURNING id")) {
            ps.setObject(1, d.messageId());
            ps.setString(2, d.channelId());
            ps.setString(3, d.kind());
            if (d.eventId().isPresent()) {
                ps.setLong(4, d.eventId().get());
            } else {
                ps.setNull(4, java.sql.Types.BIGINT);
            }
            Sql.setString(ps, 5, d.alertId().orElse(null));
            Sql.setString(ps, 6, d.event().orElse(null));
            ps.setArray(7, c.createArrayOf("text", d.ruleIds().toArray()));
            ps.setString(8, d.payloadJson());
            if (d.notBefore().isPresent()) {
                Sql.setTime(ps, 9, d.notBefore().get());
            } else {
                ps.setNull(9, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * The payload of a digest still open for additions (never handed to a sender), locked; empty
     * once a sender has taken it.
     */
    public Optional<Map<String, Object>> openDigest(Connection c, long deliveryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT payload::text FROM notify_deliveries WHERE id = ? "
                + "AND state = 'pending' AND attempts = 0 AND lease_until IS NULL FOR UPDATE")) {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs.getString(1))) : Optional.empty();
            }
        }
    }

    public void updatePayload(Connection c, long deliveryId, String payloadJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_deliveries SET payload = ?::jsonb WHERE id = ?")) {
            ps.setString(1, payloadJson);
            ps.setLong(2, deliveryId);
            ps.executeUpdate();
        }
    }

    // ---- sender

    /**
     * Leases due deliveries of enabled, unpaused channels: at most {@code perChannel} of each
     * channel, oldest first, {@code lease} long. Rows another sender holds are skipped.
     */
    public List<Claimed> claim(int perChannel, Duration lease) throws SQLException {
        String sql = """
                WITH ready AS (
                    SELECT id FROM notify_channels
                     WHERE enabled AND (paused_until IS NULL OR paused_until <= statement_timestamp())
                ), due AS (
                    SELECT d.id FROM ready r CROSS JOIN LATERAL (
                        SELECT id FROM notify_deliveries
                         WHERE channel_id = r.id AND state = 'pending' AND next_attempt_at <= statement_timestamp()
                           AND (lease_until IS NULL OR lease_until <= statement_timestamp())
                         ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) d
                )
                UPDATE notify_deliveries AS nd
                   SET lease_until = statement_timestamp() + ? * interval '1 millisecond',
                       attempts = nd.attempts + 1, last_attempt_at = statement_timestamp()
                  FROM due WHERE nd.id = due.id
                RETURNING nd.id, nd.message_id, nd.channel_id, nd.kind, nd.alert_id, nd.event, nd.rule_ids,
                          nd.payload::text AS payload, nd.attempts, nd.created_at
                """;
        List<Claimed> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, perChannel);
            ps.setLong(2, lease.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Claimed(rs.getLong("id"), (UUID) rs.getObject("message_id"), rs.getString("channel_id"),
                            rs.getString("kind"), Sql.optString(rs, "alert_id"), Sql.optString(rs, "event"),
                            NotifyRepository.strings(rs.getArray("rule_ids")), map(rs.getString("payload")),
                            rs.getInt("attempts"), Sql.time(rs, "created_at")));
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(Claimed::id));
        return out;
    }

    public void markSent(Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notify_deliveries SET "
                + "state = 'sent', sent_at = statement_timestamp(), lease_until = NULL, last_error = NULL "
                + "WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Back in the queue after {@code delay}; or given up ({@code dead}) when it has been failing for too long. */
    public void markFailed(long id, String error, Duration delay, Duration giveUpAfter) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notify_deliveries SET "
                + "lease_until = NULL, last_error = ?, next_attempt_at = statement_timestamp() + ? * interval '1 millisecond', "
                + "state = CASE WHEN created_at + ? * interval '1 millisecond' <= statement_timestamp() THEN 'dead' "
                + "ELSE 'pending' END WHERE id = ?")) {
            ps.setString(1, truncate(error));
            ps.setLong(2, delay.toMillis());
            ps.setLong(3, giveUpAfter.toMillis());
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Gives a claimed delivery back untried (its channel went away or was paused meanwhile). */
    public void release(Collection<Long> ids, Duration delay) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notify_deliveries SET "
                + "lease_until = NULL, attempts = greatest(0, attempts - 1), "
                + "next_attempt_at = statement_timestamp() + ? * interval '1 millisecond' WHERE id = ANY (?)")) {
            ps.setLong(1, delay.toMillis());
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    public void channelSucceeded(String channelId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notify_channels SET "
                + "last_success_at = statement_timestamp(), consecutive_failures = 0, paused_until = NULL WHERE id = ?")) {
            ps.setString(1, channelId);
            ps.executeUpdate();
        }
    }

    /** Records a failure; the channel is paused for {@code pause} (no delivery of it is claimed meanwhile). */
    public int channelFailed(String channelId, String error, Duration pause) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notify_channels SET "
                + "last_error = ?, last_error_at = statement_timestamp(), consecutive_failures = consecutive_failures + 1, "
                + "paused_until = statement_timestamp() + ? * interval '1 millisecond' WHERE id = ? "
                + "RETURNING consecutive_failures")) {
            ps.setString(1, truncate(error));
            ps.setLong(2, pause.toMillis());
            ps.setString(3, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Consecutive failures of a channel so far. */
    public int consecutiveFailures(String channelId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT consecutive_failures FROM notify_channels WHERE id = ?")) {
            ps.setString(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Deletes sent deliveries older than {@code keep} and given-up ones older than {@code keepDead}. */
    public int purge(Duration keep, Duration keepDead) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM notify_deliveries "
                + "WHERE (state = 'sent' AND sent_at < statement_timestamp() - ? * interval '1 millisecond') "
                + "OR (state = 'dead' AND created_at < statement_timestamp() - ? * interval '1 millisecond')")) {
            ps.setLong(1, keep.toMillis());
            ps.setLong(2, keepDead.toMillis());
            return ps.executeUpdate();
        }
    }

    public List<ChannelQueue> queues() throws SQLException {
        List<ChannelQueue> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT ch.id, ch.kind, ch.enabled, ch.consecutive_failures, ch.last_success_at,
                       coalesce(q.pending, 0) AS pending, coalesce(q.dead, 0) AS dead,
                       coalesce(extract(epoch FROM statement_timestamp() - q.oldest), 0) AS oldest
                  FROM notify_channels ch
                  LEFT JOIN (SELECT channel_id, count(*) FILTER (WHERE state = 'pending') AS pending,
                                    count(*) FILTER (WHERE state = 'dead') AS dead,
                                    min(created_at) FILTER (WHERE state = 'pending') AS oldest
                               FROM notify_deliveries WHERE state <> 'sent' GROUP BY channel_id) q
                    ON q.channel_id = ch.id ORDER BY ch.id
                """); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChannelQueue(rs.getString("id"), rs.getString("kind"), rs.getBoolean("enabled"),
                        rs.getLong("pending"), rs.getLong("dead"), rs.getDouble("oldest"),
                        rs.getLong("consecutive_failures"), Sql.optTime(rs, "last_success_at")));
            }
        }
        return out;
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    private static Map<String, Object> map(String json) {
        try {
            return Wire.mapper().readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not an object", e);
        }
    }
}
