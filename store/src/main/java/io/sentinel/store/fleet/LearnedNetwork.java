package io.sentinel.store.fleet;

import java.time.Instant;
import java.util.List;

/**
 * A network the sensors have heard steadily: one SSID, the BSSIDs that served it since before
 * the learning window and are still heard, their channels and security labels.
 */
public record LearnedNetwork(String ssid, List<String> bssids, List<Integer> channels, List<String> securities,
                             Instant firstSeen, Instant lastSeen, int sensors) {}
