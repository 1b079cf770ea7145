package io.sentinel.controller.dashboard;

import io.javalin.Javalin;
import io.sentinel.store.Database;
import io.sentinel.store.EmbeddedDatabase;
import io.sentinel.store.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * A real dashboard for tests: embedded PostgreSQL in a temp directory migrated with the store's
 * Flyway migrations, and Javalin on an ephemeral loopback port with the dashboard's routes.
 */
final class DashboardServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    static final byte[] SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    final Path dir;
    final EmbeddedDatabase postgres;
    final Database db;
    final Javalin app;
    final DashboardRoutes.Dashboard dashboard;

    private DashboardServer(Path dir, EmbeddedDatabase postgres, Database db, Javalin app, DashboardRoutes.Dashboard dashboard) {
        this.dir = dir;
        this.postgres = postgres;
        this.db = db;
        this.app = app;
        this.dashboard = dashboard;
    }

    static DashboardServer start() {
        return start(b -> b);
    }

    static DashboardServer start(UnaryOperator<DashboardDeps.Builder> customise) {
        quietLogs();
        try {
            Path dir = Files.createTempDirectory("dash-test");
            EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"));
            Database db = pg.connect();
            new Migrations(db.dataSource()).migrate();
            DashboardDeps deps = customise.apply(DashboardDeps.builder(db, SECRET, PASSWORD)
                    .clock(Clock.systemUTC())
                    .liveInterval(Duration.ofMillis(300))
                    .enroller(new TestEnroller(db.dataSource()))).build();
            DashboardRoutes.Dashboard[] holder = new DashboardRoutes.Dashboard[1];
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                holder[0] = DashboardRoutes.register(cfg, deps);
            }).start("127.0.0.1", 0);
            return new DashboardServer(dir, pg, db, app, holder[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without a logback-test.xml logback logs everything at DEBUG, which slows these tests down. */
    static void quietLogs() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        dashboard.close();
        app.stop();
        db.close();
        postgres.close();
    }
}
