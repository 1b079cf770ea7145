package io.sentinel.controller.dashboard.live;

import io.javalin.http.sse.SseClient;
import io.sentinel.controller.dashboard.alerts.AlertRow;
import io.sentinel.controller.dashboard.overview.OverviewStats;
import io.sentinel.controller.dashboard.web.Templates;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.alert.AlertSummary;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes new alerts and fresh overview numbers to every open dashboard over server-sent
 * events. Alerts are written by workers (possibly other processes), so one thread polls the
 * database while at least one browser listens and sleeps otherwise: one query per interval
 * whatever the number of browsers.
 *
 * <p>Events: {@code alert} carries a rendered table row (escaped by the template), {@code stats}
 * the overview cards. A row is recognised by id, and the poll looks back
 * {@link AlertReadRepository#LIVE_LOOKBACK} so that an alert whose transaction committed late is
 * not missed.
 */
public final class LiveFeed implements AutoCloseable {

    private static final Duration STATS_EVERY = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Set<String> sent = new LinkedHashSet<>();
    private final AlertReadRepository alerts;
    private final OverviewStats.Reader overview;
    private final Templates templates;
    private final Clock clock;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;
    private Instant watermark;
    private Instant lastStats = Instant.EPOCH;

    public LiveFeed(AlertReadRepository alerts, OverviewStats.Reader overview, Templates templates, Clock clock,
                    Duration interval) {
        this.alerts = alerts;
        this.overview = overview;
        this.templates = templates;
        this.clock = clock;
        this.interval = interval;
        this.thread = Thread.ofPlatform().daemon().name("dashboard-live-feed").unstarted(this::run);
        this.thread.start();
    }

    public void add(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        client.sendComment("connected");
        clients.add(client);
        synchronized (this) {
            notifyAll();
        }
    }

    public int listeners() {
        return clients.size();
    }

    private void run() {
        while (running) {
            try {
                synchronized (this) {
                    while (running && clients.isEmpty()) {
                        watermark = null;
                        wait(60_000);
                    }
                }
                if (!running) {
                    return;
                }
                poll();
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.warn("dashboard live feed poll failed: {}", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void poll() throws SQLException {
        if (watermark == null) {
            watermark = alerts.databaseNow();
        }
        Instant from = watermark.minus(AlertReadRepository.LIVE_LOOKBACK);
        List<AlertSummary> fresh = alerts.createdSince(from, 200);
        for (AlertSummary a : fresh) {
            if (sent.add(a.id())) {
                String row = templates.render("tag/alertrow", Map.of("a", AlertRow.of(a), "fresh", true, "compact", true)).replace('\n', ' ');
                broadcast("alert", row);
            }
        }
        while (sent.size() > MAX_REMEMBERED) {
            sent.remove(sent.iterator().next());
        }
        alerts.newestCreatedSince(from).filter(m -> m.isAfter(watermark)).ifPresent(m -> watermark = m);
        Instant now = clock.instant();
        if (!fresh.isEmpty() || Duration.between(lastStats, now).compareTo(STATS_EVERY) >= 0) {
            lastStats = now;
            String cards = templates.render("tag/cards", Map.of("stats", overview.read(now))).replace('\n', ' ');
            broadcast("stats", cards);
        }
    }

    private void broadcast(String event, String data) {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
                continue;
            }
            try {
                c.sendEvent(event, data);
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the browser is gone already
            }
        }
        clients.clear();
    }
}
