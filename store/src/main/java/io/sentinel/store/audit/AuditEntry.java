package io.sentinel.store.audit;

import java.time.Instant;
import java.util.Optional;

/** One administrative action: who did what to which object, from where. */
public record AuditEntry(long id, Instant at, String actor, String action, Optional<String> target,
        Optional<String> clientIp, String detailJson) {}
