package io.sentinel.store.nonce;

import io.sentinel.protocol.signing.NonceCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nonce cache for one process ({@code sentinel up}, tests): remembers at most
 * {@code maxEntries} nonces, each until its TTL passes. When full of live nonces, the oldest
 * are forgotten first; size it above (requests/s x 2 x skew) to keep replays refused.
 */
public final class InMemoryNonceCache implements NonceCache {
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    public InMemoryNonceCache(int maxEntries, Clock clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    public InMemoryNonceCache() {
        this(1_000_000, Clock.systemUTC());
    }

    @Override
    public synchronized boolean firstUse(String sensorId, String nonce, Duration ttl) {
        long now = clock.millis();
        evictExpired(now);
        String key = sensorId + ":" + nonce;
        Long until = expiries.get(key);
        if (until != null && until > now) {
            return false;
        }
        expiries.put(key, now + ttl.toMillis());
        while (expiries.size() > maxEntries) {
            Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** Number of remembered nonces. */
    public synchronized int size() {
        return expiries.size();
    }

    private void evictExpired(long now) {
        // insertion order is close to expiry order when TTLs are equal: stop at the first live one
        Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() <= now) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
