package io.sentinel.detect.flood;

import io.sentinel.detect.AlertPolicy;
import io.sentinel.detect.DetectorSpec;
import io.sentinel.detect.Mitre;
import io.sentinel.detect.Param;
import io.sentinel.detect.Settings;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.Subtype;
import java.util.List;
import java.util.Set;

/**
 * WPA3 SAE commit floods (Dragonblood-style denial of service, e.g. dragondrain): SAE commit
 * messages from many spoofed MACs make the AP compute expensive group operations.
 */
public final class SaeFloodDetector extends ManyClientsFloodDetector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "sae_flood", List.of("sae_flood"), Set.of(Subtype.AUTH),
            List.of(Param.count("distinct_clients", 8, "distinct MACs sending SAE commits to one BSSID in the window"),
                    Param.count("max_requests", 30, "SAE commits to one BSSID in the window"),
                    Param.seconds("window_s", 5, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 120, "forget a BSSID after this long without commits"),
                    Param.count("max_tracked", 4096, "BSSIDs tracked at most")),
            "high at 3x a threshold, medium otherwise",
            Mitre.of(Mitre.ENDPOINT_DOS),
            "SAE commit messages (authentication algorithm 3, transaction 1) to one BSSID: distinct sources and rate.")
            .limits(AlertPolicy.of("sae_flood").by(AlertPolicy.Group.BSSID).hold(180));

    public SaeFloodDetector(Settings s) { super(SPEC, s, "SAE commit"); }

    @Override
    boolean qualifies(Frame f) { return f.isSaeCommit() && f.destination() == f.bssid(); }
}
