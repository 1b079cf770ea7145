package io.sentinel.detect.flood;

import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Settings;
import io.sentinel.wifi.Subtype;
import java.util.List;
import java.util.Set;

/** Disassociation floods (mdk4 d, scripted scapy attacks): many unprotected disassoc frames per BSSID and target. */
public final class DisassocFloodDetector extends TeardownFloodDetector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "disassoc_flood", List.of("disassoc_flood"), Set.of(Subtype.DISASSOC, Subtype.BEACON, Subtype.PROBE_RESP),
            List.of(Param.count("threshold", 10, "unprotected disassociation frames (retransmissions excluded) per BSSID and target"),
                    Param.seconds("window_s", 2, "the threshold frames must fall within this window"),
                    Param.count("spoofed_threshold", 5, "disassociation frames to one client, claiming the AP but contradicted by its own frames, in spoofed_window_s"),
                    Param.seconds("spoofed_window_s", 10, "window of the spoofed-source (low-rate targeted) rule"),
                    Param.seconds("state_ttl_s", 60, "forget a BSSID/target pair after this long without disassociations"),
                    Param.count("max_tracked", 16384, "BSSID/target pairs tracked at most (least recent evicted)")),
            "high for broadcast targets or rates above 3x the threshold, medium otherwise; one step higher on a monitored BSSID",
            Mitre.of(Mitre.NETWORK_DOS),
            "Counts disassociation frames per (BSSID, target) pair, both directions merged.")
            .limits(AlertPolicy.of("disassoc_flood").by(AlertPolicy.Group.BSSID).hold(180));

    public DisassocFloodDetector(Settings s) { super(SPEC, s, "disassociation"); }
}
