package io.sentinel.worker.notify;

import io.sentinel.protocol.wire.EpochTime;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertRepository;
import io.sentinel.store.notify.DeliveryRepository;
import io.sentinel.store.notify.DeliveryRepository.OutboxEvent;
import io.sentinel.store.notify.DeliveryRepository.Window;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.RuleDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Routes outbox events to channels, in one transaction per batch: claims events (skipping those
 * another worker holds), matches them against the active rules, and for each matched channel
 * either queues a message now or, when the rule's rate limit for that channel is used up in the
 * current window, counts the event into the window's single digest message, which is sent when
 * the window ends. An event routed to one channel by several rules becomes one message listing
 * them. The events are deleted in the same transaction, so each is routed exactly once.
 */
public final class Dispatcher {
    static final int DIGEST_SAMPLES = 10;

    private final Database db;
    private final NotifyRepository config;
    private final DeliveryRepository deliveries;
    private final AlertRepository alerts;
    private final int batch;

    public Dispatcher(Database db, NotifyRepository config, DeliveryRepository deliveries, int batch) {
        this.db = db;
        this.config = config;
        this.deliveries = deliveries;
        this.alerts = new AlertRepository(db);
        this.batch = batch;
    }

    /** What one pass did. */
    public record Pass(int events, int messages, int digested) {}

    private record Routed(OutboxEvent event, Alert alert, String channelId, List<RuleDefinition> rules) {}

    public Pass dispatchOnce() throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Pass p = dispatch(c);
                c.commit();
                return p;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Pass dispatch(Connection c) throws SQLException {
        List<OutboxEvent> events = deliveries.claimEvents(c, batch);
        if (events.isEmpty()) {
            return new Pass(0, 0, 0);
        }
        Instant now = deliveries.now(c);
        List<RuleDefinition> rules = config.activeRules(c);
        Map<String, Optional<Alert>> found = new HashMap<>();
        List<Routed> routed = new ArrayList<>();
        TreeMap<String, RuleDefinition> limited = new TreeMap<>();
        for (OutboxEvent e : events) {
            Optional<Alert> a = found.computeIfAbsent(e.alertId(), this::find);
            if (a.isEmpty() || rules.isEmpty()) {
                continue;
            }
            Map<String, List<RuleDefinition>> byChannel = new LinkedHashMap<>();
            for (RuleDefinition r : rules) {
                if (RuleMatcher.matches(r, e, a.get())) {
                    for (String ch : r.channelIds()) {
                        byChannel.computeIfAbsent(ch, k -> new ArrayList<>()).add(r);
                        if (r.rateLimit().isPresent()) {
                            limited.put(r.id() + "\0" + ch, r);
                        }
                    }
                }
            }
            byChannel.forEach((ch, rs) -> routed.add(new Routed(e, a.get(), ch, rs)));
        }
        Map<String, Window> windows = limited.isEmpty() ? Map.of() : new HashMap<>(deliveries.lockWindows(c, limited.keySet()));
        Map<String, Map<String, Object>> digests = new LinkedHashMap<>();
        int messages = 0;
        int digested = 0;
        for (Routed r : routed) {
            List<String> immediate = new ArrayList<>();
            String digestKey = null;
            for (RuleDefinition rule : r.rules()) {
                if (rule.rateLimit().isEmpty()) {
                    immediate.add(rule.id());
                    continue;
                }
                String key = rule.id() + "\0" + r.channelId();
                Window w = windows.get(key);
                if (!w.end().isAfter(now)) {
                    w = new Window(w.ruleId(), w.channelId(), now,
                            now.plus(Duration.ofSeconds(rule.rateLimit().get().windowSeconds())), 0, Optional.empty());
                }
                if (w.sent() < rule.rateLimit().get().messages()) {
                    w = new Window(w.ruleId(), w.channelId(), w.start(), w.end(), w.sent() + 1, w.digestDeliveryId());
                    immediate.add(rule.id());
                } else if (digestKey == null) {
                    digestKey = key;
                }
                windows.put(key, w);
            }
            if (!immediate.isEmpty()) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("alert", r.alert().toJson());
                payload.put("at", EpochTime.toSeconds(r.event().at()));
                payload.put("actor", r.event().actor());
                payload.put("detail", r.event().detail());
                deliveries.insert(c, new DeliveryRepository.NewDelivery(UUID.randomUUID(), r.channelId(), "alert",
                        Optional.of(r.event().id()), Optional.of(r.alert().id()), Optional.of(r.event().event().wire()),
                        immediate, Wire.writeString(payload), Optional.empty()));
                messages++;
            } else if (digestKey != null) {
                Map<String, Object> d = digests.computeIfAbsent(digestKey, k -> new LinkedHashMap<>());
                count(d, r);
                digested++;
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : digests.entrySet()) {
            Window w = windows.get(e.getKey());
            RuleDefinition rule = limited.get(e.getKey());
            Optional<Map<String, Object>> open = w.digestDeliveryId().isPresent()
                    ? deliveries.openDigest(c, w.digestDeliveryId().get()) : Optional.empty();
            if (open.isPresent()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> stored = (Map<String, Object>) open.get().get("digest");
                merge(stored, e.getValue());
                deliveries.updatePayload(c, w.digestDeliveryId().get(), Wire.writeString(Map.of("digest", stored)));
            } else {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("rule_id", rule.id());
                d.put("rule_name", rule.name());
                d.put("channel_id", w.channelId());
                d.put("window_start", EpochTime.toSeconds(w.start()));
                d.put("window_end", EpochTime.toSeconds(w.end()));
                d.put("count", 0);
                merge(d, e.getValue());
                long id = deliveries.insert(c, new DeliveryRepository.NewDelivery(UUID.randomUUID(), w.channelId(),
                        "digest", Optional.empty(), Optional.empty(), Optional.empty(), List.of(rule.id()),
                        Wire.writeString(Map.of("digest", d)), Optional.of(w.end()))).orElseThrow();
                w = new Window(w.ruleId(), w.channelId(), w.start(), w.end(), w.sent(), Optional.of(id));
                windows.put(e.getKey(), w);
            }
        }
        for (Window w : windows.values()) {
            deliveries.saveWindow(c, w);
        }
        deliveries.deleteEvents(c, events.stream().map(OutboxEvent::id).toList());
        return new Pass(events.size(), messages, digested);
    }

