package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.store.testing.TestPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static void exec(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = MigrationsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void migrationsApplyFromAnEmptyDatabaseAndReachTheExpectedVersion() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            Migrations m = new Migrations(db.dataSource());
            SchemaStatus before = m.schemaStatus();
            assertThat(before.ready()).isFalse();
            assertThat(before.problems()).anyMatch(p -> p.startsWith("schema drift: expected " + Migrations.expectedVersion() + ", found none"));

            int known = m.info().size(); // every migration of this build, pending ones included
            assertThat(known).isGreaterThanOrEqualTo(5);
            assertThat(m.migrate()).isEqualTo(known);
            SchemaStatus after = m.schemaStatus();
            assertThat(after.problems()).isEmpty();
            assertThat(after.currentVersion()).contains(Migrations.expectedVersion());
            assertThat(m.validate()).isEmpty();
            assertThat(m.migrate()).as("second run applies nothing").isZero();
            assertThat(m.info()).hasSize(known).allMatch(l -> l.contains("Success"));

            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT value FROM sentinel_meta WHERE key = 'telemetry_storage'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("native");
            }
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 'telemetry'::regclass")) {
                rs.next();
                assertThat(rs.getInt(1)).as("default + yesterday..today+7").isEqualTo(1 + 9);
            }
        }
    }

    @Test
    void driftIsDetectedForAnOldVersionAMissingTableAndAnEditedMigration() throws Exception {
        try (Database db = TestPostgres.migratedDatabase()) {
            Migrations m = new Migrations(db.dataSource());
            exec(db, "DELETE FROM flyway_schema_history WHERE version::int > 2");
            assertThat(m.schemaStatus().problems()).contains("schema drift: expected " + Migrations.expectedVersion() + ", found 2");

            exec(db, "DROP TABLE alert_history");
            SchemaStatus s = m.schemaStatus();
            assertThat(s.missingTables()).containsExactly("alert_history");
            assertThat(s.problems()).contains("missing tables: alert_history");
        }
        try (Database db = TestPostgres.migratedDatabase()) {
            Migrations m = new Migrations(db.dataSource());
            exec(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
            SchemaStatus s = m.schemaStatus();
            assertThat(s.ready()).isFalse();
            assertThat(s.problems()).anyMatch(p -> p.startsWith("schema drift:") && p.contains("1"));
            m.repair();
            assertThat(m.schemaStatus().ready()).as("repair realigns the checksum").isTrue();
        }
    }

    @Test
    void baselineAdoptsAnExistingSchemaCreatedWithoutMigrations() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            // a database whose V1 tables were created by hand, without Flyway
            exec(db, resource("/db/migration/V1__sensors_tokens_audit.sql"));
            exec(db, "INSERT INTO sensors (id) VALUES ('kept')");
            Migrations m = new Migrations(db.dataSource());
            int known = m.info().size();
            m.baseline(1);
            assertThat(m.currentVersion()).contains(1);
            assertThat(m.migrate()).isEqualTo(known - 1);
            assertThat(m.schemaStatus().ready()).isTrue();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM sensors")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
            assertThatThrownBy(() -> m.baseline(3)).hasMessageContaining("already has a migration history");
        }
    }

    @Test
    void baselineRefusesTablesThatDoNotMatch() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            exec(db, resource("/db/migration/V1__sensors_tokens_audit.sql"));
            exec(db, "ALTER TABLE api_tokens DROP COLUMN last_used_at");
            Migrations m = new Migrations(db.dataSource());
            assertThatThrownBy(() -> m.baseline(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("api_tokens").hasMessageContaining("last_used_at");
            assertThatThrownBy(() -> m.baseline(4)).hasMessageContaining("table telemetry is missing");
            assertThat(m.currentVersion()).isEmpty();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.schemata "
                            + "WHERE schema_name LIKE 'sentinel_baseline_check%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("scratch schema removed").isZero();
            }
        }
    }
}
