package io.sentinel.store.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Cursor;
import io.sentinel.store.Database;
import io.sentinel.store.Page;
import io.sentinel.store.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Channels and rules (create, replace, delete, list), the secrets of a channel (sealed with a
 * {@link SecretBox}; readable only through {@link #channelForSending}), deliveries as the API
 * shows them, test messages and the re-queueing of given-up messages. Methods taking a
 * {@link Connection} run inside the caller's transaction (so the audit entry commits with them).
 */
public final class NotifyRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final javax.sql.DataSource dataSource;
    private final SecretBox box;

    public NotifyRepository(Database db, SecretBox box) {
        this.dataSource = db.dataSource();
        this.box = box;
    }

    /** A connection of the pool (callers that commit an audit entry with a change). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** No object with that id (404). */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The change collides with what exists (409): an id taken, or an object managed by the configuration file. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A channel with its secrets opened, for the sender. */
    public record SendableChannel(String id, String name, ChannelSettings settings, Map<String, String> secrets,
            Instant updatedAt) {
        public SendableChannel {
            secrets = Map.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "SendableChannel[" + id + ", " + settings.kind().wire() + ", secrets " + secrets.keySet() + "]";
        }
    }

    // ---- channels

    public List<ChannelView> channels() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return channels(c, Optional.empty());
        }
    }

    public Optional<ChannelView> channel(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return channels(c, Optional.of(id)).stream().findFirst();
        }
    }

    private List<ChannelView> channels(Connection c, Optional<String> id) throws SQLException {
        String sql = """
                SELECT ch.*, coalesce(q.pending, 0) AS pending, coalesce(q.dead, 0) AS dead, q.oldest
                  FROM notify_channels ch
                  LEFT JOIN (SELECT channel_id, count(*) FILTER (WHERE state = 'pending') AS pending,
                                    count(*) FILTER (WHERE state = 'dead') AS dead,
                                    min(created_at) FILTER (WHERE state = 'pending') AS oldest
                               FROM notify_deliveries WHERE state <> 'sent' GROUP BY channel_id) q
                    ON q.channel_id = ch.id
                """ + (id.isPresent() ? " WHERE ch.id = ?" : "") + " ORDER BY ch.id";
        List<ChannelView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id.isPresent()) {
                ps.setString(1, id.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChannelView(rs.getString("id"), rs.getString("name"),
                            ChannelKind.parse("kind", rs.getString("kind")), readMap(rs.getString("settings")),
                            strings(rs.getArray("secret_names")), rs.getString("target_hint"), rs.getBoolean("enabled"),
                            rs.getString("managed_by"), Sql.time(rs, "created_at"), Sql.time(rs, "updated_at"),
                            new ChannelView.Health(Sql.optTime(rs, "last_success_at"), Sql.optString(rs, "last_error"),
                                    Sql.optTime(rs, "last_error_at"), rs.getInt("consecutive_failures"),
                                    Sql.optTime(rs, "paused_until"), rs.getLong("pending"), rs.getLong("dead"),
                                    Sql.optTime(rs, "oldest"))));
                }
            }
        }
        return out;
    }

    /**
     * Creates ({@code create}) or replaces a channel. Secrets are merged: stored ones stay unless
     * {@code secretChanges} sets or removes them; names the kind does not know are dropped.
     *
     * @param managedBy {@code api} or {@code file}; the API cannot change what the file manages
     */
    /**
     * Serialises imports of the notification file across worker processes: held until the
     * transaction of {@code c} ends.
     */
    public void lockFileImport(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(7150001)")) {
            ps.execute();
        }
    }

    public ChannelView saveChannel(Connection c, ChannelDefinition d, Map<String, Optional<String>> secretChanges,
            String managedBy, boolean create) throws SQLException {
        Optional<String[]> existing = lockChannel(c, d.id());
        if (create && existing.isPresent()) {
            throw new Conflict("channel " + d.id() + " exists");
        }
        if (!create && existing.isEmpty() && !managedBy.equals("file")) {
            throw new NotFound("no channel " + d.id());
        }
        if (existing.isPresent() && existing.get()[0].equals("file") && !managedBy.equals("file")) {
            throw new Conflict("channel " + d.id() + " is managed by the notifications file; change it there");
        }
        Map<String, String> secrets = new TreeMap<>();
        if (existing.isPresent()) {
            try {
                secrets.putAll(storedSecrets(c, d.id()));
            } catch (SecretBox.Unreadable e) {
                // unreadable secrets (rotated key) are replaced by what this request gives
            }
        }
        secrets.keySet().retainAll(d.settings().secretNames());
        secretChanges.forEach((k, v) -> {
            if (v.isPresent()) {
                secrets.put(k, v.get());
            } else {
                secrets.remove(k);
            }
        });
        d.settings().checkSecrets(secrets);
        byte[] sealed = secrets.isEmpty() ? null
                : box.seal(Wire.writeString(secrets).getBytes(StandardCharsets.UTF_8), d.id());
        String hint = switch (d.settings()) {
            case ChannelSettings.Webhook w -> ChannelSettings.Webhook.hint(secrets.get("url"));
            case ChannelSettings.Syslog s -> s.transport().name().toLowerCase(java.util.Locale.ROOT) + "://" + s.host()
                    + ":" + s.port();
            case ChannelSettings.Email e -> "smtp://" + e.host() + ":" + e.port();
            case ChannelSettings.File f -> "file:" + f.name();
        };
        String sql = existing.isPresent()
                ? "UPDATE notify_channels SET name = ?, kind = ?, settings = ?::jsonb, secrets = ?, secret_names = ?, "
                        + "target_hint = ?, enabled = ?, managed_by = ?, updated_at = now() WHERE id = ?"
                : "INSERT INTO notify_channels (name, kind, settings, secrets, secret_names, target_hint, enabled, "
                        + "managed_by, id) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.name());
            ps.setString(2, d.kind().wire());
            ps.setString(3, Wire.writeString(d.settings().toJson()));
            ps.setBytes(4, sealed);
            ps.setArray(5, c.createArrayOf("text", secrets.keySet().toArray()));
            ps.setString(6, hint);
            ps.setBoolean(7, d.enabled());
            ps.setString(8, managedBy);
            ps.setString(9, d.id());
            ps.executeUpdate();
        }
        return channels(c, Optional.of(d.id())).getFirst();
    }

    /** Deletes a channel with its queued messages. */
    public void deleteChannel(Connection c, String id, String managedBy) throws SQLException {
        Optional<String[]> existing = lockChannel(c, id);
        if (existing.isEmpty()) {
            throw new NotFound("no channel " + id);
        }
        if (existing.get()[0].equals("file") && !managedBy.equals("file")) {
            throw new Conflict("channel " + id + " is managed by the notifications file; remove it there");
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_channels WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** [managed_by] of a channel, locked for the rest of the transaction. */
    private static Optional<String[]> lockChannel(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT managed_by FROM notify_channels WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1)}) : Optional.empty();
            }
        }
    }

    private Map<String, String> storedSecrets(Connection c, String id) throws SQLException, SecretBox.Unreadable {
        try (PreparedStatement ps = c.prepareStatement("SELECT secrets FROM notify_channels WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBytes(1) == null) {
                    return Map.of();
                }
                byte[] plain = box.open(rs.getBytes(1), id);
                return Wire.mapper().readValue(plain, STRINGS);
            } catch (java.io.IOException e) {
                throw new SecretBox.Unreadable("the stored secrets are not a JSON object");
            }
        }
    }

    /** The channel with its secrets opened, when it exists and is enabled. */
    public Optional<SendableChannel> channelForSending(String id) throws SQLException, SecretBox.Unreadable {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT kind, name, settings::text AS settings, updated_at "
                        + "FROM notify_channels WHERE id = ? AND enabled")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ChannelSettings settings = ChannelSettings.parse(ChannelKind.parse("kind", rs.getString("kind")),
                        readMap(rs.getString("settings")));
                return Optional.of(new SendableChannel(id, rs.getString("name"), settings, storedSecrets(c, id),
                        Sql.time(rs, "updated_at")));
            }
        }
    }

    /** When each enabled channel last changed (the sender reloads a channel whose time moved). */
    public Map<String, Instant> channelVersions() throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, updated_at FROM notify_channels WHERE enabled");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), Sql.time(rs, "updated_at"));
            }
        }
        return out;
    }

    // ---- rules

    public List<RuleView> rules() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return rules(c, Optional.empty(), false);
        }
    }

    public Optional<RuleView> rule(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return rules(c, Optional.of(id), false).stream().findFirst();
        }
    }

    /** The enabled rules with only their enabled channels, as the dispatcher applies them. */
    public List<RuleDefinition> activeRules(Connection c) throws SQLException {
        return rules(c, Optional.empty(), true).stream().map(RuleView::rule).toList();
    }

    /** A rule with who manages it. */
    public record RuleView(RuleDefinition rule, String managedBy, Instant createdAt, Instant updatedAt) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = rule.toJson();
            m.put("managed_by", managedBy);
            m.put("created_at", io.sentinel.protocol.wire.EpochTime.toSeconds(createdAt));
            m.put("updated_at", io.sentinel.protocol.wire.EpochTime.toSeconds(updatedAt));
            return m;
        }
    }

    private List<RuleView> rules(Connection c, Optional<String> id, boolean activeOnly) throws SQLException {
        String sql = "SELECT r.*, coalesce(array_agg(rc.channel_id ORDER BY rc.channel_id) FILTER (WHERE rc.channel_id "
                + "IS NOT NULL" + (activeOnly ? " AND ch.enabled" : "") + "), '{}') AS channel_ids "
                + "FROM notify_rules r LEFT JOIN notify_rule_channels rc ON rc.rule_id = r.id "
                + "LEFT JOIN notify_channels ch ON ch.id = rc.channel_id WHERE true"
                + (id.isPresent() ? " AND r.id = ?" : "") + (activeOnly ? " AND r.enabled" : "")
                + " GROUP BY r.id ORDER BY r.id";
        List<RuleView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id.isPresent()) {
                ps.setString(1, id.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer messages = (Integer) rs.getObject("rate_limit_messages");
                    List<LifecycleEvent> events = strings(rs.getArray("events")).stream().map(LifecycleEvent::parse)
                            .toList();
                    RuleDefinition r = new RuleDefinition(rs.getString("id"), rs.getString("name"),
                            rs.getBoolean("enabled"), rs.getString("min_severity"), strings(rs.getArray("types")),
                            strings(rs.getArray("sensors")), strings(rs.getArray("bssids")),
                            strings(rs.getArray("ssids")), java.util.Set.copyOf(events),
                            rs.getInt("quiet_gap_seconds"),
                            messages == null ? Optional.empty()
                                    : Optional.of(new RuleDefinition.RateLimit(messages,
                                            rs.getInt("rate_limit_window_seconds"))),
                            strings(rs.getArray("channel_ids")));
                    if (!activeOnly || !r.channelIds().isEmpty()) {
                        out.add(new RuleView(r, rs.getString("managed_by"), Sql.time(rs, "created_at"),
                                Sql.time(rs, "updated_at")));
                    }
                }
            }
        }
        return out;
    }

    public RuleView saveRule(Connection c, RuleDefinition r, String managedBy, boolean create) throws SQLException {
        Optional<String> existing;
        try (PreparedStatement ps = c.prepareStatement("SELECT managed_by FROM notify_rules WHERE id = ? FOR UPDATE")) {
            ps.setString(1, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                existing = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
        if (create && existing.isPresent()) {
            throw new Conflict("rule " + r.id() + " exists");
        }
        if (!create && existing.isEmpty() && !managedBy.equals("file")) {
            throw new NotFound("no rule " + r.id());
        }
        if (existing.isPresent() && existing.get().equals("file") && !managedBy.equals("file")) {
            throw new Conflict("rule " + r.id() + " is managed by the notifications file; change it there");
        }
        for (String ch : r.channelIds()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notify_channels WHERE id = ?")) {
                ps.setString(1, ch);
                if (!ps.executeQuery().next()) {
                    throw new InvalidNotifyConfig("channels", "no channel " + ch);
                }
            }
        }
        String sql = existing.isPresent()
                ? "UPDATE notify_rules SET name = ?, enabled = ?, min_severity = ?, types = ?, sensors = ?, bssids = ?, "
                        + "ssids = ?, events = ?, quiet_gap_seconds = ?, rate_limit_messages = ?, "
                        + "rate_limit_window_seconds = ?, managed_by = ?, updated_at = now() WHERE id = ?"
                : "INSERT INTO notify_rules (name, enabled, min_severity, types, sensors, bssids, ssids, events, "
                        + "quiet_gap_seconds, rate_limit_messages, rate_limit_window_seconds, managed_by, id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.name());
            ps.setBoolean(2, r.enabled());
            ps.setString(3, r.minSeverity());
            ps.setArray(4, c.createArrayOf("text", r.types().toArray()));
            ps.setArray(5, c.createArrayOf("text", r.sensors().toArray()));
            ps.setArray(6, c.createArrayOf("text", r.bssids().toArray()));
            ps.setArray(7, c.createArrayOf("text", r.ssids().toArray()));
            ps.setArray(8, c.createArrayOf("text", r.events().stream().sorted().map(LifecycleEvent::wire).toArray()));
            ps.setInt(9, r.quietGapSeconds());
            if (r.rateLimit().isPresent()) {
                ps.setInt(10, r.rateLimit().get().messages());
                ps.setInt(11, r.rateLimit().get().windowSeconds());
            } else {
                ps.setNull(10, java.sql.Types.INTEGER);
                ps.setInt(11, 600);
            }
            ps.setString(12, managedBy);
            ps.setString(13, r.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_rule_channels WHERE rule_id = ?")) {
            ps.setString(1, r.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notify_rule_channels (rule_id, channel_id) VALUES (?, ?)")) {
            for (String ch : r.channelIds()) {
                ps.setString(1, r.id());
                ps.setString(2, ch);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rules(c, Optional.of(r.id()), false).getFirst();
    }

    public void deleteRule(Connection c, String id, String managedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT managed_by FROM notify_rules WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("no rule " + id);
                }
                if (rs.getString(1).equals("file") && !managedBy.equals("file")) {
                    throw new Conflict("rule " + id + " is managed by the notifications file; remove it there");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notify_rules WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Ids of the channels and rules the configuration file manages. */
    public List<String> managedByFile(Connection c, String table) throws SQLException {
        if (!table.equals("notify_channels") && !table.equals("notify_rules")) {
            throw new IllegalArgumentException(table);
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE managed_by = 'file'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    // ---- deliveries

    /** Queues a test message to a channel (sent by a worker like any other); returns its message id. */
    public UUID enqueueTest(Connection c, String channelId, String actor) throws SQLException {
        lockChannel(c, channelId).orElseThrow(() -> new NotFound("no channel " + channelId));
        UUID id = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("requested_by", actor);
        payload.put("requested_at", io.sentinel.protocol.wire.EpochTime.toSeconds(Instant.now()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_deliveries (message_id, channel_id, kind, "
                + "payload) VALUES (?, ?, 'test', ?::jsonb)")) {
            ps.setObject(1, id);
            ps.setString(2, channelId);
            ps.setString(3, Wire.writeString(payload));
            ps.executeUpdate();
        }
        return id;
    }

    /** Puts a channel's given-up messages back in its queue and lifts its pause; returns how many. */
    public int retryDead(Connection c, String channelId) throws SQLException {
        lockChannel(c, channelId).orElseThrow(() -> new NotFound("no channel " + channelId));
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_channels SET paused_until = NULL, "
                + "consecutive_failures = 0 WHERE id = ?")) {
            ps.setString(1, channelId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_deliveries SET state = 'pending', attempts = 0, "
                + "next_attempt_at = now(), lease_until = NULL WHERE channel_id = ? AND state = 'dead'")) {
            ps.setString(1, channelId);
            return ps.executeUpdate();
        }
    }

    private static final String DELIVERY_COLUMNS = "id, message_id, channel_id, kind, alert_id, event, rule_ids, state, "
            + "attempts, created_at, next_attempt_at, sent_at, last_error";

    public Optional<DeliveryView> delivery(UUID messageId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                + " FROM notify_deliveries WHERE message_id = ?")) {
            ps.setObject(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
            }
        }
    }

    /** Deliveries newest first, optionally of one channel and state. Default 50, at most 500. */
    public Page<DeliveryView> deliveries(Optional<String> channelId, Optional<String> state, int limit,
            Optional<String> cursor) throws SQLException {
        int n = Sql.limit(limit, 50, 500);
        StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS + " FROM notify_deliveries WHERE true");
        List<Object> args = new ArrayList<>();
        channelId.ifPresent(v -> {
            sql.append(" AND channel_id = ?");
            args.add(v);
        });
        state.ifPresent(v -> {
            sql.append(" AND state = ?");
            args.add(v);
        });
        Optional<Cursor> after = cursor.map(Cursor::decode);
        if (after.isPresent()) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(after.get().time());
            args.add(Long.parseLong(after.get().key()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(n + 1);
        List<DeliveryView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof Instant t) {
                    Sql.setTime(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(delivery(rs));
                }
            }
        }
        Optional<String> next = Optional.empty();
        if (out.size() > n) {
            out = out.subList(0, n);
            DeliveryView last = out.get(n - 1);
            next = Optional.of(new Cursor(last.createdAt(), Long.toString(last.id())).encode());
        }
        return new Page<>(out, next);
    }

    private static DeliveryView delivery(ResultSet rs) throws SQLException {
        return new DeliveryView(rs.getLong("id"), (UUID) rs.getObject("message_id"), rs.getString("channel_id"),
                rs.getString("kind"), Sql.optString(rs, "alert_id"), Sql.optString(rs, "event"),
                strings(rs.getArray("rule_ids")), rs.getString("state"), rs.getInt("attempts"),
                Sql.time(rs, "created_at"), Sql.time(rs, "next_attempt_at"), Sql.optTime(rs, "sent_at"),
                Sql.optString(rs, "last_error"));
    }

    static Map<String, Object> readMap(String json) {
        try {
            return Wire.mapper().readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not an object", e);
        }
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
