package io.sentinel.store.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the telemetry table: a TimescaleDB hypertable with compression and retention when
 * the {@code timescaledb} extension can be loaded, native daily range partitions otherwise.
 * Both scripts live beside the SQL migrations ({@code db/telemetry/*.sql}); the checksum
 * covers both so that editing either one is reported as drift.
 */
public final class V2__Telemetry extends BaseJavaMigration {
    /** Flyway placeholder holding the retention in days. */
    public static final String RETENTION_PLACEHOLDER = "telemetry_retention_days";

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean timescale = timescaleAvailable(c);
        String retention = context.getConfiguration().getPlaceholders().getOrDefault(RETENTION_PLACEHOLDER, "30");
        if (!retention.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("TELEMETRY_RETENTION_DAYS must be a whole number of days");
        }
        String sql = script(timescale ? "timescale.sql" : "native.sql").replace("${" + RETENTION_PLACEHOLDER + "}",
                retention);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(script("native.sql").getBytes(StandardCharsets.UTF_8));
        crc.update(script("timescale.sql").getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public String getDescription() {
        return "telemetry";
    }

    /**
     * True when the server has TimescaleDB installed and preloaded (as its docker image does).
     * Reads {@code pg_settings} rather than {@code current_setting}: a least-privilege user may not
     * read {@code shared_preload_libraries}, and then an extension already created in this
     * database is the evidence.
     */
    public static boolean timescaleAvailable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'),"
                        + " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'),"
                        + " (SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return true;
            }
            String preload = rs.getString(3);
            return rs.getBoolean(2) && preload != null && preload.contains("timescaledb");
        }
    }

    static String script(String name) {
        try (InputStream in = V2__Telemetry.class.getResourceAsStream("/db/telemetry/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource db/telemetry/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
