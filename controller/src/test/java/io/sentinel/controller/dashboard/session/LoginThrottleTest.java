package io.sentinel.controller.dashboard.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void thirtyParallelAttemptsFromOneAddressGetExactlyTheLimit() throws Exception {
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), 10_000);
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (int round = 0; round < 200; round++) {
                String client = "10.1." + (round / 250) + "." + (round % 250);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<OptionalLong>> results = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return throttle.tryAttempt(client, T0);
                    }));
                }
                start.countDown();
                int allowed = 0;
                for (Future<OptionalLong> f : results) {
                    if (f.get().isEmpty()) allowed++;
                }
                assertThat(allowed).as("password checks let through in round %d", round).isEqualTo(5);
            }
        }
    }

    @Test
    void aRightPasswordForgetsTheFailuresAndTheWindowExpiresThem() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(15), 100);
        assertThat(throttle.tryAttempt("a", T0)).isEmpty();
        assertThat(throttle.tryAttempt("a", T0)).isEmpty();
        assertThat(throttle.tryAttempt("a", T0)).isPresent();
        throttle.succeeded("a");
        assertThat(throttle.tryAttempt("a", T0)).isEmpty();
        assertThat(throttle.tryAttempt("a", T0)).isEmpty();
        assertThat(throttle.tryAttempt("a", T0.plus(Duration.ofMinutes(15)).plusSeconds(1))).isEmpty();
    }
}
