package io.sentinel.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset pagination, newest first, shared by the API's list queries: optional filters (each a
 * condition with one bound parameter), the position after a {@link Cursor}, ordering by
 * {@code (time DESC, key DESC)} and one row more than the page, so the next cursor is given only
 * when another page follows. Every value is bound, never spliced into the SQL; the column names
 * and conditions are the caller's constants.
 */
public final class Keyset {
    private final String timeColumn;
    private final String keyColumn;
    private final String keyCast;
    private final StringBuilder where = new StringBuilder(" WHERE true");
    private final List<Object> args = new ArrayList<>();

    private Keyset(String timeColumn, String keyColumn, String keyCast) {
        this.timeColumn = timeColumn;
        this.keyColumn = keyColumn;
        this.keyCast = keyCast;
    }

    /**
     * @param keyCast appended to the key's placeholder ({@code "::macaddr"}, or {@code ""})
     */
    public static Keyset newestFirst(String timeColumn, String keyColumn, String keyCast) {
        return new Keyset(timeColumn, keyColumn, keyCast);
    }

    /** Adds {@code AND condition} with {@code value} bound to its one {@code ?}, when present. */
    public Keyset filter(Optional<?> value, String condition) {
        value.ifPresent(v -> {
            where.append(" AND ").append(condition);
            args.add(v);
        });
        return this;
    }

    /**
     * Continues after {@code cursor} when present; {@code key} turns the cursor's key into the key
     * column's value (a malformed one throws {@link IllegalArgumentException}, answered 400).
     */
    public Keyset after(Optional<String> cursor, Function<String, Object> key) {
        if (cursor.isPresent()) {
            Cursor c = Cursor.decode(cursor.get());
            Object k;
            try {
                k = key.apply(c.key());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor");
            }
            where.append(" AND (").append(timeColumn).append(", ").append(keyColumn).append(") < (?, ?")
                    .append(keyCast).append(')');
            args.add(c.time());
            args.add(k);
        }
        return this;
    }

    /**
     * Runs {@code select} (columns and {@code FROM}, no {@code WHERE}) with the filters on
     * {@code c} and returns one page of at most {@code limit} rows.
     *
     * @param cursorOf the cursor of a row: its time and key, as ordered
     */
    public <T> Page<T> page(Connection c, String select, int limit, Sql.RowMapper<T> map, Function<T, Cursor> cursorOf)
            throws SQLException {
        String sql = select + where + " ORDER BY " + timeColumn + " DESC, " + keyColumn + " DESC LIMIT ?";
        List<Object> bound = new ArrayList<>(args);
        bound.add(limit + 1);
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, bound);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map.map(rs));
                }
            }
        }
        Optional<String> next = Optional.empty();
        if (out.size() > limit) {
            out = new ArrayList<>(out.subList(0, limit));
            next = Optional.of(cursorOf.apply(out.get(limit - 1)).encode());
        }
        return new Page<>(out, next);
    }

    /** {@link #page(Connection, String, int, Sql.RowMapper, Function)} on a connection of its own. */
    public <T> Page<T> page(Database db, String select, int limit, Sql.RowMapper<T> map, Function<T, Cursor> cursorOf)
            throws SQLException {
        try (Connection c = db.connection()) {
            return page(c, select, limit, map, cursorOf);
        }
    }
}
