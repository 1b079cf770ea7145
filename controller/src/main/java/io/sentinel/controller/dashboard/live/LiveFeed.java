package io.sentinel.controller.dashboard.live;

import io.javalin.http.sse.SseClient;
import io.sentinel.controller.dashboard.alerts.AlertQueries;
import io.sentinel.controller.dashboard.alerts.AlertRow;
import io.sentinel.controller.dashboard.overview.OverviewQueries;
import io.sentinel.controller.dashboard.web.Sql;
import io.sentinel.controller.dashboard.web.Templates;
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
 * the overview cards. A row is recognised by id, and the poll looks back {@link #LOOKBACK} so
 * that an alert whose transaction committed late is not missed.
 */
public final class LiveFeed implements AutoCloseable {

    static final Duration LOOKBACK = Duration.ofSeconds(30);
    private static final Duration STATS_EVERY = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Set<String> sent = new LinkedHashSet<>();
    private final Sql sql;
    private final AlertQueries alerts;
    private final OverviewQueries overview;
    private final Templates templates;
    private final Clock clock;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;
    private Instant watermark;
    private Instant lastStats = Instant.EPOCH;

    public LiveFeed(Sql sql, AlertQueries alerts, OverviewQueries overview, Templates templates, Clock clock, Duration interval) {
        this.sql = sql;
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
            } catch (RuntimeException e) {
                LOG.warn("dashboard live feed poll failed: {}", e.toString());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void poll() {
        if (watermark == null) {
            watermark = sql.one("SELECT now()", rs -> Sql.instant(rs, "now")).orElse(clock.instant());
        }
        List<AlertRow> fresh = alerts.createdSince(watermark.minus(LOOKBACK), 200);
        for (AlertRow a : fresh) {
            if (sent.add(a.id())) {
                String row = templates.render("tag/alertrow", Map.of("a", a, "fresh", true)).replace('\n', ' ');
                broadcast("alert", row);
            }
        }
        while (sent.size() > MAX_REMEMBERED) {
            sent.remove(sent.iterator().next());
        }
        sql.one("SELECT max(created_at) AS m FROM alerts WHERE created_at >= ?", rs -> Sql.instant(rs, "m"), watermark.minus(LOOKBACK))
                .filter(m -> m != null && m.isAfter(watermark))
                .ifPresent(m -> watermark = m);
        Instant now = clock.instant();
        if (!fresh.isEmpty() || Duration.between(lastStats, now).compareTo(STATS_EVERY) >= 0) {
            lastStats = now;
            String cards = templates.render("tag/cards", Map.of("stats", overview.stats(now))).replace('\n', ' ');
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
