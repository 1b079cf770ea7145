package io.sentinel.worker.notify.format;

import io.sentinel.worker.notify.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ArcSight Common Event Format, version 0:
 * {@code CEF:0|Sentinel|Sentinel WIDS|version|signature id|name|severity|extension}.
 * Header fields escape {@code \} and {@code |}; extension values escape {@code \}, {@code =}
 * and line breaks ({@code \n}, {@code \r}). Other unusual characters become visible escapes
 * first ({@link Printable}), so a hostile SSID can neither end a field, add a key, nor hide.
 * Keys are from the CEF dictionary where one fits; the rest use labelled custom strings.
 */
public final class CefFormat {
    private CefFormat() {}

    /** CEF severity 0..10 of an alert severity. */
    public static int severity(String s) {
        return switch (s) {
            case "critical" -> 10;
            case "high" -> 8;
            case "medium" -> 5;
            case "low" -> 3;
            default -> 1;
        };
    }

    public static String format(Message m, String productVersion) {
        Map<String, Object> a = m.alert();
        String signature = switch (m.kind()) {
            case ALERT -> String.valueOf(a.getOrDefault("type", "alert"));
            case DIGEST -> "digest";
            case TEST -> "test";
        };
        String name = switch (m.kind()) {
            case ALERT -> signature.replace('_', ' ') + " " + m.event().orElse("changed");
            case DIGEST -> "digest of " + m.digest().getOrDefault("count", 0) + " alert messages";
            case TEST -> "test message";
        };
        StringBuilder out = new StringBuilder(512).append("CEF:0|")
                .append(header("Sentinel")).append('|')
                .append(header("Sentinel WIDS")).append('|')
                .append(header(productVersion)).append('|')
                .append(header(signature)).append('|')
                .append(header(name)).append('|')
                .append(severity(m.severity())).append('|');
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("rt", m.createdAt().toEpochMilli());
        ext.put("act", m.event().orElse(m.kind().name().toLowerCase(Locale.ROOT)));
        ext.put("cs1Label", "messageId");
        ext.put("cs1", m.id().toString());
        switch (m.kind()) {
            case ALERT -> {
                ext.put("externalId", a.get("id"));
                ext.put("cat", a.get("type"));
                ext.put("msg", a.get("summary"));
                Message.time(a.get("first_seen")).ifPresent(t -> ext.put("start", t.toEpochMilli()));
                Message.time(a.get("last_seen")).ifPresent(t -> ext.put("end", t.toEpochMilli()));
                ext.put("cnt", a.get("count"));
                ext.put("smac", a.get("source"));
                ext.put("dmac", a.get("target"));
                ext.put("deviceExternalId", a.get("sensor_id"));
                ext.put("outcome", a.get("status"));
                if (a.get("bssid") != null) {
                    ext.put("cs2Label", "bssid");
                    ext.put("cs2", a.get("bssid"));
                }
                if (a.get("ssid") != null) {
                    ext.put("cs3Label", "ssid");
                    ext.put("cs3", a.get("ssid"));
                }
                if (a.get("mitre") instanceof List<?> l && !l.isEmpty()) {
                    ext.put("cs4Label", "mitreTechniques");
                    ext.put("cs4", String.join(",", l.stream().map(String::valueOf).toList()));
                }
                if (a.get("reasons") instanceof List<?> l && !l.isEmpty()) {
                    ext.put("cs5Label", "reasons");
                    ext.put("cs5", String.join(",", l.stream().map(String::valueOf).toList()));
                }
                if (a.get("sensor_ids") instanceof List<?> l && !l.isEmpty()) {
                    ext.put("cs6Label", "sensors");
                    ext.put("cs6", String.join(",", l.stream().map(String::valueOf).toList()));
                }
                if (a.get("channel") != null) {
                    ext.put("cn1Label", "channel");
                    ext.put("cn1", a.get("channel"));
                }
                if (a.get("confidence") != null) {
                    ext.put("cfp1Label", "confidence");
                    ext.put("cfp1", a.get("confidence"));
                }
            }
            case DIGEST -> {
                ext.put("cnt", m.digest().get("count"));
                ext.put("msg", MessageText.of(m).plain().replace('\n', ' ').strip());
                ext.put("cs2Label", "rule");
                ext.put("cs2", m.digest().get("rule_id"));
            }
            case TEST -> ext.put("msg", "test message for channel " + m.channelId());
        }
        if (!m.rules().isEmpty()) {
            ext.put("flexString1Label", "rules");
            ext.put("flexString1", String.join(",", m.rules()));
        }
        boolean first = true;
        for (Map.Entry<String, Object> e : ext.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(e.getKey()).append('=').append(value(String.valueOf(e.getValue())));
        }
        return out.toString();
    }

    /** A header field: backslash and pipe escaped; line breaks cannot occur after {@link Printable}. */
    static String header(String s) {
        String v = Printable.visible(s);
        StringBuilder out = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '|') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** An extension value: backslash, equals sign and line breaks escaped, other oddities made visible. */
    static String value(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Printable.unusual(cp)) {
                        // the visible escape's own backslash is escaped, so a parser shows \u0000
                        out.append('\\').append(Printable.visible(new String(Character.toChars(cp))));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }
}
