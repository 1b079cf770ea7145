package io.sentinel.store.queue;

import java.time.Instant;

/** An entry moved aside after failing too often, with the last error. */
public record DeadLetter(String id, String originalId, Envelope envelope, String error, long deliveries,
        Instant deadAt) {}
