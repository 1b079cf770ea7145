package io.sentinel.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.store.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Managed databases give the application an owner role, not a superuser: migrations must still apply. */
class LeastPrivilegeMigrationTest {

    @Test
    void migrationsApplyAsANonSuperuserDatabaseOwner() throws Exception {
        EmbeddedDatabase server = TestPostgres.server();
        String db = "lp" + ProcessHandle.current().pid();
        try (Database admin = Database.connect(server.target(), 1);
                Connection c = admin.connection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE sentinel_app LOGIN PASSWORD 'app-password-for-test' NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE DATABASE " + db + " OWNER sentinel_app");
        }
        String url = "postgresql://sentinel_app:app-password-for-test@127.0.0.1:" + server.port() + "/" + db;
        try (Database app = Database.connect(url)) {
            try (Connection c = app.connection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the test must really run as a non-superuser").isFalse();
            }
            Migrations migrations = new Migrations(app.dataSource());
            migrations.migrate();
            assertThat(migrations.schemaStatus().ready()).as(migrations.schemaStatus().toString()).isTrue();
        }
    }
}
