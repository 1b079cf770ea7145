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

/** Association floods: (re)association requests from many client MACs to one AP, filling its station table. */
public final class AssocFloodDetector extends ManyClientsFloodDetector {

    public static final DetectorSpec SPEC = new DetectorSpec(
            "assoc_flood", List.of("assoc_flood"), Set.of(Subtype.ASSOC_REQ, Subtype.REASSOC_REQ),
            List.of(Param.count("distinct_clients", 20, "distinct client MACs sending (re)association requests to one BSSID in the window"),
                    Param.count("max_requests", 100, "(re)association requests to one BSSID in the window, whatever their sources"),
                    Param.seconds("window_s", 5, "counting window (tumbling)"),
                    Param.seconds("state_ttl_s", 120, "forget a BSSID after this long without requests"),
                    Param.count("max_tracked", 4096, "BSSIDs tracked at most")),
            "high at 3x a threshold, medium otherwise",
            Mitre.of(Mitre.ENDPOINT_DOS),
            "(Re)association requests to one BSSID: distinct sources and rate.")
            .limits(AlertPolicy.of("assoc_flood").by(AlertPolicy.Group.BSSID).hold(180));

    public AssocFloodDetector(Settings s) { super(SPEC, s, "Association"); }

    @Override
    boolean qualifies(Frame f) { return f.destination() == f.bssid(); }
}
