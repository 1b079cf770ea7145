package io.sentinel.protocol.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times on the wire: written as epoch seconds with microsecond precision, read from epoch
 * seconds (integer or fractional) or RFC 3339 text, as the contracts allow both.
 */
public final class EpochTime {
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,9})?");

    private EpochTime() {}

    /** Parses epoch seconds ("1700000000.25") or RFC 3339 ("2023-11-14T22:13:20Z"). */
    public static Instant parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        if (NUMBER.matcher(t).matches()) {
            return fromSecondsText(t);
        }
        try {
            return toMicros(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not RFC 3339 or epoch seconds: " + t);
        }
    }

    /**
     * Epoch seconds written as decimal text; a fast path without BigDecimal for non-negative values
     * with at most six decimals (what {@link #toSeconds} writes).
     */
    static Instant fromSecondsText(String t) {
        int dot = t.indexOf('.');
        int decimals = dot < 0 ? 0 : t.length() - dot - 1;
        if (t.isEmpty() || t.charAt(0) == '-' || decimals > 6 || (dot < 0 ? t.length() : dot) > 15) {
            return fromSeconds(new BigDecimal(t));
        }
        long seconds = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
        long micros = 0;
        for (int i = 0; i < 6; i++) {
            micros = micros * 10 + (i < decimals ? t.charAt(dot + 1 + i) - '0' : 0);
        }
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    /**
     * The instant rounded to the microsecond (half to even), the precision of every Sentinel
     * time: the wire writes microseconds and PostgreSQL keeps microseconds.
     */
    public static Instant toMicros(Instant t) {
        int nanos = t.getNano();
        int sub = nanos % 1000;
        if (sub == 0) {
            return t;
        }
        long micros = nanos / 1000;
        if (sub > 500 || (sub == 500 && (micros & 1) == 1)) {
            micros++;
        }
        return Instant.ofEpochSecond(t.getEpochSecond(), micros * 1000L);
    }

    /**
     * Converts epoch seconds (possibly fractional) to an instant, rounding to the microsecond.
     * The magnitude is judged from the digits and the exponent before any arithmetic: scaling
     * {@code 1e3333333333} (or {@code 1e-3333333333}) to microseconds would build a number of
     * billions of digits, minutes of CPU for one request (found by the fuzz target).
     *
     * @throws ArithmeticException when the value is beyond the range of an instant
     */
    public static Instant fromSeconds(BigDecimal seconds) {
        long integerDigits = (long) seconds.precision() - seconds.scale(); // digits before the point (<= 0: below 1)
        if (seconds.signum() == 0 || integerDigits < -7) {
            return Instant.EPOCH; // |value| < 1e-7 s: rounds to 0 microseconds
        }
        if (integerDigits > 19) {
            throw new ArithmeticException("epoch seconds out of range");
        }
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
        long m = micros.longValueExact();
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
    }

    /** Epoch seconds with microsecond precision (rounded as {@link #toMicros}), trailing zeros removed. */
    public static BigDecimal toSeconds(Instant time) {
        Instant t = toMicros(time);
        BigDecimal s = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6));
        BigDecimal stripped = s.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@link #toSeconds} as text, without BigDecimal: {@code 1700000000}, {@code 1700000000.25}. */
    public static String toSecondsText(Instant time) {
        // rounded like every reader rounds, so that writing and reading an instant agree
        Instant t = toMicros(time);
        long micros = t.getNano() / 1000;
        if (t.getEpochSecond() < 0) {
            return toSeconds(t).toPlainString();
        }
        if (micros == 0) {
            return Long.toString(t.getEpochSecond());
        }
        StringBuilder sb = new StringBuilder(24).append(t.getEpochSecond()).append('.');
        String m = Long.toString(micros);
        sb.append("000000", 0, 6 - m.length()).append(m);
        int end = sb.length();
        while (sb.charAt(end - 1) == '0') {
            end--;
        }
        sb.setLength(end);
        return sb.toString();
    }

    /** Jackson serializer writing epoch seconds. */
    public static final class Serializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(toSecondsText(value));
        }
    }

    /** Jackson deserializer accepting epoch seconds or RFC 3339 text. */
    public static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken tok = p.currentToken();
            try {
                if (tok == JsonToken.VALUE_NUMBER_INT) {
                    return Instant.ofEpochSecond(p.getLongValue());
                }
                if (tok == JsonToken.VALUE_NUMBER_FLOAT) {
                    String text = p.getText();
                    return text.indexOf('e') < 0 && text.indexOf('E') < 0 ? fromSecondsText(text)
                            : fromSeconds(p.getDecimalValue());
                }
                if (tok == JsonToken.VALUE_STRING) {
                    return parse(p.getText());
                }
            } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "expected RFC 3339 or epoch seconds");
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
