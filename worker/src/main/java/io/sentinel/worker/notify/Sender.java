package io.sentinel.worker.notify;

import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.store.notify.DeliveryRepository;
import io.sentinel.store.notify.DeliveryRepository.Claimed;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.SecretBox;
import io.sentinel.worker.notify.transport.EmailTransport;
import io.sentinel.worker.notify.transport.FileTransport;
import io.sentinel.worker.notify.transport.SyslogTransport;
import io.sentinel.worker.notify.transport.Transport;
import io.sentinel.worker.notify.transport.WebhookTransport;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries: claims them (leased, skipping rows another worker holds), sends each
 * channel's share over its transport in parallel, and records the outcome. Delivered messages
 * are marked sent; a channel that is down is paused with exponential backoff (honouring
 * {@code Retry-After}) and its messages wait for it; a rejected message backs off alone; a
 * message failing for longer than {@code giveUpAfter} is given up and counted as dead. A worker
 * that dies mid-send leaves its lease to run out, and another worker sends the same messages
 * again: at least once, deduplicable by message id.
 */
public final class Sender {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final NotifyRepository config;
    private final DeliveryRepository deliveries;
    private final NotifySettings settings;
    private final Clock clock;
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    public Sender(NotifyRepository config, DeliveryRepository deliveries, NotifySettings settings, Clock clock) {
        this.config = config;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** Messages this sender delivered, by channel. */
    public Map<String, Long> sentCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        sent.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Failed attempts of this sender, by channel. */
    public Map<String, Long> failureCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** One pass; returns the number of deliveries claimed. */
    public int sendOnce() throws SQLException {
        List<Claimed> claimed = deliveries.claim(settings.perChannel(), settings.lease());
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, List<Claimed>> byChannel = new LinkedHashMap<>();
        claimed.forEach(d -> byChannel.computeIfAbsent(d.channelId(), k -> new ArrayList<>()).add(d));
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            byChannel.forEach((ch, list) -> running.add(pool.submit(() -> {
                try {
                    sendChannel(ch, list);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("notification channel {}: recording the outcome failed ({}); leases run out and the "
                            + "messages are sent again", ch, e.getMessage());
                }
                return null;
            })));
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("notification send failed", e.getCause());
                }
            }
        }
        return claimed.size();
    }

    private void sendChannel(String channelId, List<Claimed> batch) throws SQLException {
        Optional<NotifyRepository.SendableChannel> channel;
        try {
            channel = config.channelForSending(channelId);
        } catch (SecretBox.Unreadable e) {
            fail(channelId, batch, new Transport.Failure(e.getMessage(), true, Optional.empty()));
            return;
        }
        if (channel.isEmpty()) {
            deliveries.release(batch.stream().map(Claimed::id).toList(), Duration.ofSeconds(30));
            return;
        }
        List<Message> messages = batch.stream().map(d -> message(d)).toList();
        Transport.Result result;
        try (Transport t = transport(channel.get())) {
            result = t.send(messages, System.nanoTime() + settings.lease().toNanos() / 2);
        } catch (Exception e) {
            result = Transport.Result.failed(0, Transport.Failure.down("channel cannot be used: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        List<Long> done = batch.subList(0, result.delivered()).stream().map(Claimed::id).toList();
        deliveries.markSent(done);
        sent.computeIfAbsent(channelId, k -> new AtomicLong()).addAndGet(done.size());
        if (result.failure().isEmpty()) {
            deliveries.channelSucceeded(channelId);
            // what the deadline left unsent goes back untried
            deliveries.release(batch.subList(result.delivered(), batch.size()).stream().map(Claimed::id).toList(),
                    Duration.ZERO);
            return;
        }
        if (!done.isEmpty()) {
            deliveries.channelSucceeded(channelId);
        }
        fail(channelId, batch.subList(result.delivered(), batch.size()), result.failure().get());
    }

    private void fail(String channelId, List<Claimed> rest, Transport.Failure f) throws SQLException {
        failures.computeIfAbsent(channelId, k -> new AtomicLong()).incrementAndGet();
        if (f.channelDown()) {
            int n = deliveries.consecutiveFailures(channelId) + 1;
            Duration pause = f.retryAfter().filter(d -> d.compareTo(settings.retryCap()) <= 0)
                    .orElseGet(() -> settings.backoff(n));
            deliveries.channelFailed(channelId, f.error(), pause);
            for (Claimed d : rest) {
                deliveries.markFailed(d.id(), f.error(), pause, settings.giveUpAfter());
            }
            LOG.warn("notification channel {} failed ({}); {} message(s) wait {} ms", channelId, f.error(),
                    rest.size(), pause.toMillis());
        } else {
            Claimed first = rest.getFirst();
            deliveries.markFailed(first.id(), f.error(), settings.backoff(first.attempts()), settings.giveUpAfter());
            deliveries.release(rest.subList(1, rest.size()).stream().map(Claimed::id).toList(), Duration.ZERO);
            deliveries.channelFailed(channelId, f.error(), Duration.ZERO);
            LOG.warn("notification channel {} rejected message {}: {}", channelId, first.messageId(), f.error());
        }
    }

    private Transport transport(NotifyRepository.SendableChannel ch) throws Exception {
        return switch (ch.settings()) {
            case ChannelSettings.Webhook w -> new WebhookTransport(w, ch.secrets(), settings.allowLoopbackWebhooks(),
                    settings.version(), clock);
            case ChannelSettings.Syslog s -> new SyslogTransport(s, ch.secrets(), settings.hostname(),
                    settings.version());
            case ChannelSettings.Email e -> new EmailTransport(e, ch.secrets());
            case ChannelSettings.File f -> new FileTransport(f, settings.exportDir());
        };
    }

    /** The keys of an alert in the order the API writes them (PostgreSQL's jsonb keeps its own order). */
    private static final List<String> ALERT_KEYS = List.of("id", "type", "severity", "confidence", "first_seen",
            "last_seen", "count", "bssid", "ssid", "source", "target", "channel", "reasons", "mitre", "evidence",
            "summary", "sensor_id", "sensor_ids", "status", "acknowledged_by", "acknowledged_at", "resolved_by",
            "resolved_at", "comment");

    static Message message(Claimed d) {
        Map<String, Object> payload = new LinkedHashMap<>(d.payload());
        if (payload.get("alert") instanceof Map<?, ?> alert) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            ALERT_KEYS.forEach(k -> {
                if (alert.containsKey(k)) {
                    ordered.put(k, alert.get(k));
                }
            });
            alert.forEach((k, v) -> ordered.putIfAbsent(String.valueOf(k), v));
            payload.put("alert", ordered);
        }
        return new Message(d.messageId(), Message.Kind.valueOf(d.kind().toUpperCase(Locale.ROOT)), d.event(),
                d.ruleIds(), d.createdAt(), d.channelId(), payload);
    }
}
