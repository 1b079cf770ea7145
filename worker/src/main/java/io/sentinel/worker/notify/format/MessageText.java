package io.sentinel.worker.notify.format;

import io.sentinel.worker.notify.Message;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a message for people (chat, e-mail): a title and labelled facts. Values are
 * the raw strings, attacker-chosen ones included; each medium escapes them its own way after
 * {@link Printable#visible}.
 */
public record MessageText(String title, List<Fact> facts) {

    /** One labelled value. */
    public record Fact(String label, String value) {}

    public static MessageText of(Message m) {
        List<Fact> facts = new ArrayList<>();
        String title = switch (m.kind()) {
            case ALERT -> {
                Map<String, Object> a = m.alert();
                String event = m.event().orElse("changed");
                add(facts, "Summary", a.get("summary"));
                add(facts, "Type", a.get("type"));
                add(facts, "Severity", a.get("severity"));
                add(facts, "Confidence", a.get("confidence"));
                add(facts, "Status", a.get("status"));
                add(facts, "BSSID", a.get("bssid"));
                if (a.containsKey("ssid")) {
                    facts.add(new Fact("SSID", String.valueOf(a.get("ssid"))));
                }
                add(facts, "Source", a.get("source"));
                add(facts, "Target", a.get("target"));
                add(facts, "Channel", a.get("channel"));
                add(facts, "Evidence frames", a.get("count"));
                add(facts, "First seen", time(a.get("first_seen")));
                add(facts, "Last seen", time(a.get("last_seen")));
                add(facts, "Sensors", join(a.get("sensor_ids")));
                add(facts, "MITRE ATT&CK", join(a.get("mitre")));
                add(facts, "Reasons", join(a.get("reasons")));
                Object actor = m.payload().get("actor");
                if (actor != null && !"worker".equals(actor)) {
                    add(facts, event.substring(0, 1).toUpperCase(Locale.ROOT) + event.substring(1) + " by", actor);
                }
                if (m.payload().get("detail") instanceof Map<?, ?> d) {
                    add(facts, "Comment", d.get("comment"));
                    add(facts, "Previous severity", d.get("previous_severity"));
                    add(facts, "Quiet for (s)", d.get("gap_seconds"));
                }
                add(facts, "Alert id", a.get("id"));
                yield "[" + m.severity().toUpperCase(Locale.ROOT) + "] " + a.getOrDefault("type", "alert") + " "
                        + event;
            }
            case DIGEST -> {
                Map<String, Object> d = m.digest();
                add(facts, "Rule", d.get("rule_name"));
                add(facts, "Window", time(d.get("window_start")) + " to " + time(d.get("window_end")));
                add(facts, "By type", counts(d.get("by_type")));
                add(facts, "By severity", counts(d.get("by_severity")));
                add(facts, "By event", counts(d.get("by_event")));
                if (d.get("samples") instanceof List<?> samples) {
                    int i = 1;
                    for (Object o : samples) {
                        if (o instanceof Map<?, ?> s) {
                            facts.add(new Fact("Example " + i++, s.get("severity") + " " + s.get("type") + " "
                                    + s.get("event") + (s.get("bssid") == null ? "" : " " + s.get("bssid"))
                                    + (s.get("ssid") == null ? "" : " \"" + s.get("ssid") + "\"")));
                        }
                    }
                }
                yield "[" + m.severity().toUpperCase(Locale.ROOT) + "] digest: " + d.getOrDefault("count", 0)
                        + " more alert messages matched rule " + d.getOrDefault("rule_id", "?");
            }
            case TEST -> {
                add(facts, "Channel", m.channelId());
                add(facts, "Requested by", m.payload().get("requested_by"));
                yield "Sentinel test message";
            }
        };
        facts.add(new Fact("Message id", m.id().toString()));
        return new MessageText(title, List.copyOf(facts));
    }

    /** The text as plain lines (e-mail text part, chat fallback): visible escapes, no markup. */
    public String plain() {
        StringBuilder out = new StringBuilder(Printable.visible(title)).append("\n\n");
        for (Fact f : facts) {
            out.append(f.label()).append(": ").append(Printable.visible(f.value())).append('\n');
        }
        return out.toString();
    }

    private static void add(List<Fact> facts, String label, Object value) {
        if (value != null && !String.valueOf(value).isEmpty()) {
            facts.add(new Fact(label, String.valueOf(value)));
        }
    }

    private static String join(Object list) {
        return list instanceof List<?> l && !l.isEmpty() ? String.join(", ", l.stream().map(String::valueOf).toList())
                : null;
    }

    private static String counts(Object map) {
        if (!(map instanceof Map<?, ?> m) || m.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(m).forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    static String time(Object epochSeconds) {
        return Message.time(epochSeconds).map(MessageText::iso).orElse(null);
    }

    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
