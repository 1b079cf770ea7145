package io.sentinel.app.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A parsed compose file (anchors and merge keys resolved), with typed accessors for the tests. */
record Compose(String file, Map<String, Object> root) {

    static Compose load(String relative) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> root = yaml.load(RepoFiles.read(relative));
        return new Compose(relative, root);
    }

    Map<String, Object> services() {
        return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (s == null) {
            throw new AssertionError(file + " has no service " + name);
        }
        return map(s);
    }

    Map<String, Object> networks() {
        return map(root.get("networks"));
    }

    /** Network names a service joins, whether written as a list or as a map. */
    List<String> networksOf(String service) {
        Object n = service(service).get("networks");
        if (n instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (n instanceof Map<?, ?> m) {
            return m.keySet().stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The environment of a service as name -> value text, whether written as a list or a map. */
    Map<String, String> environment(String service) {
        Object e = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (e instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** depends_on of a service as name -> condition. */
    Map<String, String> dependsOn(String service) {
        Object d = service(service).get("depends_on");
        Map<String, String> out = new LinkedHashMap<>();
        if (d instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(map(v).getOrDefault("condition", "service_started"))));
        } else if (d instanceof List<?> list) {
            list.forEach(k -> out.put(String.valueOf(k), "service_started"));
        }
        return out;
    }

    List<Object> list(String service, String key) {
        Object v = service(service).get(key);
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
