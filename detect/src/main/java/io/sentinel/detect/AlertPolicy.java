package io.sentinel.detect;

/**
 * How the engine turns the findings of one alert type into incidents, declared beside the
 * detector in its {@link DetectorSpec} (as Kismet declares a rate and burst per alert) and
 * overridable by type name in the configuration ({@code alerts: {deauth_flood: {rate_per_min: 2}}}).
 *
 * <ul>
 *   <li>{@code group}: which entity makes two findings the same incident. A flood against one AP
 *       from many spoofed clients, on several channels, in several bursts is one attack: it is
 *       grouped by the AP, and the clients, channels and bursts are listed in the evidence.</li>
 *   <li>{@code holdSeconds}: an incident stays open this long after its last evidence, so a tool
 *       that pauses between bursts (aireplay-ng, mdk4 loops) continues the same incident.</li>
 *   <li>{@code ratePerMinute} / {@code burst}: at most {@code burst} new incidents of this type at
 *       once, refilled at {@code ratePerMinute}; past that, a finding joins the type's most recent
 *       open incident (its entities are listed there) instead of opening a new one.</li>
 * </ul>
 */
public record AlertPolicy(String type, Group group, double holdSeconds, double ratePerMinute, int burst) {

    /** What keys an incident (besides the type). */
    public enum Group {
        /** The detector's own merge key (or all entities): one incident per detector key. */
        FINDING,
        /** The AP under attack or impersonated: the BSSID, else the source, else the SSID. */
        BSSID,
        /** The transmitter (the attacker's address): the source, else the BSSID. */
        SOURCE,
        /** The network name, else the BSSID. */
        SSID,
        /** One incident of this type per sensor stream (e.g. a beacon flood of random BSSIDs). */
        TYPE
    }

    public static final double DEFAULT_RATE_PER_MIN = 10;
    public static final int DEFAULT_BURST = 3;

    public AlertPolicy {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("alert type must be named");
        if (group == null) throw new IllegalArgumentException(type + ": group must be set");
        if (holdSeconds < 0 || ratePerMinute < 0 || burst < 0) throw new IllegalArgumentException(type + ": negative limit");
    }

    /** The default for a type no detector declared a policy for: detector keys, the engine's quiet gap, 10/min burst 3. */
    public static AlertPolicy of(String type) {
        return new AlertPolicy(type, Group.FINDING, 0, DEFAULT_RATE_PER_MIN, DEFAULT_BURST);
    }

    public AlertPolicy by(Group g) { return new AlertPolicy(type, g, holdSeconds, ratePerMinute, burst); }

    /** Hold open after the last evidence (0: the engine's quiet gap). */
    public AlertPolicy hold(double seconds) { return new AlertPolicy(type, group, seconds, ratePerMinute, burst); }

    public AlertPolicy limit(double perMinute, int burstSize) { return new AlertPolicy(type, group, holdSeconds, perMinute, burstSize); }
}
