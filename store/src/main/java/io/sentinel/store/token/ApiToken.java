package io.sentinel.store.token;

import java.time.Instant;
import java.util.Optional;

/** A stored API token (its secret is kept only as a SHA-256 hash). */
public record ApiToken(String id, String name, Role role, Instant createdAt, Optional<Instant> revokedAt,
        Optional<Instant> lastUsedAt) {

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
