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
            return fromSeconds(new BigDecimal(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not RFC 3339 or epoch seconds: " + t);
        }
    }

    /** Converts epoch seconds (possibly fractional) to an instant, rounding to the microsecond. */
    public static Instant fromSeconds(BigDecimal seconds) {
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
        long m = micros.longValueExact();
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
    }

    /** Epoch seconds with microsecond precision, trailing zeros removed. */
    public static BigDecimal toSeconds(Instant t) {
        BigDecimal s = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6));
        BigDecimal stripped = s.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Jackson serializer writing epoch seconds. */
    public static final class Serializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(toSeconds(value));
        }
    }

    /** Jackson deserializer accepting epoch seconds or RFC 3339 text. */
    public static final class Deserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken tok = p.currentToken();
            try {
                if (tok == JsonToken.VALUE_NUMBER_INT || tok == JsonToken.VALUE_NUMBER_FLOAT) {
                    return fromSeconds(p.getDecimalValue());
                }
                if (tok == JsonToken.VALUE_STRING) {
                    return parse(p.getText());
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "expected RFC 3339 or epoch seconds");
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
