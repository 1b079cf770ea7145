package io.sentinel.app;

import io.sentinel.controller.config.ConfigException;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.config.DevSecrets;
import io.sentinel.controller.config.SecretRules;
import io.sentinel.store.notify.SecretBox;
import io.sentinel.worker.notify.NotifySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the worker's notification sender reads from the environment: {@code CONTROLLER_SECRET_KEY}
 * (channel secrets are sealed under a key derived from it; required and checked in prod, taken
 * from the data directory's development secrets otherwise), {@code NOTIFY_CONFIG_FILE},
 * {@code SENTINEL_EXPORT_DIR} and {@code SENTINEL_DATA_DIR}.
 */
final class NotifyEnvironment {
    static final String NOTIFY_CONFIG_FILE = "NOTIFY_CONFIG_FILE";
    static final String SENTINEL_EXPORT_DIR = "SENTINEL_EXPORT_DIR";

    private NotifyEnvironment() {}

    static boolean prod(Map<String, String> env) {
        return "prod".equalsIgnoreCase(env.getOrDefault(ControllerConfig.SENTINEL_ENV, "").strip());
    }

    static Path dataDir(Map<String, String> env) {
        return Path.of(Optional.ofNullable(env.get(ControllerConfig.SENTINEL_DATA_DIR)).filter(s -> !s.isBlank())
                .orElse("./data"));
    }

    /** The box for channel secrets; refuses a missing or weak key in prod (naming the variable, never the value). */
    static SecretBox secretBox(Map<String, String> env) {
        String name = ControllerConfig.CONTROLLER_SECRET_KEY;
        Optional<String> text = Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
        if (prod(env)) {
            if (text.isEmpty()) {
                throw new ConfigException(List.of(name + " is required when SENTINEL_ENV=prod (the worker seals and "
                        + "opens notification channel secrets with a key derived from it)"));
            }
            SecretRules.checkHexKey(text.get()).ifPresent(p -> {
                throw new ConfigException(List.of(name + " " + p));
            });
        } else if (text.isEmpty()) {
            DevSecrets dev = DevSecrets.open(dataDir(env));
            text = Optional.of(dev.getOrGenerate(name, DevSecrets::randomHexKey));
            dev.save();
        }
        SecretRules.checkHexKeyFormat(text.get()).ifPresent(p -> {
            throw new ConfigException(List.of(name + " " + p));
        });
        return SecretBox.fromControllerSecret(HexFormat.of().parseHex(text.get().toLowerCase(Locale.ROOT)));
    }

    static NotifySettings settings(Map<String, String> env) {
        Path data = dataDir(env);
        Optional<Path> file = Optional.ofNullable(env.get(NOTIFY_CONFIG_FILE)).filter(s -> !s.isBlank()).map(Path::of);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new ConfigException(List.of(NOTIFY_CONFIG_FILE + " names a file that does not exist"));
        }
        Path export = Optional.ofNullable(env.get(SENTINEL_EXPORT_DIR)).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(data.resolve("export"));
        return NotifySettings.defaults(data).withExportDir(export).withConfigFile(file)
                .withLoopbackWebhooks(!prod(env));
    }
}
