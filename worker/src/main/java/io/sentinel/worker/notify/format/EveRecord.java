package io.sentinel.worker.notify.format;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.worker.notify.Message;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the alert export file, shaped like Suricata's EVE JSON so Filebeat and Wazuh
 * pick it up with little configuration: {@code timestamp} (as EVE writes it, with a numeric
 * offset), {@code event_type} ({@code alert}, {@code sentinel_digest} or {@code sentinel_test}),
 * {@code message_id}, {@code event}, the alert object as the API shows it, and the rules that
 * sent it. JSON escaping keeps every SSID byte exact and puts no raw line break in a line.
 */
public final class EveRecord {
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx")
            .withZone(java.time.ZoneOffset.UTC);

    private EveRecord() {}

    public static String line(Message m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamp", EVE_TIME.format(Message.time(m.payload().get("at")).orElse(m.createdAt())
                .truncatedTo(ChronoUnit.MICROS)));
        r.put("event_type", switch (m.kind()) {
            case ALERT -> "alert";
            case DIGEST -> "sentinel_digest";
            case TEST -> "sentinel_test";
        });
        r.put("message_id", m.id().toString());
        m.event().ifPresent(e -> r.put("event", e));
        switch (m.kind()) {
            case ALERT -> {
                r.put("alert", m.alert());
                if (m.payload().get("actor") != null) {
                    r.put("actor", m.payload().get("actor"));
                }
                if (m.payload().get("detail") instanceof Map<?, ?> d && !d.isEmpty()) {
                    r.put("detail", d);
                }
            }
            case DIGEST -> r.put("digest", m.digest());
            case TEST -> r.put("test", Map.of("requested_by", String.valueOf(m.payload().get("requested_by"))));
        }
        r.put("rules", m.rules());
        r.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
        return Wire.writeString(r);
    }
}
