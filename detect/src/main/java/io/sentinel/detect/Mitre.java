package io.sentinel.detect;

import java.util.List;

/** The MITRE ATT&CK (Enterprise) techniques Sentinel's alerts map to; see docs/detections.md. */
public final class Mitre {
    private Mitre() {}

    /** Network Denial of Service. */
    public static final String NETWORK_DOS = "T1498";
    /** Endpoint Denial of Service. */
    public static final String ENDPOINT_DOS = "T1499";
    /** Adversary-in-the-Middle. */
    public static final String AITM = "T1557";
    /** Brute Force: Password Cracking. */
    public static final String PASSWORD_CRACKING = "T1110.002";
    /** Network Sniffing. */
    public static final String SNIFFING = "T1040";
    /** Active Scanning. */
    public static final String ACTIVE_SCANNING = "T1595";
    /** Impair Defenses: Downgrade Attack. */
    public static final String DOWNGRADE = "T1562.010";
    /** Exploitation for Client Execution. */
    public static final String CLIENT_EXPLOITATION = "T1203";

    public static List<String> of(String... ids) { return List.of(ids); }
}
