package io.sentinel.store.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel as an operator defines it (API body, dashboard form or configuration file), without
 * its secrets. {@link #parse} validates a JSON object.
 */
public record ChannelDefinition(String id, String name, ChannelKind kind, ChannelSettings settings, boolean enabled) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Keys of a channel object besides its secrets. */
    public static final Set<String> KEYS = Set.of("id", "name", "kind", "settings", "secrets", "enabled");

    /**
     * Parses {@code json}; {@code pathId} (from {@code PUT .../channels/{id}}) must agree with an
     * {@code id} in the body. The {@code secrets} key is left to {@link #secretChanges}.
     */
    public static ChannelDefinition parse(Map<String, ?> json, Optional<String> pathId) {
        Fields f = new Fields(json, "", KEYS);
        String id = f.id(pathId);
        String name = f.displayName(id);
        ChannelKind kind = ChannelKind.parse("kind", f.requiredText("kind", 16));
        ChannelSettings settings = ChannelSettings.parse(kind, f.object("settings"));
        return new ChannelDefinition(id, name, kind, settings, f.bool("enabled", true));
    }

    /**
     * The {@code secrets} object of a channel body: a name with a string sets it, a name with
     * null removes it, a name left out keeps what is stored.
     */
    public static Map<String, Optional<String>> secretChanges(Map<String, ?> json, ChannelSettings settings) {
        Object raw = json == null ? null : json.get("secrets");
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidNotifyConfig("secrets", "must be an object");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!settings.secretNames().contains(k)) {
                throw new InvalidNotifyConfig("secrets." + k, settings.secretNames().isEmpty()
                        ? "this kind of channel has no secrets" : "unknown secret; known: " + String.join(", ",
                                new java.util.TreeSet<>(settings.secretNames())));
            }
            if (e.getValue() == null) {
                out.put(k, Optional.empty());
            } else if (e.getValue() instanceof String s) {
                if (s.length() > 65_536) {
                    throw new InvalidNotifyConfig("secrets." + k, "is longer than 65536 characters");
                }
                out.put(k, Optional.of(s));
            } else {
                throw new InvalidNotifyConfig("secrets." + k, "must be a string or null");
            }
        }
        return out;
    }
}
