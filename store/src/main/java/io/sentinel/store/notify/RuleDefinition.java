package io.sentinel.store.notify;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which alerts go to which channels: every filter that is given must match (an empty list
 * matches everything); {@code events} says which lifecycle changes count. At most
 * {@code rateLimit.messages} messages per {@code rateLimit.windowSeconds} go out for each channel;
 * further matches of that window are counted into one digest message sent when it ends.
 */
public record RuleDefinition(String id, String name, boolean enabled, String minSeverity, List<String> types,
        List<String> sensors, List<String> bssids, List<String> ssids, Set<LifecycleEvent> events,
        int quietGapSeconds, Optional<RateLimit> rateLimit, List<String> channelIds) {

    public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern SENSOR = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern ANY = Pattern.compile("(?s).{0,256}");

    /** Messages allowed per window; 0 sends only the digest. */
    public record RateLimit(int messages, int windowSeconds) {}

    public RuleDefinition {
        types = List.copyOf(types);
        sensors = List.copyOf(sensors);
        bssids = List.copyOf(bssids);
        ssids = List.copyOf(ssids);
        events = Set.copyOf(events);
        channelIds = List.copyOf(channelIds);
    }

    public static RuleDefinition parse(Map<String, ?> json, Optional<String> pathId) {
        Fields f = new Fields(json, "", Set.of("id", "name", "enabled", "channels", "match", "quiet_gap_seconds",
                "rate_limit"));
        String id = f.id(pathId);
        String name = f.displayName(id);
        List<String> channels = f.strings("channels", 20, ChannelDefinition.ID, "channel ids");
        if (channels.isEmpty()) {
            throw new InvalidNotifyConfig("channels", "needs at least one channel id");
        }
        Fields m = new Fields(f.object("match"), "match.", Set.of("min_severity", "types", "sensors", "bssids",
                "ssids", "events"));
        String min = m.text("min_severity", 16).orElse("info");
        if (!SEVERITIES.contains(min)) {
            throw new InvalidNotifyConfig("match.min_severity", "must be info, low, medium, high or critical");
        }
        List<String> eventNames = m.strings("events", 5, Pattern.compile("opened|escalated|repeated|acknowledged|resolved"),
                "opened, escalated, repeated, acknowledged or resolved");
        Set<LifecycleEvent> events = EnumSet.noneOf(LifecycleEvent.class);
        if (!m.has("events")) {
            events.addAll(EnumSet.of(LifecycleEvent.OPENED, LifecycleEvent.ESCALATED, LifecycleEvent.REPEATED));
        }
        eventNames.forEach(e -> events.add(LifecycleEvent.parse(e)));
        if (events.isEmpty()) {
            throw new InvalidNotifyConfig("match.events", "needs at least one event");
        }
        Optional<RateLimit> limit = Optional.of(new RateLimit(10, 600));
        if (f.has("rate_limit")) {
            Map<String, ?> rl = f.object("rate_limit");
            if (json.get("rate_limit") == null) {
                limit = Optional.empty();
            } else {
                Fields r = new Fields(rl, "rate_limit.", Set.of("messages", "window_seconds"));
                limit = Optional.of(new RateLimit(r.integer("messages", 10, 0, 10_000),
                        r.integer("window_seconds", 600, 1, 86_400)));
            }
        }
        return new RuleDefinition(id, name, f.bool("enabled", true), min,
                m.strings("types", 64, TYPE, "lower-case alert types"),
                m.strings("sensors", 256, SENSOR, "sensor ids"),
                lower(m.strings("bssids", 256, Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}"), "MAC addresses")),
                m.strings("ssids", 256, ANY, "SSIDs of at most 256 characters"),
                events, f.integer("quiet_gap_seconds", 900, 60, 30 * 86_400), limit, channels);
    }

    private static List<String> lower(List<String> macs) {
        List<String> out = new ArrayList<>();
        macs.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        assert out.stream().allMatch(s -> MAC.matcher(s).matches());
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("enabled", enabled);
        m.put("channels", channelIds);
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("min_severity", minSeverity);
        match.put("types", types);
        match.put("sensors", sensors);
        match.put("bssids", bssids);
        match.put("ssids", ssids);
        match.put("events", events.stream().sorted().map(LifecycleEvent::wire).toList());
        m.put("match", match);
        m.put("quiet_gap_seconds", quietGapSeconds);
        m.put("rate_limit", rateLimit.<Object>map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("messages", r.messages());
            x.put("window_seconds", r.windowSeconds());
            return x;
        }).orElse(null));
        return m;
    }

    /** Rank of a severity, 0 (info) .. 4 (critical); unknown values rank lowest. */
    public static int rank(String severity) {
        return Math.max(0, SEVERITIES.indexOf(severity));
    }
}
