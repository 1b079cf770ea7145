package io.sentinel.controller.dashboard.networks;

import io.sentinel.controller.dashboard.view.SsidView;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.store.network.Network;
import java.util.Optional;

/** One network as the inventory shows it: the stored network, its SSID as {@link SsidView}, its vendor as untrusted text. */
public record NetworkRow(Network network, SsidView ssid, UntrustedText vendor) {

    public static NetworkRow of(Network n) {
        return new NetworkRow(n, SsidView.ofNetwork(n.ssid(), n.hidden()), UntrustedText.of(n.vendor().orElse("")));
    }

    /** Sensors that hear it. */
    public int sensors() {
        return network.sensors().size();
    }

    /** The strongest average signal any sensor hears. */
    public Optional<Double> bestRssi() {
        return network.sensors().stream().flatMap(s -> s.rssiAvg().stream()).max(Double::compare);
    }
}
