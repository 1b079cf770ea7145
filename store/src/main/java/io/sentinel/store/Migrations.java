package io.sentinel.store;

import io.sentinel.store.migration.V2__Telemetry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The schema's migrations (Flyway): SQL files in {@code db/migration} plus the Java migration
 * {@link V2__Telemetry}. Nothing creates tables on start: {@code sentinel migrate} calls
 * {@link #migrate()}, readiness calls {@link #schemaStatus()}.
 */
public final class Migrations {
    private static final List<MigrationCatalog.Step> STEPS = MigrationCatalog.load();

    /** The version this build expects: the highest of its migrations (read from them, see {@link MigrationCatalog}). */
    public static final int EXPECTED_VERSION = MigrationCatalog.latestVersion(STEPS);

    /**
     * Tables without which the controller or worker cannot work, checked by readiness: every
     * table the migrations create (and no later one drops).
     */
    public static final List<String> CRITICAL_TABLES = MigrationCatalog.tablesAfterAll(STEPS);

    private final DataSource dataSource;
    private final String schema;
    private final int retentionDays;

    /** Migrations of the {@code public} schema with the default retention of 30 days. */
    public Migrations(DataSource dataSource) {
        this(dataSource, "public", 30);
    }

    /**
     * @param schema the schema that holds the tables
     * @param retentionDays {@code TELEMETRY_RETENTION_DAYS}, used by the TimescaleDB retention policy
     */
    public Migrations(DataSource dataSource, String schema, int retentionDays) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.retentionDays = retentionDays;
    }

    /** The version this build expects. */
    public static int expectedVersion() {
        return EXPECTED_VERSION;
    }

    private Flyway flyway(String baselineVersion) {
        var cfg = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration")
                .javaMigrations(new V2__Telemetry())
                .placeholders(Map.of(V2__Telemetry.RETENTION_PLACEHOLDER, Integer.toString(retentionDays)))
                .validateMigrationNaming(true)
                // versions are handed out to parallel lines of work, so a lower version may land
                // after a higher one (V6 and V8 after V9): a database already at a later version
                // still applies a lower one it lacks
                .outOfOrder(true)
                .cleanDisabled(true);
        if (baselineVersion != null) {
            cfg = cfg.baselineVersion(baselineVersion).baselineDescription("adopted by sentinel migrate baseline");
        }
        return cfg.load();
    }

    /** Applies pending migrations; returns the number applied. */
    public int migrate() {
        MigrateResult r = flyway(null).migrate();
        return r.migrationsExecuted;
    }

    /** One line per known migration: version, description, state, installed-on. */
    public List<String> info() {
        List<String> lines = new ArrayList<>();
        for (MigrationInfo mi : flyway(null).info().all()) {
            lines.add(String.format("%-8s %-34s %-10s %s",
                    mi.getVersion() == null ? "" : mi.getVersion().getVersion(),
                    mi.getDescription(),
                    mi.getState().getDisplayName(),
                    mi.getInstalledOn() == null ? "" : mi.getInstalledOn().toInstant().toString()));
        }
        return lines;
    }

    /** Validates applied migrations against this build; returns the problems (empty when valid). */
    public List<String> validate() {
        ValidateResult r = flyway(null).validateWithResult();
        List<String> problems = new ArrayList<>();
        if (!r.validationSuccessful) {
            r.invalidMigrations.forEach(m -> problems.add("migration " + m.version + " " + m.description + ": "
                    + m.errorDetails.errorMessage));
            if (problems.isEmpty() && r.errorDetails != null) {
                problems.add(r.errorDetails.errorMessage);
            }
        }
        return problems;
    }

    /** Removes failed entries from the history and realigns checksums (Flyway repair). */
    public void repair() {
        flyway(null).repair();
    }

    /**
     * Adopts a database created without migrations: checks that the tables of every migration up
     * to {@code version} exist with the columns those migrations create, then records
     * {@code version} as the baseline so that only later migrations run.
     *
     * @throws IllegalStateException naming the missing tables or columns when they do not match
     */
    public void baseline(int version) throws SQLException {
        if (version < 1 || version > EXPECTED_VERSION) {
            throw new IllegalArgumentException("baseline version must be 1.." + EXPECTED_VERSION);
        }
        if (currentVersion().isPresent()) {
            throw new IllegalStateException("the database already has a migration history (version "
                    + currentVersion().get() + "); nothing to adopt");
        }
        List<String> mismatches = compareWithMigrations(version);
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("existing tables do not match migration " + version + ": "
                    + String.join("; ", mismatches));
        }
        flyway(Integer.toString(version)).baseline();
    }

    /** The latest successfully applied version, empty when there is no history. */
    public Optional<Integer> currentVersion() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "flyway_schema_history")) {
                return Optional.empty();
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM " + quoted(schema)
                    + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
                int max = -1;
                while (rs.next()) {
                    max = Math.max(max, parseMajor(rs.getString(1)));
                }
                return max < 0 ? Optional.empty() : Optional.of(max);
            }
        }
    }

    /**
     * Readiness view of the schema: version equal to {@link #expectedVersion()}, no failed or
     * modified migration, critical tables present. Never throws for a reachable database.
     */
    public SchemaStatus schemaStatus() throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Optional<Integer> current;
        try (Connection c = dataSource.getConnection()) {
            current = currentVersion();
            boolean failed = false;
            if (exists(c, "flyway_schema_history")) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quoted(schema)
                                + ".flyway_schema_history WHERE NOT success")) {
                    rs.next();
                    failed = rs.getLong(1) > 0;
                }
            }
            if (current.isEmpty()) {
                problems.add("schema drift: expected " + EXPECTED_VERSION + ", found none (run sentinel migrate)");
            } else if (current.get() != EXPECTED_VERSION) {
                problems.add("schema drift: expected " + EXPECTED_VERSION + ", found " + current.get());
            }
            if (failed) {
                problems.add("schema drift: a migration failed (run sentinel migrate repair)");
            }
            for (String t : CRITICAL_TABLES) {
                if (!exists(c, t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("missing tables: " + String.join(", ", missing));
            }
        }
        if (problems.isEmpty()) {
            try {
                for (String p : validate()) {
                    problems.add("schema drift: " + p);
                }
            } catch (FlywayException e) {
                problems.add("schema drift: " + e.getMessage());
            }
        }
        return new SchemaStatus(EXPECTED_VERSION, current, missing, problems);
    }

    /**
     * Applies the migrations up to {@code version} into a scratch schema and compares its tables
     * and columns with this schema's; returns the differences.
     */
    List<String> compareWithMigrations(int version) throws SQLException {
        String scratch = "sentinel_baseline_check_" + Long.toHexString(System.nanoTime());
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(scratch)
                    .defaultSchema(scratch)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .javaMigrations(new V2__Telemetry())
                    .placeholders(Map.of(V2__Telemetry.RETENTION_PLACEHOLDER, Integer.toString(retentionDays)))
                    .target(Integer.toString(version))
                    .load()
                    .migrate();
            Map<String, Set<String>> expected = columns(scratch);
            Map<String, Set<String>> actual = columns(schema);
            List<String> diff = new ArrayList<>();
            for (MigrationCatalog.Step step : STEPS) {
                if (step.version() > version) {
                    break;
                }
                for (String t : step.creates()) {
                    Set<String> want = expected.getOrDefault(t, Set.of());
                    Set<String> have = actual.get(t);
                    if (have == null) {
                        diff.add("table " + t + " is missing");
                        continue;
                    }
                    Set<String> lacking = new TreeSet<>(want);
                    lacking.removeAll(have);
                    if (!lacking.isEmpty()) {
                        diff.add("table " + t + " lacks or differs in " + lacking);
                    }
                }
            }
            return diff;
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + quoted(scratch) + " CASCADE");
            }
        }
    }

    private Map<String, Set<String>> columns(String inSchema) throws SQLException {
        Map<String, Set<String>> m = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT table_name, column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = ?")) {
            ps.setString(1, inSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                            .add(rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return m;
    }

    private boolean exists(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, quoted(schema) + "." + quoted(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static int parseMajor(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
