package io.sentinel.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two JSON documents, as a list of paths: {@code added}, {@code removed}
 * or {@code changed} with the values before and after. Arrays of objects that carry an
 * {@code ssid} are matched by it ({@code monitored_networks[CorpNet].bssids}), other arrays by
 * position, so that inserting one network does not read as every later one changing.
 */
final class JsonDiff {

    /** One difference. {@code before}/{@code after} are JSON null for added/removed. */
    record Change(String path, String op, JsonNode before, JsonNode after) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path);
            m.put("op", op);
            if (!before.isNull()) m.put("before", before);
            if (!after.isNull()) m.put("after", after);
            return m;
        }
    }

    private JsonDiff() {}

    static List<Change> between(JsonNode before, JsonNode after, int max) {
        List<Change> out = new ArrayList<>();
        walk("", before == null ? NullNode.instance : before, after == null ? NullNode.instance : after, out, max);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out, int max) {
        if (out.size() >= max || a.equals(b)) return;
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                JsonNode x = a.get(k), y = b.get(k);
                if (x == null) add(out, max, p, "added", NullNode.instance, y);
                else if (y == null) add(out, max, p, "removed", x, NullNode.instance);
                else walk(p, x, y, out, max);
            }
        } else if (a.isArray() && b.isArray() && keyedBySsid(a) && keyedBySsid(b)) {
            Map<String, JsonNode> x = bySsid(a), y = bySsid(b);
            Set<String> keys = new LinkedHashSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String k : keys) {
                String p = path + "[" + k + "]";
                if (!x.containsKey(k)) add(out, max, p, "added", NullNode.instance, y.get(k));
                else if (!y.containsKey(k)) add(out, max, p, "removed", x.get(k), NullNode.instance);
                else walk(p, x.get(k), y.get(k), out, max);
            }
        } else if (a.isArray() && b.isArray() && containers(a) && containers(b)) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                String p = path + "[" + i + "]";
                if (i >= a.size()) add(out, max, p, "added", NullNode.instance, b.get(i));
                else if (i >= b.size()) add(out, max, p, "removed", a.get(i), NullNode.instance);
                else walk(p, a.get(i), b.get(i), out, max);
            }
        } else {
            add(out, max, path, a.isNull() ? "added" : b.isNull() ? "removed" : "changed", a, b);
        }
    }

    private static boolean containers(JsonNode array) {
        for (JsonNode e : array) if (e.isContainerNode()) return true;
        return false;
    }

    private static boolean keyedBySsid(JsonNode array) {
        if (array.isEmpty()) return true;
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : array) {
            if (!e.isObject() || !e.path("ssid").isTextual() || !seen.add(e.get("ssid").textValue())) return false;
        }
        return true;
    }

    private static Map<String, JsonNode> bySsid(JsonNode array) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            m.put(e.get("ssid").textValue(), e);
        }
        return m;
    }

    private static void add(List<Change> out, int max, String path, String op, JsonNode before, JsonNode after) {
        if (out.size() < max) out.add(new Change(path, op, before, after));
    }
}
