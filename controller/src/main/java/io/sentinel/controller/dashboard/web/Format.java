package io.sentinel.controller.dashboard.web;

import io.sentinel.store.OffsetPage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Small formatting helpers used by the templates. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String time(Optional<Instant> t) {
        return time(t.orElse(null));
    }

    /** Date and time on two lines' worth of text: the date, then the time of day (narrow tables wrap between them). */
    public static String date(Instant t) {
        return t == null ? "—" : DATE.format(t);
    }

    /** The time of day, UTC, of {@link #date}. */
    public static String clock(Instant t) {
        return t == null ? "" : CLOCK.format(t);
    }

    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    /** "4 s", "3 min", "2 h", "5 d". */
    public static String age(Instant t, Instant now) {
        if (t == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(t, now).toSeconds());
        if (s < 90) {
            return s + " s";
        }
        if (s < 90 * 60) {
            return (s / 60) + " min";
        }
        if (s < 36 * 3600) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " d";
    }

    /**
     * A number for people: thousands grouped, no decimals from 100 up, one below 100, two below 10,
     * trailing zeros dropped ({@code 11,698}, {@code 42.5}, {@code 0.25}, {@code 3}).
     */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "—";
        }
        double a = Math.abs(v);
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", v);
        if (decimals > 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A whole number with thousands grouped. */
    public static String number(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A value that may be missing: the number, or "—". */
    public static String number(Optional<? extends Number> v) {
        return v.map(n -> n instanceof Double || n instanceof Float ? number(n.doubleValue()) : number(n.longValue()))
                .orElse("—");
    }

    /**
     * A detector's confidence (0..1) as whole per cent, the one format of the dashboard:
     * {@code 90 %}. Only certainty shows as 100 % and only zero as 0 %.
     */
    public static String confidence(double c) {
        long p = Math.round(c * 100);
        if (p >= 100 && c < 1) {
            p = 99;
        } else if (p <= 0 && c > 0) {
            p = 1;
        }
        return p + " %";
    }

    /** A share in per cent with the precision of {@link #number(double)}: {@code 0.03 %}, {@code 12.5 %}. */
    public static String percent(double p) {
        return number(p) + " %";
    }

    /** The number of matches of a page: {@code 1,234}, or {@code more than 10,000} when counting stopped. */
    public static String total(OffsetPage<?> page) {
        return page.capped() ? "more than " + number((long) OffsetPage.COUNT_CAP) : number(page.total());
    }

    /** A rate per second over a window, or "—" when there is no window to measure it over. */
    public static String rate(Optional<Double> perSecond) {
        return perSecond.map(Format::number).orElse("—");
    }

    /** A duration in the units of {@link #age}: "30 s", "5 min". */
    public static String duration(Duration d) {
        return age(Instant.EPOCH, Instant.EPOCH.plus(d));
    }

    public static String rssi(Optional<? extends Number> dbm) {
        return dbm.map(v -> Math.round(v.doubleValue()) + " dBm").orElse("—");
    }

    /**
     * A history entry's detail (a JSON object) as one line: {@code key: value} pairs joined by
     * " · ", confidences and times in the dashboard's formats, text as it is (the template
     * escapes it).
     */
    public static String details(String json) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = DETAILS.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (java.io.IOException e) {
            return json;
        }
        if (n == null || !n.isObject()) {
            return json;
        }
        StringBuilder out = new StringBuilder();
        n.fields().forEachRemaining(f -> {
            if (!out.isEmpty()) {
                out.append(" · ");
            }
            com.fasterxml.jackson.databind.JsonNode v = f.getValue();
            String text;
            if (f.getKey().equals("confidence") && v.isNumber()) {
                text = confidence(v.asDouble());
            } else if ((f.getKey().endsWith("_seen") || f.getKey().endsWith("_at")) && v.isNumber()) {
                text = time(io.sentinel.protocol.wire.EpochTime.fromSeconds(v.decimalValue()));
            } else if (v.isNumber()) {
                text = number(v.asDouble());
            } else {
                text = v.isTextual() ? v.asText() : v.toString();
            }
            out.append(f.getKey().replace('_', ' ')).append(": ").append(text);
        });
        return out.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DETAILS = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The ATT&CK page of a technique id such as T1499 or T1557.002 (ids are checked, anything else gives null). */
    public static String mitreUrl(String id) {
        if (id == null || !id.matches("T[0-9]{4}(\\.[0-9]{3})?")) {
            return null;
        }
        return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }
}
