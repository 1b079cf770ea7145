package io.sentinel.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.app.Sentinel;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.Ranges;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.ReplayOptions;
import io.sentinel.sensor.SensorRuntime;
import io.sentinel.sensor.SensorSettings;
import io.sentinel.wifi.build.FrameBuilder;
import io.sentinel.wifi.capture.PcapWriter;
import io.sentinel.wifi.radio.RadiotapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each red-team case of issue #10, replayed against the production path (controller, Redis
 * Streams, worker, PostgreSQL): before the codec, each was answered 202 and then lost in the
 * worker, or stored altered. Now each is either stored exactly as sent or refused with a 4xx that
 * names the field, and nothing is ever dead-lettered.
 */
class RedTeamIngestTest {
    static IngestStack stack;
    static final Instant NOW = Instant.now().minusSeconds(600);

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = IngestStack.start(IngestStack.QueueKind.REDIS);
    }

    @AfterAll
    static void stop() throws Exception {
        assertThat(stack.worker.stats().deadLettered()).as("dead letters after all cases").isZero();
        stack.close();
    }

    private static String item(String mac, String ssidJson) {
        return "{\"kind\":\"ap\",\"mac\":\"" + mac + "\"" + (ssidJson == null ? "" : ",\"ssid\":" + ssidJson)
                + ",\"channel\":6,\"rssi_min\":-70,\"rssi_avg\":-60.5,\"rssi_max\":-50,\"first_seen\":"
                + NOW.getEpochSecond() + ",\"last_seen\":" + (NOW.getEpochSecond() + 5) + ",\"frames\":{\"beacon\":50}}";
    }

    private static String alert(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"type\":\"evil_twin\",\"severity\":\"high\",\"confidence\":0.9,\"first_seen\":"
                + NOW.getEpochSecond() + ",\"last_seen\":" + (NOW.getEpochSecond() + 5) + ",\"count\":12" + extra + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ControllerAnswer.Refusal refusal(HttpResponse<String> r) {
        return (ControllerAnswer.Refusal) Wire.readAnswer(r.statusCode(), utf8(r.body()));
    }

    private static long storedBatches(String sensor, String batch) {
        return stack.count("SELECT count(*) FROM ingest_batches WHERE sensor_id = ? AND batch_id = ?", sensor, batch);
    }

    @Test
    void zeroByteSsidWithNineOrdinaryNetworksInTheSameBatchIsStoredWhole() throws Exception {
        RequestSigner s = stack.enrol("rt-nul");
        List<String> items = new ArrayList<>();
        items.add(item("02:00:00:10:00:00", "\"\\u0000\\u0000\\u0000\""));
        for (int i = 1; i < 10; i++) {
            items.add(item(String.format("02:00:00:10:00:%02x", i), "\"ordinary-" + i + "\""));
        }
        HttpResponse<String> r = stack.post(s, "/api/v1/telemetry",
                utf8("{\"batch_id\":\"t-nul\",\"sensor_id\":\"rt-nul\",\"items\":[" + String.join(",", items) + "]}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(Wire.readAnswer(202, utf8(r.body()))).isInstanceOf(ControllerAnswer.Accepted.class);
        // an alert naming the same SSID takes the same way
        HttpResponse<String> a = stack.post(s, "/api/v1/alerts", utf8("{\"batch_id\":\"a-nul\",\"sensor_id\":\"rt-nul\","
                + "\"alerts\":[" + alert("rt-nul-twin", ",\"bssid\":\"02:00:00:10:00:00\",\"ssid\":\"\\u0000\\u0000\\u0000\"") + "]}"));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
        stack.awaitStored(Duration.ofSeconds(30));

        assertThat(stack.count("SELECT count(*) FROM telemetry WHERE batch_id = 't-nul'")).isEqualTo(10);
        Map<String, JsonNode> networks = new HashMap<>();
        for (JsonNode n : stack.get("/api/v1/networks?limit=1000").get("items")) networks.put(n.get("bssid").asText(), n);
        for (int i = 1; i < 10; i++) {
            assertThat(networks.get(String.format("02:00:00:10:00:%02x", i)).get("ssid").asText()).isEqualTo("ordinary-" + i);
        }
        JsonNode hidden = networks.get("02:00:00:10:00:00");
        assertThat(hidden.get("ssid").asText()).isEqualTo("\0\0\0");
        assertThat(hidden.get("ssid_hex").asText()).isEqualTo("000000");
        assertThat(hidden.get("ssid_display").asText()).isEqualTo("\\u0000\\u0000\\u0000");
        JsonNode telemetry = stack.get("/api/v1/telemetry?bssid=02:00:00:10:00:00").get("items").get(0);
        assertThat(telemetry.get("ssid_hex").asText()).isEqualTo("000000");
        assertThat(telemetry.get("ssid_display").asText()).isEqualTo("\\u0000\\u0000\\u0000");
        JsonNode stored = stack.get("/api/v1/alerts/rt-nul-twin");
        String storedAlert = stored.toString();
        assertThat(storedAlert).contains("\"ssid_hex\":\"000000\"").contains("\"ssid_display\":\"\\\\u0000\\\\u0000\\\\u0000\"");
    }

    @Test
    void sensorPcapReplayOfACaptureWithSuchSsidsStoresEveryNetwork() throws Exception {
        // twelve access points beaconing for 25 s: NUL inside a name, an all-NUL (hidden) name,
        // bytes that are not UTF-8, a bidi override, and eight ordinary names
        List<byte[]> ssids = new ArrayList<>();
        ssids.add("ab\0cd".getBytes(StandardCharsets.UTF_8));
        ssids.add(new byte[4]);
        ssids.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        ssids.add("\u202eevil".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 8; i++) ssids.add(("office-" + i).getBytes(StandardCharsets.UTF_8));
        Path pcap = dir.resolve("odd-ssids.pcap");
        long t0 = NOW.toEpochMilli() * 1_000_000L;
        try (PcapWriter w = PcapWriter.create(pcap, 127)) {
            for (int k = 0; k < 250; k++) {
                for (int ap = 0; ap < ssids.size(); ap++) {
                    byte[] beacon = FrameBuilder.beacon().ap(String.format("02:00:00:20:00:%02x", ap)).seq(k & 4095)
                            .ssid(ssids.get(ap)).rates().channel(6).build();
                    w.write(t0 + k * 100_000_000L + ap * 1_000_000L,
                            new RadiotapBuilder().channel(2437).antennaSignal(-40 - ap).wrap(beacon));
                }
            }
        }
        // what the sensor's pipeline makes of it locally, for the totals
        long expectedItems;
        try (SensorRuntime rt = SensorRuntime.open(SensorSettings.of("x", null, null, dir.resolve("local")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            expectedItems = rt.replay(pcap, ReplayOptions.asFastAsPossible(), () -> false).telemetryItems();
        }
        assertThat(expectedItems).isGreaterThanOrEqualTo(ssids.size());

        Path state = dir.resolve("sensor");
        var err = new ByteArrayOutputStream();
        var cli = Sentinel.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("sensor", "enroll", "--controller", stack.base(), "--sensor-id", "rt-pcap",
                "--token", IngestStack.ADMIN, "--state-dir", state.toString())).as(err.toString()).isZero();
        var replayErr = new ByteArrayOutputStream();
        var replay = Sentinel.commandLine();
        replay.setErr(new PrintWriter(replayErr, true));
        assertThat(replay.execute("sensor", "--pcap", pcap.toString(), "--as-fast-as-possible", "--state-dir",
                state.toString(), "--drain-timeout-s", "60", "--heartbeat-s", "1")).as(replayErr.toString()).isZero();
        stack.awaitStored(Duration.ofSeconds(60));

        assertThat(stack.count("SELECT count(*) FROM telemetry WHERE sensor_id = 'rt-pcap'")).isEqualTo(expectedItems);
        Map<String, JsonNode> networks = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = stack.get("/api/v1/networks?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode n : page.get("items")) networks.put(n.get("bssid").asText(), n);
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        for (int ap = 0; ap < ssids.size(); ap++) {
            JsonNode n = networks.get(String.format("02:00:00:20:00:%02x", ap));
            assertThat(n).as("network %d stored", ap).isNotNull();
            Ssid expected = Ssid.of(ssids.get(ap));
            if (ap == 1) {
                assertThat(n.get("ssid_hex").isNull()).as("a hidden SSID is not a name").isTrue();
            } else {
                assertThat(n.get("ssid_hex").asText()).as("network %d", ap).isEqualTo(expected.hex());
                assertThat(n.get("ssid_display").asText()).isEqualTo(expected.display());
            }
        }
        assertThat(networks.get("02:00:00:20:00:02").get("ssid").isNull()).as("not UTF-8: no text form").isTrue();
        assertThat(networks.get("02:00:00:20:00:03").get("ssid_display").asText()).isEqualTo("\\u202Eevil");
        assertThat(replayErr.toString()).doesNotContain("rejected");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheKeyAndNothingIsStored() {
        RequestSigner s = stack.enrol("rt-dup");
        HttpResponse<String> r = stack.post(s, "/api/v1/telemetry",
                utf8("{\"batch_id\":\"t-dup-a\",\"batch_id\":\"t-dup-b\",\"sensor_id\":\"rt-dup\",\"items\":[]}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(refusal(r)).isEqualTo(new ControllerAnswer.Refusal("duplicate_field", "batch_id: key given twice", "batch_id"));
        HttpResponse<String> nested = stack.post(s, "/api/v1/telemetry", utf8("{\"batch_id\":\"t-dup-c\",\"sensor_id\":"
                + "\"rt-dup\",\"items\":[" + item("02:00:00:30:00:01", "\"a\"").replace("\"kind\":\"ap\"",
                "\"kind\":\"ap\",\"kind\":\"client\"") + "]}"));
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(refusal(nested).field()).isEqualTo("items[0].kind");
        for (String b : List.of("t-dup-a", "t-dup-b", "t-dup-c")) assertThat(storedBatches("rt-dup", b)).isZero();
    }

    @Test
    void utf16AndOtherNonUtf8BodiesAreRefusedWith415() {
        RequestSigner s = stack.enrol("rt-utf16");
        String body = "{\"batch_id\":\"t-u16\",\"sensor_id\":\"rt-utf16\",\"items\":[" + item("02:00:00:40:00:01", "\"x\"") + "]}";
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32LE"))) {
            for (boolean gzip : List.of(false, true)) {
                HttpResponse<String> r = stack.post(s, "/api/v1/telemetry", body.getBytes(cs), gzip, "application/json");
                assertThat(r.statusCode()).as(cs + " gzip " + gzip + ": " + r.body()).isEqualTo(415);
                assertThat(refusal(r).error()).isEqualTo("unsupported_media_type");
            }
        }
        byte[] utf8 = utf8(body);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertThat(stack.post(s, "/api/v1/telemetry", bom).statusCode()).isEqualTo(415);
        assertThat(stack.post(s, "/api/v1/telemetry", utf8, false, "application/json; charset=utf-16").statusCode())
                .isEqualTo(415);
        assertThat(storedBatches("rt-utf16", "t-u16")).isZero();
        assertThat(stack.post(s, "/api/v1/telemetry", utf8).statusCode()).as("the same body in UTF-8").isEqualTo(202);
    }

    @Test
    void signedSixtyFourBitMaximumCountFromTwoSensorsIsRefusedAndTheLargestAllowedCountMergesExactly() throws Exception {
        String bssid = ",\"bssid\":\"02:00:00:50:00:01\"";
        for (String sensor : List.of("rt-max-1", "rt-max-2")) {
            RequestSigner s = stack.enrol(sensor);
            HttpResponse<String> r = stack.post(s, "/api/v1/alerts", utf8("{\"batch_id\":\"a-max-huge\",\"sensor_id\":\"" + sensor
                    + "\",\"alerts\":[" + alert(sensor + "-huge", bssid).replace("\"count\":12", "\"count\":9223372036854775807")
                    + "]}"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(refusal(r).field()).isEqualTo("alerts[0].count");
            HttpResponse<String> ok = stack.post(s, "/api/v1/alerts", utf8("{\"batch_id\":\"a-max\",\"sensor_id\":\"" + sensor
                    + "\",\"alerts\":[" + alert(sensor + "-flood", bssid).replace("\"count\":12", "\"count\":" + Ranges.MAX_COUNT)
                    + "]}"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            assertThat(storedBatches(sensor, "a-max-huge")).isZero();
        }
        stack.awaitStored(Duration.ofSeconds(30));
        JsonNode merged = stack.get("/api/v1/alerts/rt-max-1-flood");
        JsonNode body = merged.has("alert") ? merged.get("alert") : merged;
        assertThat(body.get("count").asLong()).isEqualTo(2 * Ranges.MAX_COUNT);
        assertThat(body.get("sensor_ids").toString()).contains("rt-max-1", "rt-max-2");
    }

    @Test
    void numericSsidIsRefusedNamingTheFieldInsteadOfBeingStoredAsText() {
        RequestSigner s = stack.enrol("rt-num");
        HttpResponse<String> r = stack.post(s, "/api/v1/telemetry",
                utf8("{\"batch_id\":\"t-num\",\"sensor_id\":\"rt-num\",\"items\":[" + item("02:00:00:60:00:01", "12") + "]}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(refusal(r).error()).isEqualTo("invalid_field");
        assertThat(refusal(r).field()).isEqualTo("items[0].ssid");
        HttpResponse<String> alert = stack.post(s, "/api/v1/alerts",
                utf8("{\"batch_id\":\"a-num\",\"sensor_id\":\"rt-num\",\"alerts\":[" + alert("rt-num-1", ",\"ssid\":12") + "]}"));
        assertThat(refusal(alert).field()).isEqualTo("alerts[0].ssid");
        assertThat(storedBatches("rt-num", "t-num") + storedBatches("rt-num", "a-num")).isZero();
    }

    @Test
    void bidiAndControlCharactersInBssidSourceAndTargetAreRefusedNamingTheField() {
        RequestSigner s = stack.enrol("rt-bidi");
        Map<String, String> cases = Map.of(
                "bssid", "\\u202e55:44:33:22:11:00",
                "source", "00:11:22:33:44:55\\u200f",
                "target", "00:11:22:33:44:5\\u0007");
        int n = 0;
        for (var c : cases.entrySet()) {
            String batch = "a-bidi-" + n++;
            HttpResponse<String> r = stack.post(s, "/api/v1/alerts", utf8("{\"batch_id\":\"" + batch + "\",\"sensor_id\":"
                    + "\"rt-bidi\",\"alerts\":[" + alert("rt-bidi-" + n, ",\"" + c.getKey() + "\":\"" + c.getValue() + "\"") + "]}"));
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(refusal(r).field()).isEqualTo("alerts[0]." + c.getKey());
            assertThat(refusal(r).detail()).contains("MAC");
            assertThat(storedBatches("rt-bidi", batch)).isZero();
        }
    }
}
