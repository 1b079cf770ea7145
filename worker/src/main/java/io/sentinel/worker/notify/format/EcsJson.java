package io.sentinel.worker.notify.format;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.worker.notify.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message as one JSON object with Elastic Common Schema names where they fit
 * ({@code @timestamp}, {@code event.*}, {@code rule.*}, {@code observer.*}, {@code source.mac},
 * {@code destination.mac}, {@code threat.*}, {@code tags}) and everything else under
 * {@code sentinel.*} (the alert exactly as the API shows it, SSID included: JSON escaping is
 * lossless, so the SIEM gets the real bytes).
 */
public final class EcsJson {
    private EcsJson() {}

    public static Map<String, Object> document(Message m, String productVersion, boolean withEvidence) {
        Map<String, Object> a = m.alert();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", MessageText.iso(Message.time(m.payload().get("at")).orElse(m.createdAt())));
        doc.put("message", m.kind() == Message.Kind.ALERT && a.get("summary") != null ? a.get("summary")
                : MessageText.of(m).title());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kind", m.kind() == Message.Kind.ALERT ? "alert" : "event");
        event.put("category", List.of("intrusion_detection", "network"));
        event.put("type", List.of("info"));
        event.put("action", m.event().orElse(m.kind().name().toLowerCase(Locale.ROOT)));
        event.put("id", m.id().toString());
        event.put("severity", CefFormat.severity(m.severity()));
        event.put("created", MessageText.iso(m.createdAt()));
        Message.time(a.get("first_seen")).ifPresent(t -> event.put("start", MessageText.iso(t)));
        Message.time(a.get("last_seen")).ifPresent(t -> event.put("end", MessageText.iso(t)));
        event.put("dataset", "sentinel." + m.kind().name().toLowerCase(Locale.ROOT));
        event.put("module", "sentinel");
        event.put("provider", "sentinel");
        doc.put("event", event);
        if (m.kind() == Message.Kind.ALERT) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", a.get("type"));
            rule.put("name", a.get("type"));
            rule.put("category", "wireless");
            doc.put("rule", rule);
        }
        Map<String, Object> observer = new LinkedHashMap<>();
        observer.put("vendor", "Sentinel");
        observer.put("product", "Sentinel WIDS");
        observer.put("type", "ids");
        observer.put("version", productVersion);
        if (a.get("sensor_id") != null) {
            observer.put("name", a.get("sensor_id"));
        }
        doc.put("observer", observer);
        mac(a.get("source")).ifPresent(v -> doc.put("source", Map.of("mac", v)));
        mac(a.get("target")).ifPresent(v -> doc.put("destination", Map.of("mac", v)));
        if (a.get("mitre") instanceof List<?> l && !l.isEmpty()) {
            doc.put("threat", Map.of("framework", "MITRE ATT&CK", "technique", Map.of("id", l)));
        }
        if (!m.rules().isEmpty()) {
            doc.put("tags", m.rules());
        }
        Map<String, Object> sentinel = new LinkedHashMap<>();
        sentinel.put("message_id", m.id().toString());
        sentinel.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
        m.event().ifPresent(e -> sentinel.put("event", e));
        sentinel.put("channel", m.channelId());
        sentinel.put("rules", m.rules());
        switch (m.kind()) {
            case ALERT -> {
                Map<String, Object> alert = new LinkedHashMap<>(a);
                if (!withEvidence) {
                    alert.remove("evidence");
                }
                sentinel.put("alert", alert);
                if (m.payload().get("actor") != null) {
                    sentinel.put("actor", m.payload().get("actor"));
                }
                if (m.payload().get("detail") instanceof Map<?, ?> d && !d.isEmpty()) {
                    sentinel.put("detail", d);
                }
            }
            case DIGEST -> sentinel.put("digest", m.digest());
            case TEST -> sentinel.put("test", Map.of("requested_by", String.valueOf(m.payload().get("requested_by"))));
        }
        doc.put("sentinel", sentinel);
        return doc;
    }

    public static String format(Message m, String productVersion) {
        return Wire.writeString(document(m, productVersion, true));
    }

    /** ECS writes MAC addresses upper-case with hyphens. */
    static java.util.Optional<String> mac(Object v) {
        if (v instanceof String s && s.matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")) {
            return java.util.Optional.of(s.toUpperCase(Locale.ROOT).replace(':', '-'));
        }
        return java.util.Optional.empty();
    }
}
