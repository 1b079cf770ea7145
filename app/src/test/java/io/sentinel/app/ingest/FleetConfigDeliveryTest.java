package io.sentinel.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.fleet.FleetDocument;
import io.sentinel.protocol.fleet.MonitoredNetworkSpec;
import io.sentinel.protocol.fleet.Profile;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.sensor.config.FleetConfigAgent;
import io.sentinel.sensor.evidence.EvidenceOptions;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.sensor.uplink.UplinkOptions;
import io.sentinel.store.fleet.FleetRepository;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.build.Rsn;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet configuration reaches a running sensor through the real controller: a monitored
 * network saved on the controller makes the sensor flag a twin of it that it did not flag
 * before, within a heartbeat interval; a configuration the sensor cannot apply leaves it on the
 * previous version with the reason reported; with the controller away, a restarted sensor runs
 * on its last good configuration from disk.
 */
class FleetConfigDeliveryTest {

    static final String LEGIT = "02:11:11:11:11:01", TWIN = "02:22:22:22:22:02";

    @TempDir
    Path dir;

    /** CorpNet beaconed by its own AP and by a twin with the same security on the same channel. */
    Path capture(String name) throws Exception {
        Path p = dir.resolve(name);
        long t0 = Instant.now().toEpochMilli() * 1_000_000L;
        try (PcapWriter w = PcapWriter.create(p, 127)) {
            for (int i = 0; i < 60; i++) {
                for (String bssid : List.of(LEGIT, TWIN)) {
                    byte[] beacon = FrameBuilder.beacon().ap(bssid).seq(i).ssid("CorpNet").channel(6).rsn(Rsn.wpa2Psk()).build();
                    w.write(t0 + i * 102_400_000L + (bssid.equals(TWIN) ? 1_000_000L : 0),
                            new RadiotapBuilder().channel(2437).antennaSignal(-50).wrap(beacon));
                }
            }
        }
        return p;
    }

    static void await(String what, Duration timeout, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static HttpResponse<String> put(IngestStack stack, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.base() + path))
                .header("Authorization", "Bearer " + IngestStack.ADMIN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static long alertsOf(IngestStack stack, String bssid) {
        return stack.count("SELECT count(*) FROM alerts WHERE (bssid = ? OR source = ?) AND type = 'evil_twin'",
                bssid, bssid);
    }

    @Test
    void aMonitoredNetworkSavedOnTheControllerReachesARunningSensorAndSurvivesItsRestart() throws Exception {
        Path state = dir.resolve("state");
        Duration heartbeat = Duration.ofMillis(500);
        try (IngestStack stack = IngestStack.start(IngestStack.QueueKind.IN_PROCESS)) {
            stack.enrol("fleet-e2e");
            byte[] key = new SensorKeyDeriver(HexFormat.of().parseHex(IngestStack.HMAC)).deriveKey("fleet-e2e", 1);
            SensorSettings s = SensorSettings.of("fleet-e2e", URI.create(stack.base()), key, state)
                    .withUplink(UplinkOptions.defaults().withHeartbeatInterval(heartbeat))
                    .withEvidence(EvidenceOptions.disabled()); // this stack has no evidence store: uploads would wait
            try (SensorRuntime rt = SensorRuntime.open(s)) {
                FleetConfigAgent agent = rt.fleet().orElseThrow();
                ReplaySummary before = rt.replay(capture("before.pcap"), ReplayOptions.asFastAsPossible(), () -> false);
                assertThat(rt.awaitDelivered(Duration.ofSeconds(20))).isTrue();
                stack.awaitStored(Duration.ofSeconds(20));
                assertThat(alertsOf(stack, TWIN)).as("no monitored network: the twin looks like a second AP").isZero();
                assertThat(agent.applied()).isEmpty();

                var saved = put(stack, "/api/v1/fleet/config", "{\"document\":{\"monitored_networks\":[{\"ssid\":\"CorpNet\","
                        + "\"bssids\":[\"" + LEGIT + "\"],\"channels\":[6],\"security\":\"wpa2-psk\"}]},\"base_version\":0}");
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
                long t0 = System.nanoTime();
                await("the sensor to apply version 1", Duration.ofSeconds(10), () -> agent.applied().equals(Optional.of(1)));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(took).as("applied within one heartbeat interval (plus the fetch)")
                        .isLessThan(heartbeat.plusMillis(1500));

                ReplaySummary after = rt.replay(capture("after.pcap"), ReplayOptions.asFastAsPossible(), () -> false);
                assertThat(after.alertsOpened()).isGreaterThan(before.alertsOpened());
                assertThat(rt.awaitDelivered(Duration.ofSeconds(20))).isTrue();
                stack.awaitStored(Duration.ofSeconds(20));
                assertThat(alertsOf(stack, TWIN)).as("the twin of a monitored network").isPositive();
                assertThat(alertsOf(stack, LEGIT)).as("the monitored network's own AP").isZero();

                // a version this sensor's catalogue refuses (saved by another controller, bypassing this one's check)
                try (Connection c = stack.db.connection()) {
                    c.setAutoCommit(false);
                    FleetDocument bad = new FleetDocument(List.of(new MonitoredNetworkSpec("CorpNet", List.of(LEGIT), List.of(), null)),
                            Map.of("default", new Profile(null, new Profile.Detection(Map.of(),
                                    Map.of("deauth_flood", Map.<String, Object>of("no_such_param", 1))), null, null, null)), null);
                    new FleetRepository(stack.db).save(c, bad, OptionalInt.of(1), "test", Optional.empty(), OptionalInt.empty(),
                            Instant.now());
                    c.commit();
                }
                await("the sensor to refuse version 2", Duration.ofSeconds(15), () -> {
                    JsonNode items = stack.get("/api/v1/fleet/sensors").get("items");
                    return items.get(0).path("refused_version").asInt() == 2;
                });
                JsonNode st = stack.get("/api/v1/fleet/sensors").get("items").get(0);
                assertThat(st.get("error").asText()).contains("no_such_param");
                assertThat(st.get("applied_version").asInt()).isEqualTo(1);
                assertThat(st.get("in_sync").asBoolean()).isFalse();
                assertThat(agent.applied()).contains(1);
            }
        }
        // the controller is gone: a restarted sensor runs on the last good configuration (version 1)
        byte[] key = new SensorKeyDeriver(HexFormat.of().parseHex(IngestStack.HMAC)).deriveKey("fleet-e2e", 1);
        SensorSettings away = SensorSettings.of("fleet-e2e", URI.create("http://127.0.0.1:9"), key, state)
                .withEvidence(EvidenceOptions.disabled());
        try (SensorRuntime rt = SensorRuntime.open(away)) {
            rt.drainOnClose(Duration.ZERO);
            assertThat(rt.fleet().orElseThrow().applied()).contains(1);
            ReplaySummary r = rt.replay(capture("offline.pcap"), ReplayOptions.asFastAsPossible(), () -> false);
            assertThat(r.alertsOpened()).as("the twin flagged from the stored configuration").isPositive();
        }
        assertThat(Files.exists(state.resolve("fleet-config.json"))).isTrue();
    }
}
