package io.sentinel.controller.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers used by the templates. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
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

    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    public static String rssi(Number dbm) {
        return dbm == null ? "—" : Math.round(dbm.doubleValue()) + " dBm";
    }

    /** The ATT&CK page of a technique id such as T1499 or T1557.002 (ids are checked, anything else gives null). */
    public static String mitreUrl(String id) {
        if (id == null || !id.matches("T[0-9]{4}(\\.[0-9]{3})?")) {
            return null;
        }
        return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }
}
