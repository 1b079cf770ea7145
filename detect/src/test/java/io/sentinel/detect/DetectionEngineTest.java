package io.sentinel.detect;

import static io.sentinel.detect.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.testkit.Attacks;
import io.sentinel.detect.scenario.Replay;
import io.sentinel.testkit.SampleCapture;
import io.sentinel.detect.scenario.Scenarios;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.ByteRecord;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.CaptureReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

    record Event(Alert alert, AlertSink.Phase phase) {}

    static List<Event> events(byte[] pcap, DetectionConfig cfg, int batch, long pauseMillis) throws Exception {
        List<Event> out = new ArrayList<>();
        DetectionEngine engine = DetectionEngine.create(cfg, (a, p) -> out.add(new Event(a, p)));
        try (CaptureReader r = CaptureReader.of(pcap)) {
            FrameDecoder d = new FrameDecoder();
            int n = 0;
            while (r.next()) {
                engine.process(d.decode(r.record()));
                if (++n % batch == 0 && pauseMillis > 0) Thread.sleep(pauseMillis);
            }
        }
        engine.flush();
        return out;
    }

    static Air deauthTwice(long gapSeconds) {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + (20 + gapSeconds) * SEC);
        Attacks.aireplayDeauth(air, T0 + 2 * SEC, ap, MacAddress.BROADCAST, 3, -35);
        Attacks.aireplayDeauth(air, T0 + (5 + gapSeconds) * SEC, ap, MacAddress.BROADCAST, 3, -35);
        return air;
    }

    @Test
    void sameCaptureGivesSameAlertsWithSameIdsOnEveryRun() {
        byte[] pcap = SampleCapture.air(Scenarios.START).toPcap();
        List<String> first = Replay.alerts(pcap, DetectionConfig.defaults()).stream().map(Alert::toString).toList();
        List<String> second = Replay.alerts(pcap, DetectionConfig.defaults()).stream().map(Alert::toString).toList();
        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void alertsDoNotDependOnReplaySpeedOrBatching() throws Exception {
        byte[] pcap = SampleCapture.air(Scenarios.START).toPcap();
        List<Event> fast = events(pcap, DetectionConfig.defaults(), Integer.MAX_VALUE, 0);
        List<Event> slow = events(pcap, DetectionConfig.defaults(), 5000, 20);
        assertThat(slow.stream().map(e -> e.phase() + " " + e.alert().toString()).toList())
                .isEqualTo(fast.stream().map(e -> e.phase() + " " + e.alert().toString()).toList());
    }

    @Test
    void sampleCaptureRaisesItsFiveAttacks() {
        List<Alert> alerts = Replay.alerts(SampleCapture.air(Scenarios.START).toPcap(), DetectionConfig.defaults());
        assertThat(alerts).extracting(Alert::type).containsExactlyInAnyOrder(
                "deauth_flood", "evil_twin", "beacon_flood", "pmkid_harvest", "attack_tool");
    }

    @Test
    void repeatsWithinTheQuietGapGrowOneAlert() {
        List<Alert> alerts = run(deauthTwice(30));
        Alert a = single(alerts, "deauth_flood");
        assertThat(a.count()).isEqualTo(6 * 64);
        assertThat(a.firstSeenNanos()).isEqualTo(T0 + 2 * SEC);
        assertThat(a.lastSeenNanos()).isGreaterThan(T0 + 35 * SEC);
    }

    @Test
    void attackRestartingAfterTheQuietGapIsANewAlertWithANewId() {
        // deauth_flood declares a hold of 180 s: a pause of 90 s continues the incident, one of 240 s does not
        List<Alert> alerts = ofType(run(deauthTwice(240)), "deauth_flood");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).id()).isNotEqualTo(alerts.get(1).id());
        assertThat(alerts).allSatisfy(a -> assertThat(a.count()).isEqualTo(3 * 64));
        List<Alert> paused = ofType(run(deauthTwice(90)), "deauth_flood");
        assertThat(paused).hasSize(1);
        assertThat(paused.getFirst().count()).isEqualTo(6 * 64);
        assertThat(paused.getFirst().evidence()).containsEntry("bursts", 2);
        // the hold is overridable by type name
        List<Alert> shortHold = ofType(run(deauthTwice(90), DetectionConfig.defaults().with("alerts.deauth_flood.hold_s", 60)), "deauth_flood");
        assertThat(shortHold).hasSize(2);
    }

    @Test
    void sinkGetsOpenedThrottledUpdatesAndOneFinalSnapshotWithTheSameId() throws Exception {
        AccessPoint ap = officeAp();
        Air air = new Air();
        ap.beaconFor(air, T0, T0 + 40 * SEC);
        Attacks.aireplayDeauth(air, T0 + 2 * SEC, ap, MacAddress.BROADCAST, 30, -35);
        List<Event> ev = events(air.toPcap(), DetectionConfig.defaults().with("engine.update_interval_s", 5), Integer.MAX_VALUE, 0);
        assertThat(ev).extracting(e -> e.alert().id()).containsOnly(ev.getFirst().alert().id());
        assertThat(ev.getFirst().phase()).isEqualTo(AlertSink.Phase.OPENED);
        assertThat(ev.getLast().phase()).isEqualTo(AlertSink.Phase.CLOSED);
        assertThat(ev.getLast().alert().count()).isEqualTo(30 * 64);
        List<Event> updates = ev.stream().filter(e -> e.phase() == AlertSink.Phase.UPDATED).toList();
        assertThat(updates).hasSizeBetween(4, 6); // 30 s of attack, at most one update per 5 s of capture time
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i).alert().lastSeenNanos() - updates.get(i - 1).alert().lastSeenNanos()).isGreaterThanOrEqualTo(5 * SEC);
        }
    }

    @Test
    void floodOfAMillionRandomMacsKeepsStateBounded() {
        DetectionEngine engine = DetectionEngine.create(DetectionConfig.defaults(), AlertSink.discard());
        FrameDecoder decoder = new FrameDecoder();
        byte[] beacon = FrameBuilder.beacon().ap(AP).ssid("x".repeat(12)).rates().channel(6).build();
        byte[] auth = FrameBuilder.auth().bssid(AP).source(CLIENT).destination(AP).authAlgorithm(0).authSeq(1).build();
        byte[] probe = FrameBuilder.probeRequest().source(CLIENT).ssid("probe-xxxxxx").rates().build();
        Random r = new Random(7);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 1_000_000; i++) {
            long mac = r.nextLong() & 0xFEFF_FFFF_FFFFL;
            byte[] f = switch (i % 3) { case 0 -> beacon; case 1 -> auth; default -> probe; };
            int at = f == beacon ? 10 : 10; // transmitter (addr2); beacons also carry the BSSID in addr3
            for (int k = 0; k < 6; k++) f[at + k] = (byte) (mac >>> (40 - 8 * k));
            if (f == beacon) for (int k = 0; k < 6; k++) f[16 + k] = f[10 + k];
            if (f == probe) { f[36] = (byte) ('a' + (i % 26)); f[37] = (byte) ('a' + (i / 26 % 26)); }
            engine.process(decoder.decode(new ByteRecord(f, 105, i + 1, T0 + i * 100_000L, 0)));
        }
        engine.flush();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        DetectionEngine.Stats s = engine.stats();
        assertThat(s.frames()).isEqualTo(1_000_000);
        long caps = 0;
        for (Detectors.Entry e : Detectors.catalogue()) {
            for (Param p : e.spec().params()) if (p.name().startsWith("max_")) caps += p.defaultValue().longValue();
        }
        assertThat(s.stateEntries()).isLessThanOrEqualTo(caps);
        assertThat(after - before).as("heap growth").isLessThan(256L * 1024 * 1024);
        assertThat(s.alertsOpen()).isZero();
    }

    @Test
    void configurationOverridesAreCheckedByName() {
        assertThatThrownBy(() -> DetectionConfig.defaults().with("deauth_flood.treshold", 5))
                .hasMessageContaining("deauth_flood has no parameter 'treshold'").hasMessageContaining("threshold");
        assertThatThrownBy(() -> DetectionConfig.defaults().with("deauth.threshold", 5)).hasMessageContaining("unknown detector 'deauth'");
        assertThatThrownBy(() -> DetectionConfig.defaults().with("deauth_flood.threshold", "many")).hasMessageContaining("must be a number");
        DetectionConfig c = DetectionConfig.fromMap(Map.of(
                "engine", Map.of("quiet_gap_s", 5),
                "detectors", Map.of("deauth_flood", Map.of("threshold", 30, "window_s", 1.5), "jamming", Map.of("enabled", false)),
                "beacon_flood.threshold", 99,
                "monitored_networks", List.of(Map.of("ssid", "Office", "bssids", List.of("00:1A:1E:10:00:01"), "channels", List.of(6)))));
        assertThat(c.quietGapNanos()).isEqualTo(5 * SEC);
        assertThat(c.settings(Detectors.spec("deauth_flood")).count("threshold")).isEqualTo(30);
        assertThat(c.settings(Detectors.spec("deauth_flood")).nanos("window_s")).isEqualTo(1_500_000_000L);
        assertThat(c.settings(Detectors.spec("beacon_flood")).count("threshold")).isEqualTo(99);
        assertThat(c.enabled("jamming")).isFalse();
        assertThat(c.monitored()).singleElement().satisfies(n -> assertThat(n.authorizes(AP)).isTrue());
        DetectionEngine e = DetectionEngine.create(c, AlertSink.discard());
        assertThat(e.detectors()).extracting(DetectorSpec::name).doesNotContain("jamming").contains("deauth_flood");
    }

    @Test
    void everyDetectorDeclaresTypesParametersAndMitreIds() {
        assertThat(Detectors.catalogue()).hasSize(23);
        assertThat(Detectors.catalogue().stream().flatMap(e -> e.spec().alertTypes().stream()).distinct().toList()).containsExactlyInAnyOrder(
                "deauth_flood", "disassoc_flood", "auth_flood", "assoc_flood", "beacon_flood", "probe_flood", "evil_twin", "karma",
                "pmkid_harvest", "eapol_replay", "rogue_ap", "crypto_downgrade", "weak_crypto", "wep_iv_reuse", "ssid_lookalike",
                "attack_tool", "malformed_frame", "jamming", "beacon_anomaly", "sae_flood", "csa_abuse", "frag_attack", "sae_timing_probe");
        assertThat(Detectors.spec("rogue_ap").alertTypes()).as("an unauthorised BSSID of a monitored network is a twin")
                .containsExactly("rogue_ap", "evil_twin");
        assertThat(Detectors.spec("rogue_ap").policy("evil_twin")).isEqualTo(Detectors.spec("evil_twin").policy("evil_twin"));
        for (Detectors.Entry e : Detectors.catalogue()) {
            assertThat(e.spec().params()).as(e.spec().name()).isNotEmpty();
            assertThat(e.spec().mitre()).as(e.spec().name()).isNotEmpty().allMatch(id -> id.matches("T\\d{4}(\\.\\d{3})?"));
        }
    }
}
