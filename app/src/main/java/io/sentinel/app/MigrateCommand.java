package io.sentinel.app;

import io.sentinel.store.Migrations;
import io.sentinel.store.OpenDatabase;
import io.sentinel.store.SchemaStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel migrate}: applies the Flyway migrations (the deployment's {@code migration}
 * service runs it before controller and worker start). Subcommands inspect and repair. Uses
 * {@code DATABASE_URL}, or the embedded database in development when it is unset.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {"Apply database migrations (DATABASE_URL, or the embedded database outside prod).",
            "Exits non-zero with a message when anything fails."},
        subcommands = {
            MigrateCommand.Info.class,
            MigrateCommand.Validate.class,
            MigrateCommand.Baseline.class,
            MigrateCommand.Repair.class
        })
public final class MigrateCommand implements Callable<Integer> {

    /** Exit code for a failed migration or check. */
    static final int EXIT_FAILED = 1;

    interface Action {
        int run(Migrations m) throws Exception;
    }

    /** Opens the database, runs {@code action}, and maps failures to a one-line message and exit code. */
    static int withMigrations(String name, Action action) {
        Map<String, String> env = System.getenv();
        int retention;
        try {
            String r = env.get("TELEMETRY_RETENTION_DAYS");
            retention = r == null || r.isBlank() ? 30 : Integer.parseInt(r.strip());
            if (retention < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            System.err.println("sentinel " + name + ": TELEMETRY_RETENTION_DAYS must be a whole number of days >= 1");
            return Sentinel.EXIT_CONFIG;
        }
        try (OpenDatabase open = OpenDatabase.fromEnvironment(env)) {
            if (!open.database().isReachable()) {
                System.err.println("sentinel " + name + ": cannot connect to the database at "
                        + open.database().target().jdbcUrl().replaceAll("\\?.*", ""));
                return EXIT_FAILED;
            }
            return action.run(new Migrations(open.database().dataSource(), "public", retention));
        } catch (OpenDatabase.ConfigurationException e) {
            System.err.println("sentinel " + name + ": " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        } catch (FlywayException | IllegalStateException | IllegalArgumentException e) {
            System.err.println("sentinel " + name + ": " + firstLine(e.getMessage()));
            return EXIT_FAILED;
        } catch (Exception e) {
            System.err.println("sentinel " + name + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            return EXIT_FAILED;
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "failed";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    @Override
    public Integer call() {
        return withMigrations("migrate", m -> {
            int applied = m.migrate();
            SchemaStatus s = m.schemaStatus();
            System.out.println("applied " + applied + " migration(s); schema at version "
                    + s.currentVersion().map(String::valueOf).orElse("none") + " (expected "
                    + Migrations.expectedVersion() + ")");
            if (!s.ready()) {
                s.problems().forEach(p -> System.err.println("sentinel migrate: " + p));
                return EXIT_FAILED;
            }
            return 0;
        });
    }

    /** {@code sentinel migrate info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "List migrations and their state.")
    static final class Info implements Callable<Integer> {
        @Override
        public Integer call() {
            return withMigrations("migrate info", m -> {
                List<String> lines = m.info();
                System.out.printf("%-8s %-34s %-10s %s%n", "version", "description", "state", "installed on");
                lines.forEach(System.out::println);
                SchemaStatus s = m.schemaStatus();
                System.out.println("expected version " + Migrations.expectedVersion() + ", current "
                        + s.currentVersion().map(String::valueOf).orElse("none")
                        + (s.ready() ? " (ready)" : " (not ready: " + String.join("; ", s.problems()) + ")"));
                return 0;
            });
        }
    }

    /** {@code sentinel migrate validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check applied migrations against this build; non-zero on drift.")
    static final class Validate implements Callable<Integer> {
        @Override
        public Integer call() {
            return withMigrations("migrate validate", m -> {
                SchemaStatus s = m.schemaStatus();
                if (s.ready()) {
                    System.out.println("schema valid at version " + Migrations.expectedVersion());
                    return 0;
                }
                s.problems().forEach(p -> System.err.println("sentinel migrate validate: " + p));
                return EXIT_FAILED;
            });
        }
    }

    /** {@code sentinel migrate baseline --version V}. */
    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = {"Adopt a database created without migrations: check that its tables match those of",
                "migrations 1..V, then record V as applied so that only later migrations run."})
    static final class Baseline implements Callable<Integer> {
        @Option(names = "--version", required = true, paramLabel = "V", description = "the version the existing schema is at")
        int version;

        @Override
        public Integer call() {
            return withMigrations("migrate baseline", m -> {
                m.baseline(version);
                System.out.println("baselined at version " + version + "; run sentinel migrate to apply the rest");
                return 0;
            });
        }
    }

    /** {@code sentinel migrate repair}. */
    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Remove failed migration entries and realign checksums (Flyway repair).")
    static final class Repair implements Callable<Integer> {
        @Override
        public Integer call() {
            return withMigrations("migrate repair", m -> {
                m.repair();
                System.out.println("repaired the migration history");
                return 0;
            });
        }
    }
}
