package io.sentinel.detect;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.CaptureReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Engine incidents: grouping by the declared policy, hold across bursts, rate/burst limits, undeclared types refused. */
class AlertPolicyTest {

    /**
     * A detector that reports one finding per beacon, about the beacon's BSSID and destination. It
     * declares {@code deauth_flood} (a catalogue type, so {@code alerts.deauth_flood.*} settings apply)
     * and emits {@code type}.
     */
    static final String T = "deauth_flood";

    static final class Echo implements Detector {
        final DetectorSpec spec;
        final String type;

        Echo(String type, AlertPolicy... policies) {
            this.type = type;
            this.spec = new DetectorSpec("echo", List.of(T), Set.of(Subtype.BEACON), List.of(), "", List.of(), "test")
                    .limits(policies);
        }

        @Override public DetectorSpec spec() { return spec; }

        @Override
        public void onFrame(Frame f, long now, Findings out) {
            out.report(Finding.of(type, now).bssid(f.bssid()).target(f.destination()).channel(f.channel()));
        }
    }

    static List<Alert> run(Air air, Detector d, DetectionConfig cfg, DetectionEngine[] engineOut) throws Exception {
        List<Alert> closed = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.of(cfg, (a, p) -> {
            if (p == AlertSink.Phase.CLOSED) closed.add(a);
        }, List.of(d));
        try (CaptureReader r = CaptureReader.of(air.toPcap())) {
            FrameDecoder dec = new FrameDecoder();
            while (r.next()) engine.process(dec.decode(r.record()));
        }
        engine.flush();
        if (engineOut != null) engineOut[0] = engine;
        return closed;
    }

    static byte[] beacon(long bssid, long to, int seq) {
        return FrameBuilder.beacon().addr1(to).addr2(bssid).addr3(bssid).seq(seq).ssid("Lab").build();
    }

    @Test
    void findingsOfOneApOnManyTargetsAndChannelsAreOneIncidentListingThem() throws Exception {
        Air air = new Air();
        long[] targets = {CLIENT, CLIENT + 1, CLIENT + 2, MacAddress.BROADCAST};
        for (int i = 0; i < 40; i++) air.add(T0 + i * 100 * MS, 1 + (i % 3) * 5, -40, beacon(AP, targets[i % 4], i));
        List<Alert> grouped = run(air, new Echo(T, AlertPolicy.of(T).by(AlertPolicy.Group.BSSID)), DetectionConfig.defaults(), null);
        assertThat(grouped).hasSize(1);
        Alert a = grouped.getFirst();
        assertThat(a.count()).isEqualTo(40);
        assertThat(a.evidence().get("targets")).asList().hasSize(4);
        assertThat(a.evidence().get("channels")).asList().containsExactly(1, 6, 11);
        // the detector's own keys (the default grouping) make one alert per target
        List<Alert> perTarget = run(air, new Echo(T), DetectionConfig.defaults().with("alerts.deauth_flood.burst", 0), null);
        assertThat(perTarget).hasSize(4);
    }

