package io.sentinel.controller.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Development secrets: generated once with {@link SecureRandom} and kept in
 * {@code <data dir>/secrets.properties} (mode 0600) so that restarts keep sensor keys and tokens valid.
 * Never used when {@code SENTINEL_ENV=prod}.
 */
public final class DevSecrets {

    public static final String FILE_NAME = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();
    private boolean dirty;

    private DevSecrets(Path file) {
        this.file = file;
    }

    /** Opens (or prepares to create) the secrets file of {@code dataDir}. */
    public static DevSecrets open(Path dataDir) {
        DevSecrets secrets = new DevSecrets(dataDir.resolve(FILE_NAME));
        if (Files.exists(secrets.file)) {
            try (Reader reader = Files.newBufferedReader(secrets.file, StandardCharsets.UTF_8)) {
                secrets.values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + secrets.file, e);
            }
        }
        return secrets;
    }

    /** The stored value of {@code name}, generating and remembering one when absent. */
    public String getOrGenerate(String name, Supplier<String> generator) {
        String existing = values.getProperty(name);
        if (existing != null && !existing.isBlank()) {
            return existing;
        }
        String fresh = generator.get();
        values.setProperty(name, fresh);
        dirty = true;
        return fresh;
    }

    /** Writes the file with owner-only permissions when something was generated. */
    public void save() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            StringWriter out = new StringWriter();
            values.store(out, "Sentinel development secrets, generated once. Not used when SENTINEL_ENV=prod.");
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.writeString(tmp, "");
            }
            Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** 32 random bytes as 64 lower-case hex characters. */
    public static String randomHexKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** A random URL-safe string carrying {@code bytes} bytes of entropy, with an optional prefix. */
    public static String randomToken(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
