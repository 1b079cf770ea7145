package io.sentinel.worker.notify;

import io.sentinel.store.Database;
import io.sentinel.store.audit.AuditRepository;
import io.sentinel.store.notify.ChannelDefinition;
import io.sentinel.store.notify.InvalidNotifyConfig;
import io.sentinel.store.notify.NotifyRepository;
import io.sentinel.store.notify.RuleDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The notifications file ({@code NOTIFY_CONFIG_FILE}, YAML or JSON) for infrastructure as code:
 * {@code channels:} and {@code rules:} lists with the same objects as the API. A secret is
 * written as {@code {env: NAME}} or {@code {file: /run/secrets/x}} (a plain string works but
 * puts the secret into the file). Applying it is one transaction: every channel and rule of the
 * file is created or replaced and marked as managed by the file (the API then refuses to change
 * it, 409), and those the file managed before but no longer lists are deleted; objects created
 * through the API under other ids are left alone. One audit entry records each apply.
 */
public final class NotifyConfigFile {
    private static final long MAX_BYTES = 1 << 20;

    private NotifyConfigFile() {}

    /** What an apply did. */
    public record Applied(String sha256, int channels, int rules, List<String> removed) {}

    /** Parses and validates a file without touching the database; throws naming the offending field. */
    public static Map<String, Object> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new InvalidNotifyConfig("file", "is larger than 1 MiB");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        Object doc = new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new InvalidNotifyConfig("file", "must be a mapping with channels and rules");
        }
        for (Object k : m.keySet()) {
            if (!Set.of("channels", "rules").contains(String.valueOf(k))) {
                throw new InvalidNotifyConfig(String.valueOf(k), "unknown key (channels and rules are known)");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return typed;
    }

    public static Applied apply(Database db, NotifyRepository repo, Path file, Map<String, String> env)
            throws IOException, SQLException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, Object> doc = read(file);
        List<Map<String, Object>> channels = list(doc, "channels");
        List<Map<String, Object>> rules = list(doc, "rules");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                repo.lockFileImport(c); // one apply at a time across worker processes
                List<String> channelIds = new ArrayList<>();
                for (int i = 0; i < channels.size(); i++) {
                    Map<String, Object> raw = channels.get(i);
                    String at = "channels[" + i + "].";
                    try {
                        Map<String, Object> resolved = new LinkedHashMap<>(raw);
                        resolved.put("secrets", secrets(raw.get("secrets"), env));
                        ChannelDefinition d = ChannelDefinition.parse(resolved, Optional.empty());
                        repo.saveChannel(c, d, ChannelDefinition.secretChanges(resolved, d.settings()), "file", false);
                        channelIds.add(d.id());
                    } catch (InvalidNotifyConfig e) {
                        throw new InvalidNotifyConfig(at + e.field(), e.reason());
                    }
                }
                List<String> ruleIds = new ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    try {
                        RuleDefinition r = RuleDefinition.parse(rules.get(i), Optional.empty());
                        repo.saveRule(c, r, "file", false);
                        ruleIds.add(r.id());
                    } catch (InvalidNotifyConfig e) {
                        throw new InvalidNotifyConfig("rules[" + i + "]." + e.field(), e.reason());
                    }
                }
                List<String> removed = new ArrayList<>();
                for (String id : repo.managedByFile(c, "notify_rules")) {
                    if (!ruleIds.contains(id)) {
                        repo.deleteRule(c, id, "file");
                        removed.add("rule " + id);
                    }
                }
                for (String id : repo.managedByFile(c, "notify_channels")) {
                    if (!channelIds.contains(id)) {
                        repo.deleteChannel(c, id, "file");
                        removed.add("channel " + id);
                    }
                }
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("sha256", sha);
                detail.put("channels", channelIds);
                detail.put("rules", ruleIds);
                detail.put("removed", removed);
                new AuditRepository(db).record(c, "file:" + file.getFileName(), "notify.file.apply",
                        Optional.of(file.toString()), Optional.empty(), detail);
                c.commit();
                return new Applied(sha, channelIds.size(), ruleIds.size(), removed);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } catch (java.security.NoSuchAlgorithmException e) {
                c.rollback();
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> doc, String key) {
        Object v = doc.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || !l.stream().allMatch(Map.class::isInstance)) {
            throw new InvalidNotifyConfig(key, "must be a list of objects");
        }
        return (List<Map<String, Object>>) l;
    }

    /** Secrets with {env: NAME} and {file: PATH} references replaced by their values. */
    private static Map<String, Object> secrets(Object raw, Map<String, String> env) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidNotifyConfig("secrets", "must be an object");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (v instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("env") instanceof String var) {
                String value = env.get(var);
                if (value == null || value.isEmpty()) {
                    throw new InvalidNotifyConfig("secrets." + name, "environment variable " + var + " is not set");
                }
                out.put(name, value);
            } else if (v instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("file") instanceof String path) {
                Path p = Path.of(path);
                if (!Files.isRegularFile(p) || Files.size(p) > 65_536) {
                    throw new InvalidNotifyConfig("secrets." + name, "file " + path + " is missing or too large");
                }
                out.put(name, Files.readString(p, StandardCharsets.UTF_8).strip());
            } else if (v == null || v instanceof String) {
                out.put(name, v);
            } else {
                throw new InvalidNotifyConfig("secrets." + name, "must be a string, {env: NAME} or {file: PATH}");
            }
        }
        return out;
    }
}
