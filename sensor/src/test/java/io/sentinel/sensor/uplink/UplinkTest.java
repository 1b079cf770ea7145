package io.sentinel.sensor.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.sensor.spool.FsyncPolicy;
import io.sentinel.sensor.spool.SpoolEntry;
import io.sentinel.sensor.spool.SpoolOptions;
import io.sentinel.sensor.spool.TelemetrySpool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkTest {

    static final String SENSOR = "lab-sensor-1";
    static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @TempDir Path dir;

    static final UplinkOptions FAST = new UplinkOptions(Duration.ofMillis(20), Duration.ofMillis(200), 3,
            Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ZERO);

    private static byte[] gz(String s) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var g = new GZIPOutputStream(out)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void appendTelemetry(TelemetrySpool spool, int n) throws IOException {
        String id = UUID.randomUUID().toString();
        spool.append(SpoolEntry.KIND_TELEMETRY, id,
                gz("{\"batch_id\":\"" + id + "\",\"sensor_id\":\"" + SENSOR + "\",\"items\":[{\"n\":" + n + "}]}"));
    }

    private TelemetrySpool spool() throws IOException {
        return TelemetrySpool.open(dir.resolve("spool"), new SpoolOptions(64 * 1024, 1 << 20, FsyncPolicy.ALWAYS, Duration.ZERO));
    }

    private static Uplink uplink(TelemetrySpool spool, StandInController c, byte[] key, UplinkOptions o) {
        return new Uplink(spool, new ControllerClient(c.uri(), SENSOR, key, Duration.ofSeconds(2), Clock.systemUTC()), o,
                () -> "{}".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private static int[] numbers(StandInController c) {
        return c.batches.values().stream().mapToInt(d -> d.get("items").get(0).get("n").asInt()).sorted().toArray();
    }

    @Test
    void controllerOutageInTheMiddleLosesNothingAndDoublesNothing() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            var uplink = uplink(spool, controller, KEY, FAST);
            uplink.start();
            for (int i = 0; i < 10; i++) appendTelemetry(spool, i);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(10))).isTrue();

            controller.stop(); // the controller dies
            for (int i = 10; i < 30; i++) appendTelemetry(spool, i);
            Thread.sleep(800);
            assertThat(spool.pendingRecords()).isEqualTo(20);
            assertThat(uplink.stats().failures()).isPositive();
            assertThat(uplink.stats().circuitOpened()).isPositive();

            controller.start(controller.port()); // and comes back on the same address
            for (int i = 30; i < 40; i++) appendTelemetry(spool, i);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(15))).isTrue();
            uplink.close();

            assertThat(numbers(controller)).containsExactly(IntStream.range(0, 40).toArray());
            assertThat(controller.badSignatures).hasValue(0);
            assertThat(uplink.stats().delivered()).isEqualTo(40);
        }
    }

    @Test
    void lostAnswerIsRetriedWithTheSameBatchIdAndCountsOnce() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            controller.mode.set(StandInController.Mode.STORE_THEN_500);
            var uplink = uplink(spool, controller, KEY, FAST);
            uplink.start();
            appendTelemetry(spool, 1);
            appendTelemetry(spool, 2);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(10))).isTrue();
            uplink.close();
            assertThat(numbers(controller)).containsExactly(1, 2);
            assertThat(controller.requests).hasSize(3);
            assertThat(uplink.stats().duplicates()).isEqualTo(1);
        }
    }

    @Test
    void serviceUnavailableWithRetryAfterIsHonoured() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            controller.mode.set(StandInController.Mode.UNAVAILABLE_503);
            controller.retryAfterSeconds = 1;
            var uplink = uplink(spool, controller, KEY, FAST);
            appendTelemetry(spool, 1);
            uplink.start();
            Thread.sleep(300);
            // one attempt, then silence for the Retry-After second (the backoff alone would retry after 20 ms)
            assertThat(controller.requests).hasSize(1);
            controller.mode.set(StandInController.Mode.ACCEPT);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(5))).isTrue();
            long gap = controller.requestNanos.get(1) - controller.requestNanos.get(0);
            assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(uplink.stats().throttled()).isEqualTo(1);
            uplink.close();
        }
    }

    @Test
    void tooManyRequestsWithRetryAfterIsHonoured() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            controller.mode.set(StandInController.Mode.THROTTLE_429);
            controller.retryAfterSeconds = 1;
            var uplink = uplink(spool, controller, KEY, FAST);
            appendTelemetry(spool, 1);
            uplink.start();
            Thread.sleep(400);
            assertThat(controller.requests).hasSize(1);
            controller.mode.set(StandInController.Mode.ACCEPT);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(5))).isTrue();
            assertThat(numbers(controller)).containsExactly(1);
            uplink.close();
        }
    }

    @Test
    void wrongKeyIsRefusedAndNothingIsAcknowledged() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            byte[] wrong = KEY.clone();
            wrong[0] ^= 1;
            var uplink = uplink(spool, controller, wrong, FAST);
            appendTelemetry(spool, 1);
            uplink.start();
            Thread.sleep(600);
            uplink.close();
            assertThat(controller.badSignatures.get()).isGreaterThanOrEqualTo(3);
            assertThat(controller.batches).isEmpty();
            assertThat(spool.pendingRecords()).isEqualTo(1);
            assertThat(uplink.stats().circuitOpened()).isPositive();
            // the breaker holds requests back: far fewer than the 20 ms backoff alone would allow
            assertThat(controller.requests.size()).isLessThan(15);
        }
    }

    @Test
    void recordTheControllerCannotAcceptIsDroppedAndCounted() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            controller.mode.set(StandInController.Mode.REJECT_400);
            var uplink = uplink(spool, controller, KEY, FAST);
            appendTelemetry(spool, 1);
            uplink.start();
            assertThat(uplink.awaitDrained(Duration.ofSeconds(5))).isTrue();
            controller.mode.set(StandInController.Mode.ACCEPT);
            appendTelemetry(spool, 2);
            assertThat(uplink.awaitDrained(Duration.ofSeconds(5))).isTrue();
            uplink.close();
            assertThat(uplink.stats().rejected()).isEqualTo(1);
            assertThat(uplink.stats().lastError()).get().asString().contains("400");
            assertThat(numbers(controller)).containsExactly(2);
        }
    }

    @Test
    void heartbeatIsSignedAndItsServerTimeGivesTheClockOffset() throws Exception {
        try (var spool = spool(); var controller = new StandInController(SENSOR, KEY, 0)) {
            var uplink = uplink(spool, controller, KEY, FAST);
            assertThat(uplink.sendHeartbeat()).isTrue();
            assertThat(controller.heartbeats).hasValue(1);
            assertThat(uplink.client().clockOffsetKnown()).isTrue();
            assertThat(Math.abs(uplink.client().clockOffsetMillis())).isLessThan(1000);
        }
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        var now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(ControllerClient.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(ControllerClient.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(ControllerClient.parseRetryAfter("soon", now)).isEmpty();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsJitterBand() {
        var b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new java.util.Random(1));
        for (int f = 1; f <= 12; f++) {
            long ceiling = Math.min(100L << (f - 1), 10_000);
            assertThat(b.delay(f).toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void circuitOpensAfterTheThresholdAndLetsOneTrialThroughLater() {
        var cb = new CircuitBreaker(3, Duration.ofSeconds(10));
        long s = 1_000_000_000L;
        cb.onFailure(0);
        cb.onFailure(0);
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        cb.onFailure(0);
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(cb.waitNanos(5 * s)).isEqualTo(5 * s);
        assertThat(cb.waitNanos(10 * s)).isZero();
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        cb.onFailure(10 * s); // the trial failed: open again at once
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(cb.waitNanos(11 * s)).isEqualTo(9 * s);
        cb.waitNanos(20 * s);
        cb.onSuccess();
        assertThat(cb.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
