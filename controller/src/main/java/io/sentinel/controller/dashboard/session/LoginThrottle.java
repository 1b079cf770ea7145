package io.sentinel.controller.dashboard.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Limits failed dashboard logins per client address: at most {@code maxFailures} password
 * checks that fail within {@code window}; further attempts from that address are refused until
 * the oldest failure leaves the window. Bounded: the least recently used addresses are
 * forgotten beyond {@code maxClients}.
 *
 * <p>Checking and counting are one step ({@link #tryAttempt}): an attempt is counted as a
 * failure the moment it is let through, and {@link #succeeded} forgets the address's failures
 * when the password was right. So however many requests race in parallel, at most
 * {@code maxFailures} passwords are checked per address and window.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(int maxFailures, Duration window, int maxClients) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Lets one password check through, counted as a failure until {@link #succeeded} says
     * otherwise; or, when the address has used up its attempts, the seconds to wait.
     *
     * @return empty when the password may be checked now
     */
    public synchronized OptionalLong tryAttempt(String client, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        prune(q, now);
        if (q.size() >= maxFailures) {
            return OptionalLong.of(wait(q, now));
        }
        q.addLast(now);
        return OptionalLong.empty();
    }

    /** Seconds to wait before the next attempt is allowed, or empty when it is allowed now (counts nothing). */
    public synchronized OptionalLong retryAfter(String client, Instant now) {
        Deque<Instant> q = failures.get(client);
        if (q == null) {
            return OptionalLong.empty();
        }
        prune(q, now);
        return q.size() < maxFailures ? OptionalLong.empty() : OptionalLong.of(wait(q, now));
    }

    /** The password was right: the address's failures are forgotten. */
    public synchronized void succeeded(String client) {
        failures.remove(client);
    }

    private long wait(Deque<Instant> q, Instant now) {
        long wait = Duration.between(now, q.peekFirst().plus(window)).toSeconds();
        return Math.max(1, wait + 1);
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }
}
