package io.sentinel.sensor.alert;

import io.sentinel.detect.Alert;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.protocol.wire.Ranges;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.protocol.wire.WireText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The detection engine's {@link Alert} as the protocol's {@link AlertMessage}: what a sensor
 * ships and what {@code sentinel analyze} prints, both written by the protocol's codec. The
 * mapping keeps every value the wire can carry and makes the rest fit, so that a detector can
 * never produce an alert the controller would refuse:
 * <ul>
 *   <li>times to the microsecond (truncated), the confidence to four decimals, counts within
 *       {@link Ranges#MAX_COUNT};</li>
 *   <li>the SSID keeps its characters (NUL included: the wire carries the SSID as bytes);</li>
 *   <li>text taken from the air inside the summary and the evidence is made visible
 *       ({@link WireText#visible}) and cut to the wire's lengths; evidence numbers are finite
 *       (four decimals, as before), other values become text.</li>
 * </ul>
 */
public final class WireAlerts {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,64}");
    private static final int MAX_EVIDENCE_DEPTH = 7;
    private static final int MAX_EVIDENCE_STRING = 1024;

    private WireAlerts() {}

    /** The alert as the wire schema's record. */
    public static AlertMessage of(Alert a) {
        String ssid = a.ssid();
        if (ssid != null && (!WireText.isValidUnicode(ssid) || ssid.getBytes(StandardCharsets.UTF_8).length > Ssid.MAX_BYTES)) {
            ssid = null;
        }
        return new AlertMessage(a.id(), a.type(), a.severity().json(), confidence(a.confidence()),
                instant(a.firstSeenNanos()), instant(Math.max(a.firstSeenNanos(), a.lastSeenNanos())),
                Math.max(0, Math.min(Ranges.MAX_COUNT, a.count())), mac(a.bssid()), ssid, null, mac(a.source()),
                mac(a.target()), a.channel() > 0 && a.channel() <= Ranges.MAX_CHANNEL ? a.channel() : null,
                codes(a.reasons()), codes(a.mitre()), evidence(a.evidence()), text(a.summary(), AlertMessage.MAX_SUMMARY));
    }

    /** One line of {@code sentinel analyze} output (no newline): the alert's wire JSON. */
    public static String jsonLine(Alert a) {
        return Wire.writeString(of(a));
    }

    private static double confidence(double c) {
        if (!(c >= 0)) return 0;
        if (c >= 1) return 1;
        return Math.round(c * 10_000) / 10_000.0;
    }

    private static Instant instant(long nanos) {
        long micros = Math.floorMod(nanos, 1_000_000_000L) / 1000;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), micros * 1000);
    }

    private static String mac(String s) {
        if (s == null) return null;
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return Identifiers.isMac(lower) ? lower : null;
    }

    private static List<String> codes(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String c : in) {
            if (c != null && CODE.matcher(c).matches() && out.size() < 32) out.add(c);
        }
        return out;
    }

    private static Map<String, Object> evidence(Map<String, Object> in) {
        return object(in, 1);
    }

    private static Map<String, Object> object(Map<?, ?> in, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            String key = text(String.valueOf(e.getKey()), 64);
            if (!key.isEmpty()) out.put(key, value(e.getValue(), depth));
        }
        return out;
    }

    private static Object value(Object v, int depth) {
        return switch (v) {
            case null -> null;
            case String s -> text(s, MAX_EVIDENCE_STRING);
            case Boolean b -> b;
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case BigDecimal b -> number(b.doubleValue());
            case BigInteger b -> b;
            case Number n -> n.longValue();
            case Map<?, ?> m -> depth < MAX_EVIDENCE_DEPTH ? object(m, depth + 1) : null;
            case Iterable<?> it -> {
                if (depth >= MAX_EVIDENCE_DEPTH) yield null;
                List<Object> out = new ArrayList<>();
                for (Object o : it) out.add(value(o, depth + 1));
                yield out;
            }
            default -> text(v.toString(), MAX_EVIDENCE_STRING);
        };
    }

    /** Finite numbers with at most four decimals; whole numbers as integers; NaN and infinities as null. */
    private static Object number(double d) {
        if (!Double.isFinite(d)) return null;
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
        return new BigDecimal(d).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String text(String s, int max) {
        String visible = WireText.visible(s);
        if (visible.length() <= max) return visible;
        int end = max;
        if (Character.isLowSurrogate(visible.charAt(end)) && Character.isHighSurrogate(visible.charAt(end - 1))) end--;
        return visible.substring(0, end);
    }
}
