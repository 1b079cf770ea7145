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

/** Authentication floods (mdk4 a): open-system authentication requests from many, often random, MACs to one AP. */
public final class AuthFloodDetector extends ManyClientsFloodDetector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "auth_flood", List.of("auth_flood"), Set.of(Subtype.AUTH),
            List.of(Param.count("distinct_clients", 20, "distinct client MACs sending authentication requests to one BSSID in the window"),
                    Param.count("max_requests", 100, "authentication requests to one BSSID in the window, whatever their sources"),
                    Param.seconds("window_s", 5, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 120, "forget a BSSID after this long without requests"),
                    Param.count("max_tracked", 4096, "BSSIDs tracked at most")),
            "high at 3x a threshold, medium otherwise",
            Mitre.of(Mitre.ENDPOINT_DOS),
            "Authentication requests (transaction 1, non-SAE) to one BSSID: distinct sources and rate.")
            .limits(AlertPolicy.of("auth_flood").by(AlertPolicy.Group.BSSID).hold(180));

    public AuthFloodDetector(Settings s) { super(SPEC, s, "Authentication"); }

    @Override
    boolean qualifies(Frame f) {
        return f.authSequence() == 1 && f.authAlgorithm() != 3 && f.destination() == f.bssid();
    }
}
