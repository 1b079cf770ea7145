package io.sentinel.controller.auth;

import io.javalin.http.Context;
import io.sentinel.controller.http.ApiException;
import io.sentinel.store.token.ApiToken;
import io.sentinel.store.token.Role;
import io.sentinel.store.token.TokenRepository;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns {@code Authorization: Bearer <token>} into a {@link Principal}. The bootstrap admin token
 * ({@code API_AUTH_TOKEN}) is compared in constant time (over SHA-256 digests, so lengths leak
 * nothing); every other token is looked up by its SHA-256 in the token table.
 */
public final class TokenAuthenticator {

    private static final String PRINCIPAL = "sentinel.principal";

    private final byte[] bootstrapDigest;
    private final TokenRepository tokens;

    public TokenAuthenticator(String bootstrapToken, TokenRepository tokens) {
        this.bootstrapDigest = TokenRepository.sha256(bootstrapToken);
        this.tokens = tokens;
    }

    /** The caller, or 401. */
    public Principal authenticate(Context ctx) throws SQLException {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        String secret = bearer(ctx).orElseThrow(() -> ApiException.unauthorized("missing bearer token"));
        byte[] digest = TokenRepository.sha256(secret);
        Principal principal;
        if (MessageDigest.isEqual(digest, bootstrapDigest)) {
            principal = new Principal(Principal.BOOTSTRAP_ID, "API_AUTH_TOKEN", Role.ADMIN, "token:bootstrap");
        } else {
            ApiToken token = tokens.authenticate(secret)
                    .orElseThrow(() -> ApiException.unauthorized("unknown or revoked token"));
            principal = new Principal(token.id(), token.name(), token.role(), "token:" + token.id());
        }
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /** The principal set by {@link #authenticate} earlier in this request. */
    public static Principal current(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route has no role; principal not authenticated");
        }
        return p;
    }

    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 8 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = h.substring(7).strip();
        return token.isEmpty() || token.length() > 256 ? Optional.empty() : Optional.of(token);
    }
}
