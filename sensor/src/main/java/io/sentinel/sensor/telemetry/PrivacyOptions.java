package io.sentinel.sensor.telemetry;

/**
 * What the telemetry leaving the sensor may reveal. Detection always sees the real values;
 * these options apply only to the aggregated telemetry items.
 *
 * @param pseudonymizeClients client MACs are replaced by {@link MacPseudonymizer} pseudonyms
 * @param hideSsids           SSIDs are left out of every item (the networks' BSSIDs remain)
 */
public record PrivacyOptions(boolean pseudonymizeClients, boolean hideSsids) {
    public static final PrivacyOptions NONE = new PrivacyOptions(false, false);
}
