package io.sentinel.store.nonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.queue.Redis;
import io.sentinel.store.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
    @Test
    void redisRemembersANonceForItsTtlPerSensor() throws Exception {
        try (TestRedis server = TestRedis.start(); Redis redis = Redis.connect(server.url())) {
            RedisNonceCache cache = new RedisNonceCache(redis);
            String n = "0123456789abcdef0123456789abcdef";
            assertThat(cache.firstUse("s1", n, Duration.ofMillis(300))).isTrue();
            assertThat(cache.firstUse("s1", n, Duration.ofMillis(300))).isFalse();
            assertThat(cache.firstUse("s2", n, Duration.ofMillis(300))).as("per sensor").isTrue();
            Thread.sleep(400);
            assertThat(cache.firstUse("s1", n, Duration.ofMillis(300))).as("expired").isTrue();
        }
    }

    @Test
    void inMemoryCacheExpiresAndStaysBounded() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        InMemoryNonceCache cache = new InMemoryNonceCache(3, clock);
        assertThat(cache.firstUse("s1", "a", Duration.ofSeconds(10))).isTrue();
        assertThat(cache.firstUse("s1", "a", Duration.ofSeconds(10))).isFalse();
        now.addAndGet(10_001);
        assertThat(cache.firstUse("s1", "a", Duration.ofSeconds(10))).isTrue();
        for (String n : new String[] {"b", "c", "d", "e"}) {
            cache.firstUse("s1", n, Duration.ofSeconds(10));
        }
        assertThat(cache.size()).isEqualTo(3);
    }
}
