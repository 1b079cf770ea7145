package io.sentinel.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The worker's own small HTTP face for orchestrators and Prometheus: {@code GET /api/v1/health}
 * (200 while every consumer runs, 503 otherwise) and {@code GET /metrics} (Prometheus text:
 * the counters of each consumer and the queue lag). It serves nothing else and reads no input.
 */
public final class WorkerStatusServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Worker> workers;
    private final BooleanSupplier alive;
    private final LongSupplier queueLag;
    private final LongSupplier deadLetters;
    private final java.util.function.Supplier<String> more;

    private WorkerStatusServer(HttpServer server, List<Worker> workers, BooleanSupplier alive, LongSupplier queueLag,
            LongSupplier deadLetters, java.util.function.Supplier<String> more) {
        this.server = server;
        this.workers = List.copyOf(workers);
        this.alive = alive;
        this.queueLag = queueLag;
        this.deadLetters = deadLetters;
        this.more = more;
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one).
     * @param queueLag entries waiting in the queue, or -1 when the queue cannot be reached
     */
    public static WorkerStatusServer start(String host, int port, List<Worker> workers, BooleanSupplier alive,
            LongSupplier queueLag) throws IOException {
        return start(host, port, workers, alive, queueLag, () -> "");
    }

    /** Same, with more Prometheus text appended to {@code /metrics} (the notification sender's). */
    public static WorkerStatusServer start(String host, int port, List<Worker> workers, BooleanSupplier alive,
            LongSupplier queueLag, java.util.function.Supplier<String> more) throws IOException {
        return start(host, port, workers, alive, queueLag, () -> -1, more);
    }

    /**
     * Same, with the gauge {@code sentinel_queue_dead_letters}: entries held in the queue's dead
     * letters (-1: unreachable). Any is an alarm (see {@code sentinel queue dead-letters}).
     */
    public static WorkerStatusServer start(String host, int port, List<Worker> workers, BooleanSupplier alive,
            LongSupplier queueLag, LongSupplier deadLetters, java.util.function.Supplier<String> more) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
        WorkerStatusServer status = new WorkerStatusServer(http, workers, alive, queueLag, deadLetters, more);
        http.createContext("/", status::handle);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return status;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
            } else if ("/api/v1/health".equals(path)) {
                boolean ok = alive.getAsBoolean();
                send(exchange, ok ? 200 : 503, "application/json",
                        ok ? "{\"status\":\"ok\"}" : "{\"status\":\"stopped\",\"detail\":\"a consumer thread has ended\"}");
            } else if ("/metrics".equals(path)) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            }
        }
    }

    /** The Prometheus exposition text. */
    public String metrics() {
        StringBuilder out = new StringBuilder(2048);
        counter(out, "sentinel_worker_entries_total", "queue entries stored and acknowledged", w -> w.stats().entries());
        counter(out, "sentinel_worker_telemetry_rows_total", "telemetry rows written", w -> w.stats().telemetryRows());
        counter(out, "sentinel_worker_alerts_total", "alert reports upserted", w -> w.stats().alerts());
        counter(out, "sentinel_worker_heartbeats_total", "heartbeats stored", w -> w.stats().heartbeats());
        counter(out, "sentinel_worker_duplicates_total", "redelivered entries already stored", w -> w.stats().duplicates());
        counter(out, "sentinel_worker_dead_lettered_total", "entries moved to the dead-letter stream", w -> w.stats().deadLettered());
        counter(out, "sentinel_worker_transactions_total", "committed transactions", w -> w.stats().transactions());
        counter(out, "sentinel_worker_database_retries_total", "waits for PostgreSQL to come back", w -> w.stats().databaseRetries());
        out.append("# HELP sentinel_queue_lag entries waiting in the ingest queue (-1: unreachable)\n")
                .append("# TYPE sentinel_queue_lag gauge\n")
                .append("sentinel_queue_lag ").append(queueLag.getAsLong()).append('\n');
        out.append("# HELP sentinel_queue_dead_letters entries held in the dead letters: accepted, not stored (-1: unreachable)\n")
                .append("# TYPE sentinel_queue_dead_letters gauge\n")
                .append("sentinel_queue_dead_letters ").append(deadLetters.getAsLong()).append('\n');
        out.append(more.get());
        return out.toString();
    }

    private void counter(StringBuilder out, String name, String help, java.util.function.ToLongFunction<Worker> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        for (int i = 0; i < workers.size(); i++) {
            out.append(name).append("{consumer=\"").append(i).append("\"} ")
                    .append(value.applyAsLong(workers.get(i))).append('\n');
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
