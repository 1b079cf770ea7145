package io.sentinel.protocol.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Limits of an alert's {@code evidence} object, which is stored as {@code jsonb}: strings are
 * text (no U+0000, valid Unicode), numbers are finite, nesting and size are bounded.
 */
final class Evidence {
    static final int MAX_DEPTH = 8;
    static final int MAX_VALUES = 4096;
    static final int MAX_STRING = 1024;

    private Evidence() {}

    static void check(String path, Map<String, Object> evidence) {
        int[] values = {0};
        object(path, evidence, 1, values);
    }

    private static void object(String path, Map<?, ?> m, int depth, int[] values) {
        if (depth > MAX_DEPTH) {
            throw new InvalidMessageException(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = path + "." + key;
            if (key.isEmpty() || key.length() > 64) {
                throw new InvalidMessageException(path, "keys must have 1..64 characters");
            }
            WireText.require(at, key, 64);
            value(at, e.getValue(), depth, values);
        }
    }

    private static void value(String path, Object v, int depth, int[] values) {
        if (++values[0] > MAX_VALUES) {
            throw new InvalidMessageException(path, "evidence holds more than " + MAX_VALUES + " values");
        }
        switch (v) {
            case null -> { }
            case String s -> WireText.require(path, s, MAX_STRING);
            case Boolean b -> { }
            case Integer i -> { }
            case Long l -> { }
            case Short s -> { }
            case BigInteger b -> { }
            case Double d -> finite(path, d);
            case Float f -> finite(path, f.doubleValue());
            case BigDecimal b -> finite(path, b.doubleValue());
            case Map<?, ?> m -> object(path, m, depth + 1, values);
            case List<?> l -> {
                if (depth + 1 > MAX_DEPTH) {
                    throw new InvalidMessageException(path, "nested deeper than " + MAX_DEPTH + " levels");
                }
                for (int i = 0; i < l.size(); i++) {
                    value(path + "[" + i + "]", l.get(i), depth + 1, values);
                }
            }
            default -> throw new InvalidMessageException(path, "not a JSON value");
        }
    }

    private static void finite(String path, double d) {
        if (!Double.isFinite(d)) {
            throw new InvalidMessageException(path, "must be a finite number");
        }
    }
}
