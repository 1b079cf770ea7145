package io.sentinel.controller;

import io.sentinel.store.Database;
import io.sentinel.store.testing.TestPostgres;
import io.sentinel.store.testing.TestRedis;

/**
 * Real backends for the controller tests, through the store module's fixtures: one embedded
 * PostgreSQL per JVM (a database per test class) and one Redis server per JVM.
 */
final class TestBackends {

    private static TestRedis redis;

    private TestBackends() {}

    /** A new empty database (no migrations applied). */
    static Database emptyDatabase() {
        return TestPostgres.freshDatabase();
    }

    /** A new database with every migration applied. */
    static Database migratedDatabase() {
        return TestPostgres.migratedDatabase();
    }

    /** redis://127.0.0.1:port of a Redis server shared by the tests of this JVM. */
    static synchronized String redisUrl() {
        if (redis == null) {
            redis = TestRedis.start();
            TestRedis r = redis;
            Runtime.getRuntime().addShutdownHook(new Thread(r::close));
        }
        return redis.url();
    }
}
