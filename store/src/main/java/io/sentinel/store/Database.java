package io.sentinel.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A pooled connection to PostgreSQL (HikariCP). Build one from {@code DATABASE_URL} with
 * {@link #connect(String)}, or from an {@link EmbeddedDatabase}. Close it on shutdown.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final JdbcTarget target;

    private Database(JdbcTarget target, int maxPoolSize, String poolName) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(target.jdbcUrl());
        if (target.user() != null) {
            cfg.setUsername(target.user());
        }
        if (target.password() != null) {
            cfg.setPassword(target.password());
        }
        cfg.setPoolName(poolName);
        cfg.setMaximumPoolSize(maxPoolSize);
        cfg.setMinimumIdle(Math.min(2, maxPoolSize));
        cfg.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        cfg.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // start even when the database is down: callers retry, readiness reports it
        cfg.setInitializationFailTimeout(-1);
        cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
        cfg.addDataSourceProperty("ApplicationName", "sentinel");
        cfg.addDataSourceProperty("tcpKeepAlive", "true");
        this.pool = new HikariDataSource(cfg);
        this.target = target;
    }

    /** Connects to a {@code DATABASE_URL} ({@code postgresql://...} or {@code jdbc:postgresql:...}). */
    public static Database connect(String databaseUrl) {
        return connect(JdbcTarget.parse(databaseUrl), 10);
    }

    /** Connects with a pool of at most {@code maxPoolSize} connections. */
    public static Database connect(JdbcTarget target, int maxPoolSize) {
        return new Database(target, maxPoolSize, "sentinel-db");
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Borrows a connection (auto-commit on); close it to give it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public JdbcTarget target() {
        return target;
    }

    /** True when a trivial query answers within two seconds. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
