package io.sentinel.worker.notify.format;

import io.sentinel.worker.notify.Message;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 5424 syslog messages:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID name="value" ...] BOM MSG}.
 * PARAM-VALUEs escape {@code "}, {@code \} and {@code ]} with a backslash (RFC 5424 6.3.3),
 * after unusual characters were made visible; MSG is UTF-8 and, as 6.4 asks, starts with the
 * byte order mark unless the channel turns it off for receivers that cannot take it. The
 * severity is mapped from the alert's (critical 2, high 3, medium 4, low 5, info 6). Over TCP
 * and TLS each message is framed by octet counting (RFC 6587 3.4.1, RFC 5425 4.3):
 * {@code LENGTH SP MESSAGE}.
 */
public final class Rfc5424 {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private Rfc5424() {}

    /** The fixed parts of a channel's messages. */
    public record Header(int facility, String hostname, String appName, String procId, String sdId, boolean bom) {}

    public static int severity(String alertSeverity) {
        return switch (alertSeverity) {
            case "critical" -> 2;
            case "high" -> 3;
            case "medium" -> 4;
            case "low" -> 5;
            default -> 6;
        };
    }

    /** The message bytes (without transport framing); {@code msg} is the CEF or JSON text. */
    public static byte[] message(Header h, Message m, String msg) {
        StringBuilder head = new StringBuilder(256);
        head.append('<').append(h.facility() * 8 + severity(m.severity())).append(">1 ")
                .append(TIME.format(m.createdAt().truncatedTo(ChronoUnit.MICROS))).append(' ')
                .append(token(h.hostname(), 255)).append(' ')
                .append(token(h.appName(), 48)).append(' ')
                .append(token(h.procId(), 128)).append(' ')
                .append(token(msgId(m), 32)).append(' ')
                .append(structuredData(h.sdId(), m)).append(' ');
        byte[] a = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + (h.bom() ? 3 : 0) + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        if (h.bom()) {
            System.arraycopy(BOM, 0, out, a.length, 3);
        }
        System.arraycopy(b, 0, out, out.length - b.length, b.length);
        return out;
    }

    /** Octet-counting frame: the decimal byte length, a space, the message. */
    public static byte[] octetCounted(byte[] message) {
        byte[] len = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[len.length + message.length];
        System.arraycopy(len, 0, out, 0, len.length);
        System.arraycopy(message, 0, out, len.length, message.length);
        return out;
    }

    static String msgId(Message m) {
        return switch (m.kind()) {
            case ALERT -> "alert." + m.event().orElse("changed");
            case DIGEST -> "digest";
            case TEST -> "test";
        };
    }

    static String structuredData(String sdId, Message m) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", m.id());
        p.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.event().ifPresent(e -> p.put("event", e));
        Map<String, Object> a = m.alert();
        p.put("alert", a.get("id"));
        p.put("type", a.get("type"));
        p.put("severity", m.severity());
        p.put("bssid", a.get("bssid"));
        p.put("ssid", a.get("ssid"));
        p.put("sensor", a.get("sensor_id"));
        if (!m.rules().isEmpty()) {
            p.put("rules", String.join(",", m.rules()));
        }
        StringBuilder out = new StringBuilder("[").append(sdId);
        p.forEach((k, v) -> {
            if (v != null) {
                out.append(' ').append(k).append("=\"").append(paramValue(String.valueOf(v))).append('"');
            }
        });
        return out.append(']').toString();
    }

    /** RFC 5424 PARAM-VALUE: '"', '\' and ']' escaped with a backslash. */
    static String paramValue(String raw) {
        String v = Printable.visible(raw);
        StringBuilder out = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A header token: printable US-ASCII without spaces, or the NILVALUE. */
    static String token(String s, int max) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.toString();
    }
}
