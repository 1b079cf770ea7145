package io.sentinel.protocol.signing;

import java.time.Duration;

/**
 * Remembers the nonces of accepted requests for the skew window so that a captured request
 * cannot be replayed. Implementations: a Redis one (shared by every controller) and a bounded
 * in-memory one, both in the store module.
 */
public interface NonceCache {
    /**
     * Records the nonce of {@code sensorId} if it was not seen within {@code ttl}.
     *
     * @return true if this is the first time (the request may proceed), false on a replay
     */
    boolean firstUse(String sensorId, String nonce, Duration ttl);
}
