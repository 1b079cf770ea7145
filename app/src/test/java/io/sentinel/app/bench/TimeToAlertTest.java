package io.sentinel.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-to-alert bench (a small run): each attack replayed through the real sensor becomes an
 * alert of its BSSID in the API, telemetry is accepted meanwhile, and the times it reports are
 * plausible (never before the attack's first frame, never longer than the run).
 */
class TimeToAlertTest {

    @TempDir Path data;

    @Test
    void everyAttackBecomesItsOwnAlertWithAPlausibleTime() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        TimeToAlert.Result r = TimeToAlert.run(data,
                new TimeToAlert.Settings(4, Duration.ofMillis(700), 1, 50, Duration.ofMillis(20)), new PrintStream(log, true));
        double runMs = (System.nanoTime() - start) / 1e6;
        assertThat(r.missing()).as(log.toString()).isZero();
        assertThat(r.samples()).extracting(TimeToAlert.Sample::bssid)
                .containsExactly(AttackCapture.bssid(0), AttackCapture.bssid(1), AttackCapture.bssid(2), AttackCapture.bssid(3));
        assertThat(r.samples()).extracting(TimeToAlert.Sample::alertId).doesNotHaveDuplicates();
        // the detector needs 10 frames 8 ms apart before it can raise anything
        assertThat(r.samples()).allSatisfy(s -> assertThat(s.millis()).isGreaterThan(70).isLessThan(runMs));
        assertThat(r.percentile(0.5)).isLessThanOrEqualTo(r.percentile(0.99));
        // the sensor's trace saw every alert's delivery; its stages add up to the time to alert
        assertThat(r.samples()).allSatisfy(s -> {
            double sum = 0;
            for (double d : s.stages()) sum += d;
            assertThat(sum).isCloseTo(s.millis(), org.assertj.core.data.Offset.offset(2.0));
            assertThat(s.stages()[3]).as("POST to 202").isPositive();
        });
        assertThat(r.stagePercentile(TimeToAlert.STAGES.indexOf("POST"), 0.5)).isPositive();
        assertThat(r.telemetryRecords()).isPositive().isEqualTo(r.telemetryRecords() / 50 * 50);
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new TimeToAlert.Settings(0, Duration.ofSeconds(1), 0, 500, Duration.ofMillis(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeToAlert.Settings(10, Duration.ofMillis(100), 0, 500, Duration.ofMillis(20)))
                .hasMessageContaining("spacing");
        assertThat(List.of(AttackCapture.bssid(0), AttackCapture.bssid(0x10000))).doesNotHaveDuplicates();
    }
}
