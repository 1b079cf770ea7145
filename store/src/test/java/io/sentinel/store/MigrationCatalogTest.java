package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema expectations read from the migrations are what the migrations do to a real database. */
class MigrationCatalogTest {

    @Test
    void theExpectedVersionAndTablesAreWhatMigratingProduces() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            new Migrations(db.dataSource()).migrate();
            List<String> tables = new ArrayList<>();
            long latest;
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                           AND c.relname <> 'flyway_schema_history'""")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT max(version::int) FROM flyway_schema_history WHERE success")) {
                    rs.next();
                    latest = rs.getLong(1);
                }
            }
            assertThat(Migrations.CRITICAL_TABLES).containsExactlyInAnyOrderElementsOf(tables);
            assertThat(Migrations.EXPECTED_VERSION).isEqualTo(latest);
            assertThat(new Migrations(db.dataSource()).schemaStatus().ready()).isTrue();
        }
    }

    @Test
    void partitionsAndDynamicTablesAreNotExpectations() {
        List<MigrationCatalog.Step> steps = MigrationCatalog.load();
        assertThat(steps).extracting(MigrationCatalog.Step::version).isSorted().doesNotHaveDuplicates().contains(1, 2);
        assertThat(MigrationCatalog.tablesAfterAll(steps)).contains("telemetry", "sentinel_meta", "alerts")
                .doesNotContain("telemetry_default");
    }
}
