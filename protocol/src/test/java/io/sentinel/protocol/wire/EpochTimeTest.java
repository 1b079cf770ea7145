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

    @Test
    void hugeAndTinyExponentsAreJudgedWithoutArithmeticOnBillionsOfDigits() {
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EpochTime.fromSeconds(new BigDecimal("133333333333e33333333")))
                .isInstanceOf(ArithmeticException.class);
        assertThat(EpochTime.fromSeconds(new BigDecimal("1.5e-33333333"))).isEqualTo(Instant.EPOCH);
        assertThat(EpochTime.fromSeconds(new BigDecimal("17e8"))).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(EpochTime.fromSeconds(new BigDecimal("1.7000000005e9"))).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        assertThat(EpochTime.fromSeconds(new BigDecimal("4e-7"))).isEqualTo(Instant.EPOCH);
        assertThat(EpochTime.fromSeconds(new BigDecimal("6e-7"))).isEqualTo(Instant.ofEpochSecond(0, 1000));
        // the fuzz target's slow input, through the codec: refused with the field named, at once
        String body = "{\"sensor_id\":\"s1\",\"sent_at\":133333333333e33333333}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wire.readHeartbeat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class);
        String tiny = "{\"sensor_id\":\"s1\",\"sent_at\":1e-33333333}";
        assertThat(Wire.readHeartbeat(tiny.getBytes(java.nio.charset.StandardCharsets.UTF_8)).sentAt()).isEqualTo(Instant.EPOCH);
        assertThat(System.nanoTime() - t0).as("well under a second").isLessThan(1_000_000_000L);
    }
}
