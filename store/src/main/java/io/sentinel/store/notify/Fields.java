package io.sentinel.store.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed reads from a JSON object of a channel or rule definition; every refusal names its field. */
final class Fields {
    private final Map<String, ?> json;
    private final String prefix;

    Fields(Map<String, ?> json, String prefix, Set<String> allowed) {
        this.json = json == null ? Map.of() : json;
        this.prefix = prefix;
        for (String k : this.json.keySet()) {
            if (!allowed.contains(k)) {
                throw new InvalidNotifyConfig(prefix + k, "unknown field");
            }
        }
    }

    String name(String key) {
        return prefix + key;
    }

    Optional<String> text(String key, int max) {
        Object v = json.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new InvalidNotifyConfig(name(key), "must be a string");
        }
        if (s.length() > max) {
            throw new InvalidNotifyConfig(name(key), "is longer than " + max + " characters");
        }
        return Optional.of(s);
    }

    String requiredText(String key, int max) {
        String s = text(key, max).orElseThrow(() -> new InvalidNotifyConfig(name(key), "is required"));
        if (s.isBlank()) {
            throw new InvalidNotifyConfig(name(key), "must not be empty");
        }
        return s;
    }

    Optional<String> matching(String key, Pattern p, String describe) {
        Optional<String> s = text(key, 4096);
        if (s.isPresent() && !p.matcher(s.get()).matches()) {
            throw new InvalidNotifyConfig(name(key), "must be " + describe);
        }
        return s;
    }

    <E extends Enum<E>> E oneOf(String key, Class<E> type, E fallback) {
        Optional<String> s = text(key, 64);
        if (s.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.get())) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new InvalidNotifyConfig(name(key), "must be one of " + String.join(", ", names));
    }

    int integer(String key, int fallback, int min, int max) {
        Object v = json.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
            throw new InvalidNotifyConfig(name(key), "must be an integer");
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw new InvalidNotifyConfig(name(key), "must be between " + min + " and " + max);
        }
        return (int) n;
    }

    Optional<Integer> optInteger(String key, int min, int max) {
        return json.get(key) == null ? Optional.empty() : Optional.of(integer(key, 0, min, max));
    }

    boolean bool(String key, boolean fallback) {
        Object v = json.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidNotifyConfig(name(key), "must be true or false");
        }
        return b;
    }

    List<String> strings(String key, int maxItems, Pattern each, String describe) {
        Object v = json.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidNotifyConfig(name(key), "must be a list of strings");
        }
        if (list.size() > maxItems) {
            throw new InvalidNotifyConfig(name(key), "has more than " + maxItems + " entries");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || !each.matcher(s).matches()) {
                throw new InvalidNotifyConfig(name(key), "entries must be " + describe);
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    Map<String, ?> object(String key) {
        Object v = json.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidNotifyConfig(name(key), "must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        return typed;
    }

    /** {@code id} of a channel or rule: from the body or the path, which must agree. */
    String id(Optional<String> pathId) {
        String id = text("id", 64).or(() -> pathId).orElseThrow(() -> new InvalidNotifyConfig("id", "is required"));
        if (!ChannelDefinition.ID.matcher(id).matches()) {
            throw new InvalidNotifyConfig("id", "must match [a-z0-9][a-z0-9_-]{0,63}");
        }
        if (pathId.isPresent() && !pathId.get().equals(id)) {
            throw new InvalidNotifyConfig("id", "differs from the id in the path");
        }
        return id;
    }

    /** {@code name}, defaulting to the id; no control characters. */
    String displayName(String id) {
        String name = text("name", 128).orElse(id);
        if (!name.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
            throw new InvalidNotifyConfig("name", "must not contain control characters");
        }
        return name;
    }

    boolean has(String key) {
        return json.containsKey(key);
    }
}
