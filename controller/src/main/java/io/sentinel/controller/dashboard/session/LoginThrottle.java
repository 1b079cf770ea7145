package io.sentinel.controller.dashboard.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Limits failed dashboard logins per client address: after {@code maxFailures} failures
 * within {@code window}, further attempts from that address are refused until the oldest
 * failure leaves the window. Bounded: the least recently used addresses are forgotten
 * beyond {@code maxClients}.
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

    /** Seconds to wait before the next attempt is allowed, or empty when it is allowed now. */
    public synchronized OptionalLong retryAfter(String client, Instant now) {
        Deque<Instant> q = failures.get(client);
        if (q == null) {
            return OptionalLong.empty();
        }
        prune(q, now);
        if (q.size() < maxFailures) {
            return OptionalLong.empty();
        }
        long wait = Duration.between(now, q.peekFirst().plus(window)).toSeconds();
        return OptionalLong.of(Math.max(1, wait + 1));
    }

    public synchronized void failed(String client, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        prune(q, now);
        q.addLast(now);
        while (q.size() > maxFailures) {
            q.removeFirst();
        }
    }

    public synchronized void succeeded(String client) {
        failures.remove(client);
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }
}
