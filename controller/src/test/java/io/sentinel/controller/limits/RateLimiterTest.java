package io.sentinel.controller.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per caller, on a clock the test moves. */
class RateLimiterTest {

    @Test
    void burstThenRefillAtTheRateWithRetryAfter() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(2.0, 3, now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);     // empty: one token comes in 0.5 s -> retry after 1 s
        assertThat(limiter.acquire("b")).as("buckets are per caller").isZero();
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        now.addAndGet(60_000_000_000L);                      // a long pause refills to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void slowRatesAskForLongerWaits() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(0.1, 1, now::get);
        assertThat(limiter.acquire("s")).isZero();
        assertThat(limiter.acquire("s")).isEqualTo(10);
    }
}
