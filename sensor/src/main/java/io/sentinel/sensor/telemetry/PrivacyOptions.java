package io.sentinel.sensor.telemetry;

/**
 * What the telemetry leaving the sensor may reveal. Detection always sees the real values;
 * these options apply only to the aggregated telemetry items.
 *
 * @param pseudonymizeClients client MACs are replaced by {@link MacPseudonymizer} pseudonyms
 * @param hideSsids           SSIDs are left out of every item (the networks' BSSIDs remain)
 * @param hideProbedSsids     the SSIDs clients probe for or join are left out of client items
 */
public record PrivacyOptions(boolean pseudonymizeClients, boolean hideSsids, boolean hideProbedSsids) {
    public static final PrivacyOptions NONE = new PrivacyOptions(false, false, false);

    public PrivacyOptions(boolean pseudonymizeClients, boolean hideSsids) {
        this(pseudonymizeClients, hideSsids, false);
    }
}
