package io.sentinel.store.fleet;

import java.time.Instant;
import java.util.Optional;

/** A BSSID the inventory has seen serving an SSID (as text), for the observed-vs-expected view. */
public record ObservedBss(String bssid, String ssid, Optional<Integer> channel, Optional<String> security,
                          Optional<String> vendor, Instant firstSeen, Instant lastSeen, int sensors) {}
