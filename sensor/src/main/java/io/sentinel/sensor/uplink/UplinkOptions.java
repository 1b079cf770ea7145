package io.sentinel.sensor.uplink;

import java.time.Duration;

/**
 * Retry and breaker settings of the {@link Uplink}.
 *
 * @param backoffBase       first retry delay (doubles per consecutive failure, with jitter)
 * @param backoffMax        cap of the retry delay
 * @param breakerThreshold  consecutive failures that open the circuit
 * @param breakerOpenFor    how long an open circuit blocks requests before one trial
 * @param maxRetryAfter     cap on a controller's {@code Retry-After}
 * @param heartbeatInterval period of heartbeats (zero disables them)
 */
public record UplinkOptions(Duration backoffBase, Duration backoffMax, int breakerThreshold, Duration breakerOpenFor,
        Duration maxRetryAfter, Duration heartbeatInterval) {

    public static UplinkOptions defaults() {
        return new UplinkOptions(Duration.ofMillis(500), Duration.ofSeconds(60), 5, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    public UplinkOptions withHeartbeatInterval(Duration d) {
        return new UplinkOptions(backoffBase, backoffMax, breakerThreshold, breakerOpenFor, maxRetryAfter, d);
    }
}