    @Test
    void incidentHeldAcrossBurstsListsThemAndClosesAfterTheHold() throws Exception {
        Air air = new Air();
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 5; i++) air.add(T0 + burst * 40 * SEC + i * 10 * MS, 6, -40, beacon(AP, MacAddress.BROADCAST, i));
        }
        Echo held = new Echo(T, AlertPolicy.of(T).by(AlertPolicy.Group.BSSID).hold(60));
        List<Alert> one = run(air, held, DetectionConfig.defaults(), null);
        assertThat(one).hasSize(1);
        assertThat(one.getFirst().evidence()).containsEntry("bursts", 3);
        assertThat(one.getFirst().evidence().get("burst_starts")).asList().hasSize(3);
        List<Alert> split = run(air, held, DetectionConfig.defaults().with("alerts.deauth_flood.hold_s", 30), null);
        assertThat(split).hasSize(3);
    }

    @Test
    void pastTheBurstLimitFindingsJoinTheLatestIncidentOfTheType() throws Exception {
        Air air = new Air();
        for (int i = 0; i < 10; i++) air.add(T0 + i * 100 * MS, 6, -40, beacon(AP + i, MacAddress.BROADCAST, i));
        DetectionEngine[] e = new DetectionEngine[1];
        Echo limited = new Echo(T, AlertPolicy.of(T).by(AlertPolicy.Group.BSSID).limit(1, 2));
        List<Alert> alerts = run(air, limited, DetectionConfig.defaults(), e);
        assertThat(alerts).hasSize(2);
        Alert host = alerts.stream().filter(a -> a.evidence().containsKey("rate_limited_findings")).findFirst().orElseThrow();
        assertThat(host.evidence()).containsEntry("rate_limited_findings", 8L);
        assertThat(host.evidence().get("bssids")).asList().hasSize(9);
        assertThat(e[0].stats().rateLimitedFindings()).isEqualTo(8);
        // the limit is overridable by type name: a burst of 10 opens ten incidents
        assertThat(run(air, limited, DetectionConfig.defaults().with("alerts.deauth_flood.burst", 10), null)).hasSize(10);
    }

    @Test
    void aFindingOfATypeTheSpecDoesNotDeclareIsRefused() throws Exception {
        Air air = new Air();
        for (int i = 0; i < 5; i++) air.add(T0 + i * SEC, 6, -40, beacon(AP, MacAddress.BROADCAST, i));
        DetectionEngine[] e = new DetectionEngine[1];
        List<Alert> alerts = run(air, new Echo("beacon_flood"), DetectionConfig.defaults(), e);
        assertThat(alerts).isEmpty();
        assertThat(e[0].stats().undeclaredFindings()).isEqualTo(5);
        assertThat(e[0].stats().detectorErrors()).isEqualTo(5);
    }

    @Test
    void everyCatalogueTypeHasADeclaredPolicyAndFloodsGroupByTheAttackedAp() {
        for (Detectors.Entry en : Detectors.catalogue()) {
            assertThat(en.spec().policies()).extracting(AlertPolicy::type).containsExactlyElementsOf(en.spec().alertTypes());
        }
        for (String flood : List.of("deauth_flood", "disassoc_flood", "auth_flood", "assoc_flood", "sae_flood")) {
            assertThat(Detectors.spec(flood).policy(flood).group()).isEqualTo(AlertPolicy.Group.BSSID);
        }
        assertThat(Detectors.spec("beacon_flood").policy("beacon_flood").group()).isEqualTo(AlertPolicy.Group.TYPE);
    }

    @Test
    void alertSettingsAreCheckedByTypeAndField() {
        DetectionConfig c = DetectionConfig.fromMap(Map.of("alerts", Map.of("deauth_flood",
                Map.of("rate_per_min", 2, "burst", 1, "hold_s", 30, "group", "source"))));
        AlertPolicy p = c.policy(Detectors.spec("deauth_flood").policy("deauth_flood"));
        assertThat(p).isEqualTo(new AlertPolicy("deauth_flood", AlertPolicy.Group.SOURCE, 30, 2, 1));
        assertThatThrownBy(() -> DetectionConfig.defaults().with("alerts.deauth_fluod.burst", 1))
                .hasMessageContaining("no detector raises alert type 'deauth_fluod'");
        assertThatThrownBy(() -> DetectionConfig.defaults().with("alerts.deauth_flood.bursts", 1))
                .hasMessageContaining("unknown alert setting 'bursts'");
        assertThatThrownBy(() -> DetectionConfig.defaults().with("alerts.deauth_flood.group", "client"))
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> DetectionConfig.defaults().with("alerts.deauth_flood.burst", -1))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void oneAireplayRunAgainstOneApWithManyClientsIsOneDeauthIncident() {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 60 * SEC);
        for (int c = 0; c < 6; c++) Attacks.aireplayDeauth(air, T0 + (2 + c * 3) * SEC, ap, CLIENT + c, 2, -35);
        List<Alert> alerts = ofType(Fixtures.run(air), "deauth_flood");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().evidence().get("targets")).asList().hasSize(6);
    }
}
