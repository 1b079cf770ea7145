package io.sentinel.protocol.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * How {@link Wire} reads JSON strings: only a JSON string is a string (no coercion of numbers
 * or booleans), and by default it must be storable text — no U+0000, no unpaired surrogate.
 * SSIDs, which are bytes, are read with {@link AnyText} and checked by {@link SsidFields}.
 */
final class TextDeserializers {
    private TextDeserializers() {}

    /** The default for every {@code String}: storable text. */
    static final class StoredText extends StdScalarDeserializer<String> {
        StoredText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = jsonString(p, ctxt);
            if (s != null && !WireText.isStorable(s)) {
                throw InvalidFormatException.from(p, s.indexOf('\0') >= 0 ? "contains U+0000, which cannot be stored as text"
                        : "contains an unpaired surrogate (not valid Unicode)", s, String.class);
            }
            return s;
        }
    }

    /** Any JSON string, NUL included (for values that stand for bytes, such as an SSID's text). */
    static final class AnyText extends StdScalarDeserializer<String> {
        AnyText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return jsonString(p, ctxt);
        }
    }

    /** The text of a JSON string token; any other token is a type mismatch (no coercion). */
    private static String jsonString(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        return p.getText();
    }
}
