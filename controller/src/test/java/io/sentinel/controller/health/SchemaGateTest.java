package io.sentinel.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The schema check is cached, and refreshing a stale answer never holds up the other requests. */
class SchemaGateTest {

    @Test
    void theFirstAnswerIsWaitedForAndThenCached() {
        AtomicInteger checks = new AtomicInteger();
        SchemaGate gate = new SchemaGate(() -> {
            checks.incrementAndGet();
            return List.of("schema at version 3, expected 9");
        }, TimeUnit.SECONDS.toNanos(60));
        assertThat(gate.problems()).containsExactly("schema at version 3, expected 9");
        assertThat(gate.problems()).containsExactly("schema at version 3, expected 9");
        assertThat(checks).hasValue(1);
    }

    @Test
    void whileOneCallerRefreshesTheOthersGetTheLastAnswerAtOnce() throws Exception {
        CountDownLatch refreshStarted = new CountDownLatch(1);
        CountDownLatch releaseRefresh = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        SchemaGate gate = new SchemaGate(() -> {
            if (checks.incrementAndGet() == 1) {
                return List.of();
            }
            refreshStarted.countDown();
            try {
                releaseRefresh.await(10, TimeUnit.SECONDS); // a slow Flyway validation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of("database unreachable");
        }, 0); // every call finds the answer stale
        assertThat(gate.problems()).isEmpty();

        Thread refresher = Thread.ofPlatform().start(gate::problems);
        assertThat(refreshStarted.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        List<String> meanwhile = gate.problems();
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(meanwhile).as("the last answer, not a wait for the refresh").isEmpty();
        assertThat(waitedMs).isLessThan(1_000);

        releaseRefresh.countDown();
        refresher.join(5_000);
        assertThat(refresher.isAlive()).isFalse();
        // the refreshed answer is what the next callers see (the next refresh is immediate here: 0 ns cache)
        assertThat(checks.get()).isEqualTo(2);
        assertThat(gate.problems()).containsExactly("database unreachable");
    }
}
