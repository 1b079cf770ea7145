package io.sentinel.store.network;

import java.time.Instant;
import java.util.Optional;

/** What one sensor last heard of a network, with the sensor's name. */
public record Hearing(String sensorId, Optional<String> sensorName, Optional<Integer> rssiMin, Optional<Double> rssiAvg,
        Optional<Integer> rssiMax, Instant lastSeen) {}
