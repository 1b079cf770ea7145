package io.sentinel.store.fleet;

import io.sentinel.protocol.fleet.FleetDocument;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One saved version of the fleet configuration. */
public record FleetVersion(int version, FleetDocument document, Instant createdAt, String createdBy,
                           Optional<String> comment, OptionalInt rollbackOf) {}
