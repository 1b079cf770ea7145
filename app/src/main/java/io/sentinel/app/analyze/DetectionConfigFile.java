package io.sentinel.app.analyze;

import io.sentinel.detect.DetectionConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads the detection configuration YAML file (structure in docs/analyze.md) into a {@link DetectionConfig}. */
public final class DetectionConfigFile {
    private DetectionConfigFile() {}

    /** The configuration is unusable; the message names the file and the problem. */
    public static final class InvalidConfigException extends Exception {
        public InvalidConfigException(String message) { super(message); }
    }

    @SuppressWarnings("unchecked")
    public static DetectionConfig load(Path file) throws InvalidConfigException {
        Object doc;
        try (Reader r = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new InvalidConfigException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null) return DetectionConfig.defaults();
        if (!(doc instanceof Map<?, ?> m)) throw new InvalidConfigException(file + ": the top level must be a mapping");
        try {
            return DetectionConfig.fromMap((Map<String, ?>) m);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidConfigException(file + ": " + e.getMessage());
        }
    }
}
