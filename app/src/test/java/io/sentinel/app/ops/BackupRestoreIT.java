package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ops/backup/backup.sh and restore.sh against a real PostgreSQL 15. */
class BackupRestoreIT {

    private static LocalPostgres pg;
    private static Map<String, String> env;

    @BeforeAll
    static void start() {
        assumeTrue(LocalPostgres.available(), "needs Debian's postgresql-15 binaries");
        pg = LocalPostgres.start();
        env = new HashMap<>();
        env.put("PATH", LocalPostgres.BIN + ":" + System.getenv("PATH"));
        env.put("PG_DUMP", LocalPostgres.BIN.resolve("pg_dump").toString());
        env.put("PG_RESTORE", LocalPostgres.BIN.resolve("pg_restore").toString());
        env.put("PSQL", LocalPostgres.BIN.resolve("psql").toString());
        env.put("DATABASE_URL", "");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void backupThenDamageThenRestoreGivesTheDataBack() throws Exception {
        pg.sql("postgres", "CREATE DATABASE ops_main");
        seed("ops_main");
        Path dir = RepoFiles.scratch("backups");

        Processes.Result backup = script("backup.sh", "--url", pg.url("ops_main"), "--dir", dir.toString(), "--keep", "3");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        Path dump = Path.of(backup.output().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(dump.getFileName().toString()).matches("sentinel-ops_main-\\d{8}T\\d{6}Z\\.dump");
        assertThat(dump.getParent()).isEqualTo(dir);
        byte[] head = Files.readAllBytes(dump);
        assertThat(new String(head, 0, 5)).isEqualTo("PGDMP"); // custom format
        // compressed: the 2,000 repetitive rows take far less than their text
        assertThat(head.length).isLessThan(40_000);

        // damage: rows lost, a table dropped, a row changed
        pg.sql("ops_main", "DELETE FROM alerts WHERE severity = 'high'; DROP TABLE sensors CASCADE; UPDATE alerts SET summary = 'tampered'");

        Processes.Result refused = script("restore.sh", "--file", dump.toString(), "--db", "ops_main", "--url", pg.url("postgres"));
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.output()).contains("--yes");
        assertThat(pg.sql("ops_main", "SELECT count(*) FROM alerts WHERE summary = 'tampered'")).isNotEqualTo("0");

        Processes.Result restore = script("restore.sh", "--file", dump.toString(), "--db", "ops_main", "--url", pg.url("postgres"), "--yes");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(pg.sql("ops_main", "SELECT count(*) FROM alerts")).isEqualTo("2000");
        assertThat(pg.sql("ops_main", "SELECT count(*) FROM alerts WHERE severity = 'high'")).isEqualTo("500");
        assertThat(pg.sql("ops_main", "SELECT count(*) FROM alerts WHERE summary = 'tampered'")).isEqualTo("0");
        assertThat(pg.sql("ops_main", "SELECT name FROM sensors ORDER BY sensor_id")).isEqualTo("roof\nlobby");
        assertThat(pg.sql("ops_main", "SELECT evidence->>'rate' FROM alerts WHERE id = 7")).isEqualTo("7.5");
        // the sequence continues after the restored rows
        assertThat(pg.sql("ops_main", "INSERT INTO alerts (severity, summary, evidence) VALUES ('low', 'new', '{}') RETURNING id"))
                .startsWith("2001");
    }

    @Test
    void restoresIntoAnotherNamedDatabaseCreatedOnRequest() throws Exception {
        pg.sql("postgres", "CREATE DATABASE ops_source");
        seed("ops_source");
        Path dir = RepoFiles.scratch("backups");
        Processes.Result backup = script("backup.sh", "--url", pg.url("ops_source"), "--dir", dir.toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        String dump = backup.output().strip();

        Processes.Result missing = script("restore.sh", "--file", dump, "--db", "ops_copy", "--url", pg.url("postgres"), "--yes");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("does not exist");

        Processes.Result restore = script("restore.sh", "--file", dump, "--db", "ops_copy", "--url", pg.url("ops_source"),
                "--create", "--yes");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(pg.sql("ops_copy", "SELECT count(*), sum(id) FROM alerts")).isEqualTo(pg.sql("ops_source", "SELECT count(*), sum(id) FROM alerts"));
    }

    @Test
    void keepsOnlyTheNewestBackupsOfThatDatabase() throws Exception {
        pg.sql("postgres", "CREATE DATABASE ops_keep");
        Path dir = RepoFiles.scratch("backups");
        for (String old : List.of("20240101T000000Z", "20240102T000000Z", "20240103T000000Z", "20240104T000000Z")) {
            Files.writeString(dir.resolve("sentinel-ops_keep-" + old + ".dump"), "old");
        }
        Files.writeString(dir.resolve("sentinel-otherdb-20200101T000000Z.dump"), "other database");
        Files.writeString(dir.resolve("notes.txt"), "not a backup");

        Processes.Result backup = script("backup.sh", "--url", pg.url("ops_keep"), "--dir", dir.toString(), "--keep", "3");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(5)
                    .contains("sentinel-ops_keep-20240104T000000Z.dump", "sentinel-ops_keep-20240103T000000Z.dump",
                            "sentinel-otherdb-20200101T000000Z.dump", "notes.txt")
                    .doesNotContain("sentinel-ops_keep-20240101T000000Z.dump", "sentinel-ops_keep-20240102T000000Z.dump");
        }
    }

    @Test
    void aFailedDumpLeavesNoBackupBehindAndDeletesNothing() throws Exception {
        Path dir = RepoFiles.scratch("backups");
        Files.writeString(dir.resolve("sentinel-ops_main-20240101T000000Z.dump"), "old");
        String wrongPassword = pg.url("ops_main").replace(LocalPostgres.PASSWORD, "wrong-password");
        Processes.Result backup = script("backup.sh", "--url", wrongPassword, "--dir", dir.toString(), "--keep", "1");
        assertThat(backup.exitCode()).isNotZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("sentinel-ops_main-20240101T000000Z.dump");
        }
    }

    private static void seed(String db) {
        pg.sql(db, """
                CREATE TABLE sensors (sensor_id text PRIMARY KEY, name text NOT NULL);
                CREATE TABLE alerts (
                    id bigserial PRIMARY KEY,
                    sensor_id text REFERENCES sensors(sensor_id),
                    severity text NOT NULL,
                    summary text NOT NULL,
                    evidence jsonb NOT NULL);
                CREATE INDEX alerts_severity ON alerts (severity);
                INSERT INTO sensors VALUES ('s-01', 'roof'), ('s-02', 'lobby');
                INSERT INTO alerts (sensor_id, severity, summary, evidence)
                  SELECT CASE WHEN g % 2 = 0 THEN 's-01' ELSE 's-02' END,
                         (ARRAY['low','medium','high','critical'])[1 + g % 4],
                         'deauth flood against aa:bb:cc:dd:ee:' || lpad(to_hex(g % 256), 2, '0'),
                         jsonb_build_object('rate', g + 0.5, 'window_s', 10)
                  FROM generate_series(1, 2000) AS g;
                """);
    }

    private static Processes.Result script(String name, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", RepoFiles.path("ops/backup/" + name).toString()));
        cmd.addAll(List.of(args));
        return Processes.run(cmd, null, env, 120);
    }
}
