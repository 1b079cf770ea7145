package io.sentinel.controller.dashboard.view;

import java.util.Optional;

/**
 * How the dashboard shows an SSID, in four visibly different ways so that none is taken for
 * another: an alert that carries no SSID at all ("—"), a hidden network (an empty or all-zero
 * SSID element: "hidden network"), a name (shown through {@link UntrustedText}), and a name the
 * access point's beacons hide but its probe responses gave away (the name, marked "via probe
 * responses").
 *
 * @param kind which of the four
 * @param text the name for {@link Kind#NAMED} and {@link Kind#FROM_PROBE_RESPONSES}, empty otherwise
 */
public record SsidView(Kind kind, UntrustedText text) {

    /** The four ways. */
    public enum Kind {
        /** The alert (a deauth flood, say) carries no SSID. */
        NONE("none", "—", "This alert carries no SSID (the frames behind it have none)"),
        /** The SSID element is empty or all zero bytes. */
        HIDDEN("hidden", "hidden network", "The access point hides its name: its SSID element is empty or all zero bytes"),
        /** The name as heard. */
        NAMED("named", "", ""),
        /** Beacons hide the name; probe responses revealed it. */
        FROM_PROBE_RESPONSES("probe_responses", "via probe responses",
                "The beacons of this access point hide its name; it was learnt from its probe responses");

        private final String wire;
        private final String label;
        private final String title;

        Kind(String wire, String label, String title) {
            this.wire = wire;
            this.label = label;
            this.title = title;
        }

        /** The value of the {@code data-ssid} attribute (tests and styles key on it). */
        public String wire() {
            return wire;
        }

        /** What is shown for NONE and HIDDEN, the marker beside the name for FROM_PROBE_RESPONSES. */
        public String label() {
            return label;
        }

        /** The explanation shown on hover. */
        public String title() {
            return title;
        }
    }

    /** The SSID an alert carries: absent is {@link Kind#NONE}, an empty or zeroed element {@link Kind#HIDDEN}. */
    public static SsidView ofAlert(Optional<String> ssid) {
        if (ssid.isEmpty()) {
            return new SsidView(Kind.NONE, UntrustedText.of(""));
        }
        return named(ssid.get(), false);
    }

    /**
     * The SSID of a network in the inventory. The inventory only holds access points, so a
     * network without a name heard is a hidden one.
     *
     * @param fromProbeResponses whether the name was learnt from probe responses while the beacons hide it
     */
    public static SsidView ofNetwork(Optional<String> ssid, boolean fromProbeResponses) {
        if (ssid.isEmpty()) {
            return new SsidView(Kind.HIDDEN, UntrustedText.of(""));
        }
        return named(ssid.get(), fromProbeResponses);
    }

    private static SsidView named(String ssid, boolean fromProbeResponses) {
        if (ssid.chars().allMatch(c -> c == 0)) {
            return new SsidView(Kind.HIDDEN, UntrustedText.of(""));
        }
        return new SsidView(fromProbeResponses ? Kind.FROM_PROBE_RESPONSES : Kind.NAMED, UntrustedText.of(ssid));
    }

    /** The name as plain text with unusual characters escaped (titles), or the label. */
    public String plain() {
        return kind == Kind.NAMED || kind == Kind.FROM_PROBE_RESPONSES ? text.visible() : kind.label();
    }
}
