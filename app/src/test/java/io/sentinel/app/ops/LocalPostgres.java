package io.sentinel.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway PostgreSQL 15 cluster from Debian's binaries, in a temp directory, on a loopback
 * port, with password (SCRAM) authentication. PostgreSQL refuses to run as root, so when the
 * tests are root the server runs as {@code nobody} through runuser.
 */
final class LocalPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime()) + "-Qx7";

    private final Path base;
    final int port;

    private LocalPostgres(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_dump"))
                && (!isRoot() || Files.isExecutable(Path.of("/usr/sbin/runuser")));
    }

    static LocalPostgres start() {
        try {
            Path base = Files.createTempDirectory("sentinel-pg");
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path pwfile = base.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n");
            Files.createDirectories(base.resolve("sock"));
            if (isRoot()) {
                check(Processes.run(List.of("chown", "-R", "nobody", base.toString()), null, Map.of(), 30), "chown");
            }
            int port = EdgeNginx.freePort();
            LocalPostgres pg = new LocalPostgres(base, port);
            pg.asServerUser(60, BIN.resolve("initdb").toString(), "-D", base.resolve("data").toString(), "-U", "postgres",
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync");
            pg.asServerUser(60, BIN.resolve("pg_ctl").toString(), "-D", base.resolve("data").toString(), "-w", "-t", "30",
                    "-l", base.resolve("server.log").toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + base.resolve("sock") + " -c fsync=off",
                    "start");
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A postgresql:// URL with the superuser's password, for {@code database}. */
    String url(String database) {
        return "postgresql://postgres:" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL with psql and returns its unaligned, tuples-only output. */
    String sql(String database, String sql) {
        Processes.Result r = Processes.run(List.of(BIN.resolve("psql").toString(), "--no-password", "-v", "ON_ERROR_STOP=1",
                "-tA", "--dbname=" + url(database), "-c", sql), null, Map.of(), 60);
        check(r, "psql " + sql);
        return r.output().strip();
    }

    private void asServerUser(int timeoutSeconds, String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        }
        full.addAll(List.of(command));
        check(Processes.run(full, base, Map.of(), timeoutSeconds), String.join(" ", command));
    }

    @Override
    public void close() {
        try {
            asServerUser(60, BIN.resolve("pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            Processes.run(List.of("rm", "-rf", base.toString()), null, Map.of(), 60);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void check(Processes.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (" + r.exitCode() + "):\n" + r.output());
        }
    }
}
