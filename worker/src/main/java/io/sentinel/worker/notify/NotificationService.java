package io.sentinel.worker.notify;

import io.sentinel.store.Database;
import io.sentinel.store.notify.DeliveryRepository;
import io.sentinel.store.notify.InvalidNotifyConfig;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.SecretBox;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification side of a worker process: the dispatcher (outbox events to messages), the
 * sender, an hourly purge of old deliveries, and the notifications file (applied at start and
 * whenever its modification time changes). Each runs on its own thread and survives database
 * outages by waiting and trying again. Any number of worker processes may run it at once.
 */
public final class NotificationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final Database db;
    private final NotifyRepository config;
    private final DeliveryRepository deliveries;
    private final NotifySettings settings;
    private final Dispatcher dispatcher;
    private final Sender sender;
    private final Map<String, String> env;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile List<DeliveryRepository.ChannelQueue> queues = List.of();
    private volatile long queuesReadNanos;
    private volatile long eventBacklog;

    public NotificationService(Database db, SecretBox box, NotifySettings settings, Clock clock, Map<String, String> env) {
        this.db = db;
        this.config = new NotifyRepository(db, box);
        this.deliveries = new DeliveryRepository(db);
        this.settings = settings;
        this.dispatcher = new Dispatcher(db, config, deliveries, settings.dispatchBatch());
        this.sender = new Sender(config, deliveries, settings, clock);
        this.env = Map.copyOf(env);
    }

    public NotificationService start() {
        settings.configFile().ifPresent(f -> applyFile());
        threads.add(loop("notify-dispatch", () -> dispatcher.dispatchOnce().events() > 0));
        threads.add(loop("notify-send", () -> sender.sendOnce() > 0));
        threads.add(Thread.ofPlatform().daemon().name("notify-upkeep").start(this::upkeep));
        return this;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Sender sender() {
        return sender;
    }

    /** Whether every loop still runs (the worker's health). */
    public boolean alive() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    private interface Step {
        boolean run() throws Exception;
    }

    private Thread loop(String name, Step step) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            long wait = settings.poll().toMillis();
            while (running) {
                try {
                    boolean busy = step.run();
                    wait = settings.poll().toMillis();
                    if (!busy) {
                        sleep(wait);
                    }
                } catch (Exception e) {
                    LOG.warn("{}: {} (retrying in {} ms)", name, e.getMessage(), wait);
                    sleep(wait);
                    wait = Math.min(30_000, wait * 2);
                }
            }
        });
    }

    private void upkeep() {
        long lastPurge = 0;
        FileTime applied = settings.configFile().flatMap(NotificationService::modified).orElse(null);
        while (running) {
            sleep(5_000);
            if (!running) {
                return;
            }
            if (settings.configFile().isPresent()) {
                FileTime now = modified(settings.configFile().get()).orElse(null);
                if (now != null && !now.equals(applied)) {
                    applied = now;
                    applyFile();
                }
            }
            if (System.nanoTime() - lastPurge > Duration.ofHours(1).toNanos()) {
                try {
                    int n = deliveries.purge(settings.keepSent(), Duration.ofDays(30));
                    lastPurge = System.nanoTime();
                    if (n > 0) {
                        LOG.info("notifications: purged {} old deliveries", n);
                    }
                } catch (SQLException e) {
                    LOG.warn("notifications: purge failed: {}", e.getMessage());
                }
            }
        }
    }

    /** Applies the notifications file; a refused file changes nothing and is logged naming the field. */
    public void applyFile() {
        var file = settings.configFile().orElseThrow();
        try {
            NotifyConfigFile.Applied a = NotifyConfigFile.apply(db, config, file, env);
            LOG.info("notifications file {} applied: {} channel(s), {} rule(s), removed {}", file, a.channels(),
                    a.rules(), a.removed());
        } catch (InvalidNotifyConfig e) {
            LOG.error("notifications file {} refused, nothing changed: {}", file, e.getMessage());
        } catch (Exception e) {
            LOG.error("notifications file {} not applied: {}", file, e.getMessage());
        }
    }

    private static java.util.Optional<FileTime> modified(java.nio.file.Path p) {
        try {
            return java.util.Optional.of(Files.getLastModifiedTime(p));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Prometheus text of the channels' queues (read from the database at most every 5 s) and this process's counters. */
    public String metrics() {
        if (System.nanoTime() - queuesReadNanos > Duration.ofSeconds(5).toNanos()) {
            try {
                queues = deliveries.queues();
                eventBacklog = deliveries.eventBacklog();
            } catch (SQLException e) {
                queues = List.of();
                eventBacklog = -1;
            }
            queuesReadNanos = System.nanoTime();
        }
        StringBuilder out = new StringBuilder(1024);
        gauge(out, "sentinel_notify_queue_depth", "messages waiting to be sent, by channel", q -> q.pending());
        gauge(out, "sentinel_notify_dead", "messages given up after the retry period, by channel", q -> q.dead());
        gauge(out, "sentinel_notify_oldest_pending_seconds", "age of the oldest waiting message", q -> q.oldestPendingSeconds());
        gauge(out, "sentinel_notify_consecutive_failures", "failed attempts since the last success", q -> q.consecutiveFailures());
        gauge(out, "sentinel_notify_last_success_timestamp_seconds", "last delivery that succeeded (0: never)",
                q -> q.lastSuccessAt().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0));
        out.append("# HELP sentinel_notify_outbox_events outbox events not yet routed (-1: database unreachable)\n")
                .append("# TYPE sentinel_notify_outbox_events gauge\n")
                .append("sentinel_notify_outbox_events ").append(eventBacklog).append('\n');
        counter(out, "sentinel_notify_sent_total", "messages this process delivered", sender.sentCounts());
        counter(out, "sentinel_notify_failures_total", "failed send attempts of this process", sender.failureCounts());
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help,
            java.util.function.Function<DeliveryRepository.ChannelQueue, Number> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (DeliveryRepository.ChannelQueue q : queues) {
            out.append(name).append("{channel=\"").append(q.channelId()).append("\",kind=\"").append(q.kind())
                    .append("\"} ").append(value.apply(q)).append('\n');
        }
    }

    private static void counter(StringBuilder out, String name, String help, Map<String, Long> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        values.forEach((ch, v) -> out.append(name).append("{channel=\"").append(ch).append("\"} ").append(v).append('\n'));
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** A supplier of {@link #metrics()} for the worker's status port. */
    public Supplier<String> metricsSource() {
        return this::metrics;
    }

    @Override
    public void close() {
        running = false; // no interrupt: a send in flight finishes and records its outcome
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
