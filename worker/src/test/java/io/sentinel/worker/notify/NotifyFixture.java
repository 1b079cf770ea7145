package io.sentinel.worker.notify;

import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Database;
import io.sentinel.store.notify.ChannelDefinition;
import io.sentinel.store.notify.DeliveryRepository;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.RuleDefinition;
import io.sentinel.store.notify.SecretBox;
import io.sentinel.store.queue.Envelope;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.worker.Worker;
import io.sentinel.worker.WorkerSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A migrated database with the notification parts over it, and a real worker feeding the outbox. */
final class NotifyFixture {
    static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            SECRET[i] = (byte) (i * 7 + 3);
        }
    }

    final Database db;
    final SecretBox box = SecretBox.fromControllerSecret(SECRET);
    final NotifyRepository repo;
    final DeliveryRepository deliveries;
    final NotifySettings settings;
    final Dispatcher dispatcher;
    final Sender sender;
    final InProcessQueue queue = new InProcessQueue(100_000);
    final Worker worker;

    NotifyFixture(Database db, Path exportDir) {
        this.db = db;
        this.repo = new NotifyRepository(db, box);
        this.deliveries = new DeliveryRepository(db);
        this.settings = NotifySettings.defaults(exportDir.getParent()).withExportDir(exportDir)
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(400)).withLease(Duration.ofSeconds(5))
                .withLoopbackWebhooks(true).withPoll(Duration.ofMillis(20));
        this.dispatcher = new Dispatcher(db, repo, deliveries, settings.dispatchBatch());
        this.sender = new Sender(repo, deliveries, settings, Clock.systemUTC());
        this.worker = new Worker(db, queue, WorkerSettings.defaults("notify-test").withBatchSize(200), Clock.systemUTC());
    }

    void channel(Map<String, ?> json) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            ChannelDefinition d = ChannelDefinition.parse(json, Optional.empty());
            repo.saveChannel(c, d, ChannelDefinition.secretChanges(json, d.settings()), "api", true);
            c.commit();
        }
    }

    void rule(Map<String, ?> json) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            repo.saveRule(c, RuleDefinition.parse(json, Optional.empty()), "api", true);
            c.commit();
        }
    }

    /** Queues sensor reports and lets the worker store them (outbox rows included). */
    void ingest(String sensor, List<AlertMessage> alerts) {
        for (int i = 0; i < alerts.size(); i += 100) {
            List<AlertMessage> part = alerts.subList(i, Math.min(alerts.size(), i + 100));
            String batch = "b-" + sensor + "-" + System.nanoTime();
            queue.append(new Envelope(Envelope.Kind.ALERTS, sensor, batch, Instant.now(),
                    Wire.writeString(new AlertBatch(batch, sensor, part))));
        }
        while (worker.processOnce() > 0) {
            // drain
        }
    }

    static AlertMessage alert(String id, String type, String severity, String bssid, String ssid, Instant first,
            Instant last, long count) {
        return new AlertMessage(id, type, severity, 0.9, first, last, count, bssid, ssid, "de:ad:be:ef:00:01",
                "ff:ff:ff:ff:ff:ff", 6, List.of("RATE_ABOVE_THRESHOLD"), List.of("T1499.001"), Map.of("rate_per_s", 42),
                "Attack on " + ssid);
    }

    /** {@code n} distinct reports ({@code prefix0..}) of one type, each with its own BSSID. */
    static List<AlertMessage> reports(String prefix, String type, String severity, int n, Instant t) {
        List<AlertMessage> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(alert(prefix + i, type, severity, String.format("02:00:00:%02x:%02x:%02x", prefix.hashCode() & 0xff,
                    (i >> 8) & 0xff, i & 0xff), "Net" + i, t, t.plusSeconds(1), 5));
        }
        return out;
    }

    /** Dispatcher and sender looping on their own thread until closed. */
    AutoCloseable background() {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread t = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    dispatcher.dispatchOnce();
                    sender.sendOnce();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return () -> {
            running.set(false);
            t.join();
        };
    }

    /** Runs dispatcher and sender until nothing is waiting, or the time is up. */
    void drain(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            int routed = dispatcher.dispatchOnce().events();
            int sent = sender.sendOnce();
            if (routed == 0 && sent == 0) {
                if (count("SELECT count(*) FROM notify_events") == 0
                        && count("SELECT count(*) FROM notify_deliveries WHERE state = 'pending'") == 0) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
