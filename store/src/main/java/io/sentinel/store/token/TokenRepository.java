package io.sentinel.store.token;

import io.sentinel.store.Database;
import io.sentinel.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens with roles. Secrets are {@code snt_} + 64 hex characters; only their SHA-256 is
 * stored, and lookup is by that hash (an index lookup on a hash leaks nothing about the
 * secret, so no timing-safe comparison is needed beyond it).
 */
public final class TokenRepository {
    /** Id of the row that mirrors {@code API_AUTH_TOKEN}. */
    public static final String BOOTSTRAP_ID = "bootstrap";

    private static final String COLUMNS = "id, name, role, created_at, revoked_at, last_used_at";
    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public TokenRepository(Database db) {
        this.db = db;
    }

    /** Creates a token; its secret is returned here only. */
    public CreatedToken create(String name, Role role) throws SQLException {
        byte[] idBytes = new byte[6];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = "tok_" + HexFormat.of().formatHex(idBytes);
        String secret = "snt_" + HexFormat.of().formatHex(secretBytes);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (id, name, role, token_sha256) "
                        + "VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, role.wire());
            ps.setBytes(4, sha256(secret));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CreatedToken(map(rs), secret);
            }
        }
    }

    /**
     * Stores (or replaces) the hash of the bootstrap admin token {@code API_AUTH_TOKEN} under the id
     * {@value #BOOTSTRAP_ID}, so that it authenticates like any other admin token.
     */
    public void upsertBootstrap(String secret) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (id, name, role, token_sha256) "
                        + "VALUES (?, 'API_AUTH_TOKEN', 'admin', ?) ON CONFLICT (id) DO UPDATE SET token_sha256 = "
                        + "EXCLUDED.token_sha256, role = 'admin', revoked_at = NULL")) {
            ps.setString(1, BOOTSTRAP_ID);
            ps.setBytes(2, sha256(secret));
            ps.executeUpdate();
        }
    }

    /** The active token whose secret this is, marking it used; empty for unknown or revoked. */
    public Optional<ApiToken> authenticate(String secret) throws SQLException {
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return Optional.empty();
        }
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = now() "
                        + "WHERE token_sha256 = ? AND revoked_at IS NULL RETURNING " + COLUMNS)) {
            ps.setBytes(1, sha256(secret));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** All tokens, newest first (never their secrets). */
    public List<ApiToken> list() throws SQLException {
        List<ApiToken> out = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM api_tokens ORDER BY created_at DESC, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    public Optional<ApiToken> find(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Revokes a token; false when unknown or already revoked. */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** SHA-256 of the token's UTF-8 bytes. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken map(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), Role.fromWire(rs.getString("role")).orElseThrow(),
                Sql.time(rs, "created_at"), Sql.optTime(rs, "revoked_at"), Sql.optTime(rs, "last_used_at"));
    }
}
