package io.sentinel.store.fleet;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** What a sensor last reported of its configuration. */
public record SensorConfigState(String sensorId, OptionalInt appliedVersion, Optional<String> result,
                                OptionalInt refusedVersion, Optional<String> error, Instant reportedAt) {}
