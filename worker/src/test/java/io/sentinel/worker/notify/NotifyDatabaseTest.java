package io.sentinel.worker.notify;

import io.sentinel.store.Database;
import io.sentinel.store.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A migrated PostgreSQL per test class, emptied before each test, with a fresh {@link NotifyFixture}. */
abstract class NotifyDatabaseTest {
    static Database db;
    @TempDir
    Path tmp;
    NotifyFixture fx;

    @BeforeAll
    static void database() {
        db = TestPostgres.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void freshFixture() {
        TestPostgres.truncateAll(db);
        fx = new NotifyFixture(db, tmp.resolve("export"));
    }
}
