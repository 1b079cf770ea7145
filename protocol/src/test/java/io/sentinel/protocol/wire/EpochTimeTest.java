package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochTimeTest {
    @Test
    void fastTextPathAgreesWithTheDecimalPath() {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(4_000_000_000L), r.nextInt(1_000_000) * 1000L);
            String text = EpochTime.toSecondsText(t);
            assertThat(new BigDecimal(text)).isEqualByComparingTo(EpochTime.toSeconds(t));
            assertThat(EpochTime.parse(text)).isEqualTo(t);
        }
    }

    @Test
    void textFormsAndRounding() {
        assertThat(EpochTime.toSecondsText(Instant.ofEpochSecond(1_700_000_000L))).isEqualTo("1700000000");
        assertThat(EpochTime.toSecondsText(Instant.ofEpochSecond(1_700_000_000L, 250_000_000))).isEqualTo("1700000000.25");
        assertThat(EpochTime.toSecondsText(Instant.ofEpochSecond(1_700_000_000L, 1_000))).isEqualTo("1700000000.000001");
        assertThat(EpochTime.parse("1700000000.1234565")).as("more than 6 decimals round half-even to the microsecond")
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000));
        assertThat(EpochTime.parse("-1.5")).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
        assertThat(EpochTime.parse("2023-11-14T22:13:20.5+01:00")).isEqualTo(Instant.parse("2023-11-14T21:13:20.5Z"));
    }

    @Test
    void writingAndReadingAnInstantWithNanosecondsAgreeInEveryForm() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000), r.nextInt(1_000_000_000));
            Instant micros = EpochTime.toMicros(t);
            assertThat(EpochTime.parse(EpochTime.toSecondsText(t))).isEqualTo(micros);
            assertThat(EpochTime.parse(t.toString())).isEqualTo(micros);
            assertThat(EpochTime.fromSeconds(EpochTime.toSeconds(t))).isEqualTo(micros);
        }
        assertThat(EpochTime.toSecondsText(Instant.ofEpochSecond(1, 999_999_600))).isEqualTo("2");
    }
}
