package io.sentinel.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC conversions shared by the repositories: the one treatment of time columns
 * ({@code timestamptz} read and bound as UTC {@link OffsetDateTime}), absent values as Optional,
 * and the read queries of the dashboard's read repositories.
 */
public final class Sql {
    /** Seconds a read query may take before the database cancels it (a page shows 503 instead of hanging). */
    public static final int READ_TIMEOUT_SECONDS = 10;

    private Sql() {}

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a read query with its parameters bound by position ({@link #bind}) and maps every row.
     * Each call borrows one connection from the pool.
     */
    public static <T> List<T> list(Database db, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (java.sql.Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(READ_TIMEOUT_SECONDS);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    /** The first row of a read query, empty when there is none. */
    public static <T> Optional<T> one(Database db, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = list(db, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** A single number (a count), 0 when the query returns no row or null. */
    public static long count(Database db, String sql, Object... params) throws SQLException {
        return one(db, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /**
     * Binds parameters by position: an {@link Instant} as a UTC timestamptz, a {@code String[]} as
     * a {@code text[]}, anything else through {@link PreparedStatement#setObject}.
     */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                setTime(ps, i + 1, t);
            } else if (p instanceof String[] a) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", a));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** {@link #bind(PreparedStatement, Object...)} from a list. */
    public static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        bind(ps, params.toArray());
    }

    public static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    public static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Optional<Instant> optTime(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(time(rs, column));
    }

    public static Optional<String> optString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    public static Optional<Integer> optInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    /** A {@code real} or {@code double precision} column; a {@code real} keeps its shortest decimal form (-61.3, not -61.29999923706055). */
    public static Optional<Double> optDouble(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(v instanceof Float f ? Double.parseDouble(Float.toString(f)) : ((Number) v).doubleValue());
    }

    /** A {@code text[]} column as a list, empty when null. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    public static void setString(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    public static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    /** A {@code LIKE}/{@code ILIKE} pattern (with {@code ESCAPE '\\'}) matching values that contain {@code text} literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Clamps a page size to 1..max, {@code fallback} when absent or zero. */
    public static int limit(int requested, int fallback, int max) {
        if (requested <= 0) {
            return fallback;
        }
        return Math.min(requested, max);
    }
}
