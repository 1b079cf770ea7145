package io.sentinel.store.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Cursor;
import io.sentinel.store.Database;
import io.sentinel.store.Page;
import io.sentinel.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit log of administrative actions (append-only), newest first. */
public final class AuditRepository {
    private final Database db;

    public AuditRepository(Database db) {
        this.db = db;
    }

    /**
     * Appends an entry. {@code detail} must not contain secrets.
     *
     * @param actor the token id or user that acted
     * @param action e.g. {@code sensor.enroll}, {@code alert.ack}
     */
    public void record(String actor, String action, Optional<String> target, Optional<String> clientIp,
            Map<String, ?> detail) throws SQLException {
        try (Connection c = db.connection()) {
            record(c, actor, action, target, clientIp, detail);
        }
    }

    /** {@link #record} on the caller's connection (to commit it with the action it describes). */
    public void record(Connection c, String actor, String action, Optional<String> target, Optional<String> clientIp,
            Map<String, ?> detail) throws SQLException {
        insert(c, Optional.empty(), actor, action, target, clientIp, detail);
    }

    /**
     * {@link #record} on the caller's connection, stamped {@code at} (the time of the action it
     * describes, from the caller's clock) instead of the database's {@code now()}.
     */
    public void record(Connection c, Instant at, String actor, String action, Optional<String> target,
            Optional<String> clientIp, Map<String, ?> detail) throws SQLException {
        insert(c, Optional.of(at), actor, action, target, clientIp, detail);
    }

    private static void insert(Connection c, Optional<Instant> at, String actor, String action, Optional<String> target,
            Optional<String> clientIp, Map<String, ?> detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, action, target, client_ip, detail) "
                + "VALUES (coalesce(?, now()), ?, ?, ?, ?, ?::jsonb)")) {
            Sql.setTime(ps, 1, at.orElse(null));
            ps.setString(2, actor);
            ps.setString(3, action);
            Sql.setString(ps, 4, target.orElse(null));
            Sql.setString(ps, 5, clientIp.orElse(null));
            ps.setString(6, json(detail));
            ps.executeUpdate();
        }
    }

    /** A page of entries, newest first. */
    public Page<AuditEntry> list(int limit, Optional<String> cursor) throws SQLException {
        int n = Sql.limit(limit, 100, 1000);
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, client_ip, detail::text AS detail "
                + "FROM audit_log");
        Optional<Cursor> after = cursor.map(Cursor::decode);
        if (after.isPresent()) {
            sql.append(" WHERE (at, id) < (?, ?)");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (after.isPresent()) {
                Sql.setTime(ps, i++, after.get().time());
                ps.setLong(i++, Long.parseLong(after.get().key()));
            }
            ps.setInt(i, n + 1);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong("id"), Sql.time(rs, "at"), rs.getString("actor"),
                            rs.getString("action"), Sql.optString(rs, "target"), Sql.optString(rs, "client_ip"),
                            rs.getString("detail")));
                }
            }
            Optional<String> next = Optional.empty();
            if (out.size() > n) {
                out = out.subList(0, n);
                AuditEntry last = out.get(n - 1);
                next = Optional.of(new Cursor(last.at(), Long.toString(last.id())).encode());
            }
            return new Page<>(out, next);
        }
    }

    private static String json(Map<String, ?> detail) {
        try {
            return Wire.mapper().writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
    }
}
