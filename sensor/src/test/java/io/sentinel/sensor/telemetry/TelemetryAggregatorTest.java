package io.sentinel.sensor.telemetry;

import static io.sentinel.testkit.SyntheticTraffic.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.capture.CaptureReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryAggregatorTest {

    static final long AP = MacAddress.parse("00:12:34:00:00:01");
    static final long CLIENT = MacAddress.parse("00:aa:bb:00:00:07");
    static final long T0 = 1_700_000_000_000_000_000L; // a multiple of 10 s
    static final long SEC = 1_000_000_000L;

    private final List<TelemetryInterval> out = new ArrayList<>();

    private static void feed(TelemetryAggregator agg, PcapBuilder p) throws Exception {
        try (CaptureReader r = CaptureReader.of(p.toByteArray())) {
            FrameDecoder d = new FrameDecoder();
            while (r.next()) agg.observe(d.decode(r.record()));
        }
    }

    private static TelemetryItem byMac(TelemetryInterval i, String mac) {
        return i.items().stream().filter(t -> t.mac().equals(mac)).findFirst().orElseThrow();
    }

    @Test
    void oneIntervalGivesOneItemPerDeviceWithCountsSignalAndNetwork() throws Exception {
        var agg = new TelemetryAggregator(10 * SEC, 100, PrivacyOptions.NONE, null, out::add);
        var p = new PcapBuilder(LINKTYPE_RADIOTAP)
                .add(T0 + SEC, withRadiotap(6, -40, beacon(AP, "home", 6, true, 1, 0)))
                .add(T0 + 2 * SEC, withRadiotap(6, -50, beacon(AP, "home", 6, true, 2, 0)))
                .add(T0 + 3 * SEC, withRadiotap(6, -60, beacon(AP, "home", 6, true, 3, 0)))
                .add(T0 + 4 * SEC, withRadiotap(6, -70, probeRequest(CLIENT, "home", 9)))
                .add(T0 + 5 * SEC, withRadiotap(6, -72, dataToAp(CLIENT, AP, 0x0102_0304_0506L, 10, 60)));
        feed(agg, p);
        assertThat(out).isEmpty(); // the interval is still open
        agg.flush();
        assertThat(out).hasSize(1);
        TelemetryInterval i = out.getFirst();
        assertThat(i.start().getEpochSecond()).isEqualTo(T0 / SEC);
        assertThat(i.items()).hasSize(2);

        TelemetryItem ap = byMac(i, "00:12:34:00:00:01");
        assertThat(ap.kind()).isEqualTo("ap");
        assertThat(ap.bssid()).isEqualTo("00:12:34:00:00:01");
        assertThat(ap.ssid()).isEqualTo("home");
        assertThat(ap.channel()).isEqualTo(6);
        assertThat(ap.freqMhz()).isEqualTo(2437);
        assertThat(ap.security()).isEqualTo("wpa2-psk");
        assertThat(ap.rssiMin()).isEqualTo(-60);
        assertThat(ap.rssiAvg()).isEqualTo(-50.0);
        assertThat(ap.rssiMax()).isEqualTo(-40);
        assertThat(ap.frames()).isEqualTo(Map.of("beacon", 3L));
        assertThat(ap.firstSeen().getEpochSecond()).isEqualTo(T0 / SEC + 1);
        assertThat(ap.lastSeen().getEpochSecond()).isEqualTo(T0 / SEC + 3);

        TelemetryItem client = byMac(i, "00:aa:bb:00:00:07");
        assertThat(client.kind()).isEqualTo("client");
        assertThat(client.bssid()).isEqualTo("00:12:34:00:00:01");
        assertThat(client.ssid()).isEqualTo("home");
        assertThat(client.frames()).isEqualTo(Map.of("probe_req", 1L, "data", 1L));
        assertThat(client.rssiMin()).isEqualTo(-72);
        assertThat(client.rssiMax()).isEqualTo(-70);
        // vendor names from the IEEE registry shipped in the wifi jar
        assertThat(ap.vendor()).isEqualTo(io.sentinel.wifi.Vendors.name(MacAddress.parse("00:12:34:00:00:01"))).isNotNull();
        // every item is valid on the wire
        i.items().forEach(t -> t.validate("item"));
    }

    @Test
    void intervalsFollowCaptureTimeNotTheWallClock() throws Exception {
        var agg = new TelemetryAggregator(10 * SEC, 100, PrivacyOptions.NONE, null, out::add);
        var p = new PcapBuilder(LINKTYPE_RADIOTAP);
        for (int s = 0; s < 35; s++) p.add(T0 + s * SEC, withRadiotap(1, -40, beacon(AP, "x", 1, false, s, 0)));
        feed(agg, p);
        assertThat(out).hasSize(3);
        agg.flush();
        assertThat(out).hasSize(4);
        assertThat(out.stream().map(i -> i.items().getFirst().frames().get("beacon")).toList()).containsExactly(10L, 10L, 10L, 5L);
        assertThat(out.get(1).start().getEpochSecond() - out.get(0).start().getEpochSecond()).isEqualTo(10);
        assertThat(out.getFirst().items().getFirst().security()).isEqualTo("open");
    }

    @Test
    void devicesBeyondTheCapAreCountedAsOverflow() throws Exception {
        var agg = new TelemetryAggregator(10 * SEC, 2, PrivacyOptions.NONE, null, out::add);
        var p = new PcapBuilder(LINKTYPE_RADIOTAP);
        for (int d = 0; d < 5; d++) {
            for (int k = 0; k < 3; k++) p.add(T0 + SEC, withRadiotap(1, -40, probeRequest(CLIENT + d, "", k)));
        }
        feed(agg, p);
        agg.flush();
        assertThat(out.getFirst().items()).hasSize(2);
        assertThat(out.getFirst().overflowFrames()).isEqualTo(9);
        assertThat(agg.totalOverflowFrames()).isEqualTo(9);
    }

    @Test
    void privacyPseudonymisesClientsOnlyAndCanHideSsids() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        var agg = new TelemetryAggregator(10 * SEC, 100, new PrivacyOptions(true, true), new MacPseudonymizer(key), out::add);
        var p = new PcapBuilder(LINKTYPE_RADIOTAP)
                .add(T0 + SEC, withRadiotap(6, -40, beacon(AP, "home", 6, true, 1, 0)))
                .add(T0 + SEC, withRadiotap(6, -70, probeRequest(CLIENT, "home", 9)));
        feed(agg, p);
        agg.flush();
        var items = out.getFirst().items();
        TelemetryItem ap = items.stream().filter(t -> t.kind().equals("ap")).findFirst().orElseThrow();
        TelemetryItem client = items.stream().filter(t -> t.kind().equals("client")).findFirst().orElseThrow();
        assertThat(ap.mac()).isEqualTo("00:12:34:00:00:01");
        assertThat(ap.ssid()).isNull();
        assertThat(client.ssid()).isNull();
        assertThat(client.mac()).isNotEqualTo("00:aa:bb:00:00:07")
                .isEqualTo(MacAddress.format(new MacPseudonymizer(key).pseudonym(CLIENT)));
        long pseudo = MacAddress.parse(client.mac());
        assertThat(MacAddress.isLocallyAdministered(pseudo)).isTrue();
        assertThat(MacAddress.isGroup(pseudo)).isFalse();
        assertThat(client.vendor()).isNull(); // the real address's vendor would narrow the pseudonym
        assertThat(ap.vendor()).isNotNull();
        client.validate("item");
    }

    @Test
    void pseudonymsDependOnTheKey() {
        byte[] a = new byte[32], b = new byte[32];
        b[0] = 1;
        assertThat(new MacPseudonymizer(a).pseudonym(CLIENT)).isEqualTo(new MacPseudonymizer(a).pseudonym(CLIENT))
                .isNotEqualTo(new MacPseudonymizer(b).pseudonym(CLIENT));
        assertThat(new MacPseudonymizer(a).pseudonym(CLIENT)).isNotEqualTo(new MacPseudonymizer(a).pseudonym(CLIENT + 1));
    }
}
