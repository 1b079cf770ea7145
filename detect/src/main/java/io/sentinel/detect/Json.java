package io.sentinel.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal JSON writer for alert output (detect stays free of JSON libraries). */
public final class Json {
    private Json() {}

    /** Deep, ordered, unmodifiable copy of an evidence map. */
    static Map<String, Object> freeze(Map<String, Object> in) {
        if (in == null) return Map.of();
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, freezeValue(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> m) return freeze((Map<String, Object>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(freezeValue(o));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    public static void value(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Double d -> number(sb, d);
            case Float f -> number(sb, f);
            case Number n -> sb.append(n.longValue());
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    value(sb, e.getValue());
                }
                sb.append('}');
            }
            case Iterable<?> it -> {
                sb.append('[');
                boolean first = true;
                for (Object o : it) {
                    if (!first) sb.append(',');
                    first = false;
                    value(sb, o);
                }
                sb.append(']');
            }
            default -> string(sb, v.toString());
        }
    }

    /** Finite numbers with at most 4 decimals; NaN and infinities as null. */
    public static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
            return;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            sb.append((long) d);
            return;
        }
        sb.append(new java.math.BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());
    }

    /** Epoch seconds with microsecond precision, exact from nanoseconds. */
    public static void epochSeconds(StringBuilder sb, long nanos) {
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
        sb.append(sec).append('.');
        String m = Long.toString(micros);
        for (int i = m.length(); i < 6; i++) sb.append('0');
        sb.append(m);
    }

    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
