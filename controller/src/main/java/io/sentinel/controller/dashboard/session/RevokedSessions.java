package io.sentinel.controller.dashboard.session;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids of sessions that logged out before they expired, kept until they would have expired
 * anyway. In memory: a restart forgets them, which is why session lifetimes are short.
 */
public final class RevokedSessions {

    private static final int CAP = 100_000;
    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();

    public void revoke(SessionTokens.Session s, Instant now) {
        if (revoked.size() >= CAP) {
            revoked.values().removeIf(exp -> !now.isBefore(exp));
        }
        revoked.put(s.id(), s.expires());
    }

    public boolean isRevoked(SessionTokens.Session s) {
        return revoked.containsKey(s.id());
    }
}
