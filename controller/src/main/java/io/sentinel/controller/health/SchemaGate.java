package io.sentinel.controller.health;

import io.javalin.http.Context;
import io.sentinel.controller.http.ApiException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Refuses API traffic with 503 while the schema is not the one this build expects (migrations not
 * run yet, or drift), instead of failing later on a missing table. The answer is cached for
 * {@code cacheNanos} so the check costs nothing per request.
 */
public final class SchemaGate {

    private final Supplier<List<String>> schemaProblems;
    private final long cacheNanos;
    private volatile long checkedAt = Long.MIN_VALUE;
    private volatile List<String> problems = List.of("schema not checked yet");
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    public SchemaGate(Supplier<List<String>> schemaProblems, long cacheNanos) {
        this.schemaProblems = schemaProblems;
        this.cacheNanos = cacheNanos;
    }

    /**
     * The schema's problems (empty when ready). Until the first answer every caller waits for it;
     * after that a stale answer is refreshed by one caller while the others go on with the last
     * one, so that the check (a Flyway validation, tens of milliseconds) never holds up the
     * requests that arrive meanwhile.
     */
    public List<String> problems() {
        if (checkedAt == Long.MIN_VALUE) {
            synchronized (this) {
                if (checkedAt == Long.MIN_VALUE) {
                    refresh();
                }
            }
        } else if (System.nanoTime() - checkedAt >= cacheNanos && refreshing.compareAndSet(false, true)) {
            try {
                if (System.nanoTime() - checkedAt >= cacheNanos) {
                    refresh();
                }
            } finally {
                refreshing.set(false);
            }
        }
        return problems;
    }

    private void refresh() {
        List<String> fresh;
        try {
            fresh = List.copyOf(schemaProblems.get());
        } catch (RuntimeException e) {
            fresh = List.of("database unreachable");
        }
        problems = fresh;
        checkedAt = System.nanoTime();
    }

    /** A before-handler: 503 with Retry-After while the schema is not ready. */
    public void check(Context ctx) {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw ApiException.unavailable(5, "not ready: " + String.join("; ", p));
        }
    }
}
