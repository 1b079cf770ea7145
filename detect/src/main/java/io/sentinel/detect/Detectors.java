package io.sentinel.detect;

import io.sentinel.detect.flood.AssocFloodDetector;
import io.sentinel.detect.flood.AuthFloodDetector;
import io.sentinel.detect.flood.BeaconFloodDetector;
import io.sentinel.detect.flood.DeauthFloodDetector;
import io.sentinel.detect.flood.DisassocFloodDetector;
import io.sentinel.detect.flood.ProbeFloodDetector;
import io.sentinel.detect.flood.SaeFloodDetector;
import io.sentinel.detect.flood.SaeTimingProbeDetector;
import io.sentinel.detect.frag.FragAttackDetector;
import io.sentinel.detect.hostile.AttackToolDetector;
import io.sentinel.detect.hostile.JammingDetector;
import io.sentinel.detect.hostile.MalformedFrameDetector;
import io.sentinel.detect.impersonation.BeaconAnomalyDetector;
import io.sentinel.detect.impersonation.CryptoDowngradeDetector;
import io.sentinel.detect.impersonation.CsaAbuseDetector;
import io.sentinel.detect.impersonation.EvilTwinDetector;
import io.sentinel.detect.impersonation.KarmaDetector;
import io.sentinel.detect.impersonation.RogueApDetector;
import io.sentinel.detect.impersonation.SsidLookalikeDetector;
import io.sentinel.detect.keys.EapolReplayDetector;
import io.sentinel.detect.keys.PmkidHarvestDetector;
import io.sentinel.detect.keys.WeakCryptoDetector;
import io.sentinel.detect.keys.WepIvReuseDetector;
import java.util.List;
import java.util.function.Function;

/** The catalogue: every detector, listed in one place (no scanning), with its spec and constructor. */
public final class Detectors {
    private Detectors() {}

    public record Entry(DetectorSpec spec, Function<Settings, Detector> create) {}

    private static final List<Entry> CATALOGUE = List.of(
            new Entry(DeauthFloodDetector.SPEC, DeauthFloodDetector::new),
            new Entry(DisassocFloodDetector.SPEC, DisassocFloodDetector::new),
            new Entry(AuthFloodDetector.SPEC, AuthFloodDetector::new),
            new Entry(AssocFloodDetector.SPEC, AssocFloodDetector::new),
            new Entry(BeaconFloodDetector.SPEC, BeaconFloodDetector::new),
            new Entry(ProbeFloodDetector.SPEC, ProbeFloodDetector::new),
            new Entry(SaeFloodDetector.SPEC, SaeFloodDetector::new),
            new Entry(SaeTimingProbeDetector.SPEC, SaeTimingProbeDetector::new),
            new Entry(EvilTwinDetector.SPEC, EvilTwinDetector::new),
            new Entry(KarmaDetector.SPEC, KarmaDetector::new),
            new Entry(CryptoDowngradeDetector.SPEC, CryptoDowngradeDetector::new),
            new Entry(RogueApDetector.SPEC, RogueApDetector::new),
            new Entry(SsidLookalikeDetector.SPEC, SsidLookalikeDetector::new),
            new Entry(BeaconAnomalyDetector.SPEC, BeaconAnomalyDetector::new),
            new Entry(CsaAbuseDetector.SPEC, CsaAbuseDetector::new),
            new Entry(PmkidHarvestDetector.SPEC, PmkidHarvestDetector::new),
            new Entry(EapolReplayDetector.SPEC, EapolReplayDetector::new),
            new Entry(WepIvReuseDetector.SPEC, WepIvReuseDetector::new),
            new Entry(FragAttackDetector.SPEC, FragAttackDetector::new),
            new Entry(WeakCryptoDetector.SPEC, WeakCryptoDetector::new),
            new Entry(MalformedFrameDetector.SPEC, MalformedFrameDetector::new),
            new Entry(AttackToolDetector.SPEC, AttackToolDetector::new),
            new Entry(JammingDetector.SPEC, JammingDetector::new));

    public static List<Entry> catalogue() { return CATALOGUE; }

    /** The spec of the detector with this configuration name. */
    public static DetectorSpec spec(String name) {
        for (Entry e : CATALOGUE) if (e.spec().name().equals(name)) return e.spec();
        throw new IllegalArgumentException("unknown detector '" + name + "' (known: "
                + String.join(", ", CATALOGUE.stream().map(e -> e.spec().name()).toList()) + ")");
    }

    /** A new instance of one detector with default settings (tests). */
    public static Detector create(String name, DetectionConfig config) {
        for (Entry e : CATALOGUE) if (e.spec().name().equals(name)) return e.create().apply(config.settings(e.spec()));
        throw new IllegalArgumentException("unknown detector '" + name + "'");
    }
}
