package io.sentinel.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The database a process uses, chosen from the environment: {@code DATABASE_URL} when set;
 * otherwise, outside production, the embedded PostgreSQL in {@code $SENTINEL_DATA_DIR/postgres}
 * (started here and stopped on {@link #close()}). Only one process at a time can own the
 * embedded database; {@code sentinel up} runs everything in one process for that reason.
 */
public record OpenDatabase(Database database, Optional<EmbeddedDatabase> embedded) implements AutoCloseable {

    /** Thrown when the environment does not allow choosing a database (exit code 78). */
    public static final class ConfigurationException extends IllegalStateException {
        public ConfigurationException(String message) {
            super(message);
        }
    }

    /** Opens the database the environment names (see the class comment). */
    public static OpenDatabase fromEnvironment(Map<String, String> env) {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            try {
                return new OpenDatabase(Database.connect(url), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
        if ("prod".equals(env.get("SENTINEL_ENV"))) {
            throw new ConfigurationException("DATABASE_URL is required when SENTINEL_ENV=prod");
        }
        String dataDir = env.get("SENTINEL_DATA_DIR");
        Path dir = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir).resolve("postgres");
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir);
        return new OpenDatabase(pg.connect(), Optional.of(pg));
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
    }
}
