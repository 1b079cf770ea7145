package io.sentinel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.MutableCaptureRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A configuration change in the middle of a capture keeps what the detectors know where it can. */
class EngineReconfigureTest {

    static final long SEC = 1_000_000_000L, MS = 1_000_000L;
    static final long T0 = 1_768_467_600L * SEC;
    static final long AP = MacAddress.parse("00:1a:1e:10:00:01");
    static final long TWIN = MacAddress.parse("02:13:37:00:00:01");

    /** Every alert snapshot the engine emitted, with its phase. */
    record Event(Alert alert, AlertSink.Phase phase) {}

    private final List<Event> events = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private final MutableCaptureRecord record = new MutableCaptureRecord();
    private long n;

    private DetectionEngine engine(DetectionConfig c) { return DetectionEngine.create(c, (a, p) -> events.add(new Event(a, p))); }

    private void feed(DetectionEngine e, long t, byte[] frame) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(frame.length);
            MemorySegment.copy(frame, 0, seg, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, frame.length);
            e.process(decoder.decode(record.set(n++, t, FrameDecoder.LINKTYPE_IEEE802_11, 0, seg, 0, frame.length, frame.length, 0)));
        }
    }

    private static byte[] deauth(int seq) {
        return FrameBuilder.deauth().ap(AP).destination(MacAddress.BROADCAST).reason(7).seq(seq).build();
    }

    private static byte[] beacon(long bssid, int channel, String ssid) {
        return FrameBuilder.beacon().ap(bssid).ssid(ssid).rates().channel(channel).rsn(Rsn.wpa2Psk()).build();
    }

    private List<Alert> of(String type, AlertSink.Phase phase) {
        return events.stream().filter(e -> e.alert().type().equals(type) && e.phase() == phase).map(Event::alert).toList();
    }

    @Test
    void aFloodHalfSeenBeforeAnUnrelatedChangeIsStillDetected() {
        DetectionEngine e = engine(DetectionConfig.defaults());
        for (int i = 0; i < 6; i++) feed(e, T0 + i * 20 * MS, deauth(i));   // 6 of the 10 frames needed
        int kept = e.reconfigure(DetectionConfig.defaults().with("beacon_flood.threshold", 200)
                .withMonitored(List.of(new MonitoredNetwork("CorpNet", Set.of(AP), Set.of(6), "wpa2-psk"))));
        for (int i = 6; i < 12; i++) feed(e, T0 + i * 20 * MS, deauth(i));
        e.flush();

        // rebuilt: beacon_flood (its threshold), rogue_ap and ssid_lookalike (they match on the monitored networks)
        assertThat(kept).as("unchanged detectors keep their state").isEqualTo(e.detectors().size() - 3);
        assertThat(of("deauth_flood", AlertSink.Phase.OPENED)).hasSize(1);

        // the same frames with a rebuilt engine after the change: the first six are forgotten
        events.clear();
        DetectionEngine fresh = engine(DetectionConfig.defaults());
        for (int i = 6; i < 12; i++) feed(fresh, T0 + i * 20 * MS, deauth(i));
        fresh.flush();
        assertThat(of("deauth_flood", AlertSink.Phase.OPENED)).isEmpty();
    }

    @Test
    void anAttackAcrossAThresholdChangeStaysOneIncidentWithOneId() {
        DetectionEngine e = engine(DetectionConfig.defaults());
        for (int i = 0; i < 40; i++) feed(e, T0 + i * 10 * MS, deauth(i));
        assertThat(of("deauth_flood", AlertSink.Phase.OPENED)).hasSize(1);
        String id = of("deauth_flood", AlertSink.Phase.OPENED).getFirst().id();

        e.reconfigure(DetectionConfig.defaults().with("deauth_flood.threshold", 5));   // the detector itself is rebuilt
        assertThat(of("deauth_flood", AlertSink.Phase.CLOSED)).as("the open incident is not closed by the change").isEmpty();
        for (int i = 40; i < 80; i++) feed(e, T0 + i * 10 * MS, deauth(i));
        e.flush();

        assertThat(of("deauth_flood", AlertSink.Phase.OPENED)).hasSize(1);
        List<Alert> closed = of("deauth_flood", AlertSink.Phase.CLOSED);
        assertThat(closed).hasSize(1);
        assertThat(closed.getFirst().id()).isEqualTo(id);
        assertThat(closed.getFirst().count()).as("evidence from both sides of the change").isGreaterThan(40);
    }

    @Test
    void switchingADetectorOffClosesItsOpenAlertsAtOnce() {
        DetectionEngine e = engine(DetectionConfig.defaults());
        for (int i = 0; i < 40; i++) feed(e, T0 + i * 10 * MS, deauth(i));
        assertThat(e.stats().alertsOpen()).isEqualTo(1);

        e.reconfigure(DetectionConfig.defaults().with("deauth_flood.enabled", false));
        assertThat(of("deauth_flood", AlertSink.Phase.CLOSED)).hasSize(1);
        assertThat(e.stats().alertsOpen()).isZero();
        assertThat(e.detectors()).extracting(DetectorSpec::name).doesNotContain("deauth_flood");

        for (int i = 40; i < 80; i++) feed(e, T0 + i * 10 * MS, deauth(i));
        e.flush();
        assertThat(of("deauth_flood", AlertSink.Phase.OPENED)).hasSize(1);
    }

    @Test
    void aMonitoredNetworkAddedLaterMakesTheTwinAnAlertWhileBaselinesStay() {
        DetectionEngine e = engine(DetectionConfig.defaults());
        for (int i = 0; i < 30; i++) feed(e, T0 + i * 102 * MS, beacon(AP, 6, "CorpNet"));
        int kept = e.reconfigure(DetectionConfig.defaults()
                .withMonitored(List.of(new MonitoredNetwork("CorpNet", Set.of(AP), Set.of(6), "wpa2-psk"))));
        assertThat(kept).as("all but rogue_ap and ssid_lookalike, evil_twin's baselines among them").isEqualTo(e.detectors().size() - 2);

        long t = T0 + 30 * 102 * MS;
        for (int i = 0; i < 10; i++) {
            feed(e, t + i * 102 * MS, beacon(AP, 6, "CorpNet"));
            feed(e, t + i * 102 * MS + 7 * MS, beacon(TWIN, 6, "CorpNet"));
        }
        e.flush();
        List<Alert> rogue = of("evil_twin", AlertSink.Phase.OPENED);
        assertThat(rogue).hasSize(1);
        assertThat(rogue.getFirst().bssid()).isEqualTo(MacAddress.format(TWIN));
    }

    @Test
    void policiesAndEngineSettingsChangeInPlace() {
        DetectionEngine e = engine(DetectionConfig.defaults());
        assertThat(e.policy("deauth_flood").burst()).isNotEqualTo(1);
        e.reconfigure(DetectionConfig.defaults().with("alerts.deauth_flood.burst", 1).with("engine.max_open_alerts", 5));
        assertThat(e.policy("deauth_flood").burst()).isEqualTo(1);
    }
}
