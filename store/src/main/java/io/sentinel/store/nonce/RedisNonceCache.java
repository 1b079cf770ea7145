package io.sentinel.store.nonce;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.sentinel.protocol.signing.NonceCache;
import io.sentinel.store.queue.QueueException;
import io.sentinel.store.queue.Redis;
import java.time.Duration;

/**
 * Nonce cache shared by every controller: {@code SET <prefix><sensor>:<nonce> 1 NX PX ttl}.
 * When Redis is unreachable it throws {@link QueueException} (the request must then be
 * refused with 503, never accepted unchecked).
 */
public final class RedisNonceCache implements NonceCache {
    private final Redis redis;
    private final String prefix;

    public RedisNonceCache(Redis redis) {
        this(redis, "sentinel:nonce:");
    }

    public RedisNonceCache(Redis redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    @Override
    public boolean firstUse(String sensorId, String nonce, Duration ttl) {
        try {
            String r = redis.commands().set(prefix + sensorId + ":" + nonce, "1",
                    SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())));
            return "OK".equals(r);
        } catch (RedisException e) {
            throw new QueueException("Redis nonce check failed", e);
        }
    }
}
