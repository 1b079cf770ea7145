package io.sentinel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.testkit.AccessPoint;
import io.sentinel.testkit.Air;
import io.sentinel.detect.scenario.Replay;
import io.sentinel.wifi.MacAddress;
import java.util.List;

/** Shared test vocabulary: a capture start, a few devices, and replay helpers. */
public final class Fixtures {
    private Fixtures() {}

    public static final long SEC = 1_000_000_000L, MS = 1_000_000L;
    public static final long T0 = 1_768_467_600L * SEC;

    public static final long AP = MacAddress.parse("00:1a:1e:10:00:01");
    public static final long AP2 = MacAddress.parse("00:1a:1e:10:00:02");
    public static final long CLIENT = MacAddress.parse("8c:85:90:3a:12:4e");
    public static final long ATTACKER = MacAddress.parse("00:c0:ca:95:1e:77");

    public static AccessPoint officeAp() { return AccessPoint.wpa2(AP, "Office", 6, -55).bootedAt(T0 - 3600 * SEC); }

    public static List<Alert> run(Air air) { return Replay.alerts(air, DetectionConfig.defaults()); }

    public static List<Alert> run(Air air, DetectionConfig cfg) { return Replay.alerts(air, cfg); }

    public static List<Alert> ofType(List<Alert> alerts, String type) {
        return alerts.stream().filter(a -> a.type().equals(type)).toList();
    }

    /** Exactly one alert of that type, returned. */
    public static Alert single(List<Alert> alerts, String type) {
        List<Alert> l = ofType(alerts, type);
        assertThat(l).as("alerts of type %s in %s", type, alerts.stream().map(Alert::toString).toList()).hasSize(1);
        return l.getFirst();
    }

    public static void none(List<Alert> alerts, String type) {
        assertThat(ofType(alerts, type)).as("alerts of type %s", type).isEmpty();
    }

    public static String mac(long m) { return MacAddress.format(m); }
}
