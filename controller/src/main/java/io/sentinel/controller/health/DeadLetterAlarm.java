package io.sentinel.controller.health;

import io.sentinel.store.queue.IngestQueue;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The dead-letter alarm: any entry held in the ingest queue's dead letters is data that was
 * accepted (202) and is not stored, so it is shown wherever an operator looks (the
 * {@code sentinel.ingest.dead.letters} gauge, {@code /readyz} {@code warnings} and
 * {@code dead_letters}, the dashboard's overview). It does not make the controller unready:
 * new requests are still stored; the alarm asks for {@code sentinel queue dead-letters list}
 * and, after the fix, {@code replay}.
 *
 * <p>The count is read at most every {@code cacheNanos} (one {@code XLEN}); -1 while the queue
 * cannot be reached (that is reported by the readiness check of its own).
 */
public final class DeadLetterAlarm implements LongSupplier {

    private final IngestQueue queue;
    private final long cacheNanos;
    private volatile long checkedAt;
    private volatile boolean checked;
    private volatile long count = -1;

    public DeadLetterAlarm(IngestQueue queue, long cacheNanos) {
        this.queue = queue;
        this.cacheNanos = cacheNanos;
    }

    /** Entries held in the dead letters now, or -1 when the queue is unreachable. */
    public long count() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt >= cacheNanos) {
            synchronized (this) {
                if (!checked || System.nanoTime() - checkedAt >= cacheNanos) {
                    long fresh;
                    try {
                        fresh = queue.deadLetterCount();
                    } catch (RuntimeException e) {
                        fresh = -1;
                    }
                    count = fresh;
                    checkedAt = System.nanoTime();
                    checked = true;
                }
            }
        }
        return count;
    }

    @Override
    public long getAsLong() {
        return count();
    }

    /** The warning shown by {@code /readyz} while dead letters are held; empty otherwise. */
    public List<String> warnings() {
        long n = count();
        if (n <= 0) {
            return List.of();
        }
        return List.of(n + " dead-lettered ingest " + (n == 1 ? "entry" : "entries")
                + " (accepted, not stored): see sentinel queue dead-letters list");
    }
}