    private Optional<Alert> find(String id) {
        try {
            return alerts.find(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds one routed event to a digest draft. */
    private static void count(Map<String, Object> d, Routed r) {
        d.merge("count", 1, (x, y) -> ((Number) x).intValue() + ((Number) y).intValue());
        bump(d, "by_type", r.alert().type());
        bump(d, "by_severity", r.alert().severity());
        bump(d, "by_event", r.event().event().wire());
        String max = (String) d.getOrDefault("max_severity", "info");
        if (RuleDefinition.rank(r.alert().severity()) > RuleDefinition.rank(max)) {
            max = r.alert().severity();
        }
        d.put("max_severity", max);
        @SuppressWarnings("unchecked")
        List<Object> samples = (List<Object>) d.computeIfAbsent("samples", k -> new ArrayList<>());
        if (samples.size() < DIGEST_SAMPLES) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("alert_id", r.alert().id());
            s.put("type", r.alert().type());
            s.put("severity", r.alert().severity());
            s.put("event", r.event().event().wire());
            r.alert().bssid().ifPresent(v -> s.put("bssid", v));
            r.alert().ssid().ifPresent(v -> s.put("ssid", v));
            s.put("summary", r.alert().summary());
            samples.add(s);
        }
    }

    @SuppressWarnings("unchecked")
    private static void bump(Map<String, Object> d, String key, String value) {
        Map<String, Object> m = (Map<String, Object>) d.computeIfAbsent(key, k -> new TreeMap<>());
        m.merge(value, 1, (x, y) -> ((Number) x).intValue() + ((Number) y).intValue());
    }

    /** Adds the counts of {@code draft} into a stored digest. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> stored, Map<String, Object> draft) {
        stored.put("count", ((Number) stored.getOrDefault("count", 0)).intValue() + ((Number) draft.get("count")).intValue());
        for (String key : List.of("by_type", "by_severity", "by_event")) {
            Map<String, Object> into = new TreeMap<>((Map<String, Object>) stored.getOrDefault(key, Map.of()));
            ((Map<String, Object>) draft.get(key)).forEach((k, v) ->
                    into.merge(k, v, (x, y) -> ((Number) x).intValue() + ((Number) y).intValue()));
            stored.put(key, into);
        }
        String max = (String) stored.getOrDefault("max_severity", "info");
        String other = (String) draft.get("max_severity");
        stored.put("max_severity", RuleDefinition.rank(other) > RuleDefinition.rank(max) ? other : max);
        List<Object> samples = new ArrayList<>((List<Object>) stored.getOrDefault("samples", List.of()));
        for (Object s : (List<Object>) draft.get("samples")) {
            if (samples.size() < DIGEST_SAMPLES) {
                samples.add(s);
            }
        }
        stored.put("samples", samples);
    }
}
