package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {
    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void telemetryBatchReadsEpochAndRfc3339Times() {
        TelemetryBatch b = Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s1','items':[
                 {'kind':'ap','mac':'00:11:22:33:44:55','ssid':'Cafe','channel':6,'freq_mhz':2437,
                  'security':'wpa2-psk','rssi_min':-70,'rssi_avg':-60.5,'rssi_max':-50,
                  'first_seen':1700000000.25,'last_seen':'2023-11-14T22:13:30Z','frames':{'beacon':100}}]}"""));
        TelemetryItem it = b.items().get(0);
        assertThat(it.firstSeen()).isEqualTo(Instant.parse("2023-11-14T22:13:20.250Z"));
        assertThat(it.lastSeen()).isEqualTo(Instant.parse("2023-11-14T22:13:30Z"));
        assertThat(it.effectiveBssid()).isEqualTo("00:11:22:33:44:55");
        assertThat(it.frames()).containsEntry("beacon", 100L);
    }

    @Test
    void aProblemDeepInABatchNamesTheItemAndTheFieldWithItsMessage() {
        String ok = "{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':1,'last_seen':2}";
        Map<String, String> bad = Map.of(
                "{'kind':'ap','mac':'00:11:22:33:44:55','ssid_hex':'abc','first_seen':1,'last_seen':2}",
                "items[3].ssid_hex: must be an even number of hex digits, at most 510",
                "{'kind':'ap','mac':'00:11:22:33:44:55','security':'WPA2','first_seen':1,'last_seen':2}",
                "items[3].security: must match [a-z0-9/_-]{1,32}",
                "{'kind':'ap','mac':'00:11:22:33:44:55','frames':{'beacon':-1},'first_seen':1,'last_seen':2}",
                "items[3].frames.beacon: must be a count within 0..9007199254740991",
                "{'kind':'ap','mac':'00:11:22:33:44:55','frames':{'Beacon':1},'first_seen':1,'last_seen':2}",
                "items[3].frames: counter names must match [a-z0-9_]{1,32}",
                "{'kind':'ap','mac':'00:11:22:33:44:5G','first_seen':1,'last_seen':2}",
                "items[3].mac: must be a lower-case colon-separated MAC such as 00:11:22:aa:bb:cc");
        bad.forEach((item, expected) -> assertThatThrownBy(() -> Wire.readTelemetryBatch(json(
                "{'batch_id':'b-1','sensor_id':'s1','items':[" + ok + "," + ok + "," + ok + "," + item + "]}")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(expected)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo(expected.split(":")[0])));
        // the same item validated on its own is named by the caller's path
        TelemetryItem item = Wire.readTelemetryBatch(json("{'batch_id':'b-1','sensor_id':'s1','items':[" + ok + "]}"))
                .items().get(0);
        TelemetryItem wrong = new TelemetryItem(item.kind(), item.mac(), null, null, null, 500, null, null, null, null,
                null, item.firstSeen(), item.lastSeen(), Map.of(), null);
        assertThatThrownBy(() -> wrong.validate("item 00:11:22:33:44:55"))
                .hasMessage("item 00:11:22:33:44:55.channel: out of range 0..300");
    }

    @Test
    void unknownFieldInAnItemIsRefusedNamingIt() {
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s1','items':[
                 {'kind':'ap','mac':'00:11:22:33:44:55','first_seen':1,'last_seen':2,'colour':'red'}]}""")))
                .isInstanceOf(InvalidMessageException.class)
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("items[0].colour"))
                .hasMessageContaining("unknown field \"colour\"");
    }

    @Test
    void missingRequiredFieldAndBadValuesNameTheField() {
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s1','items':[{'kind':'ap','first_seen':1,'last_seen':2}]}""")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("items[0]");
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s1','items':[{'kind':'ap','mac':'00:11:22:33:44:5G','first_seen':1,'last_seen':2}]}""")))
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("items[0].mac"));
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s 1','items':[]}""")))
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("sensor_id"));
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("""
                {'batch_id':'b-1','sensor_id':'s1','items':[{'kind':'ap','mac':'00:11:22:33:44:55','first_seen':'yesterday','last_seen':2}]}""")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("items[0].first_seen");
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("{'batch_id':")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> Wire.readTelemetryBatch(json("{'batch_id':'a','batch_id':'b','sensor_id':'s','items':[]}")))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void alertChecksContractKeys() {
        AlertBatch b = Wire.readAlertBatch(json("""
                {'batch_id':'a-1','sensor_id':'s1','alerts':[{'id':'deauth_flood:1','type':'deauth_flood',
                 'severity':'high','confidence':0.9,'first_seen':1700000000,'last_seen':1700000005,'count':120,
                 'bssid':'00:11:22:33:44:55','reasons':['RATE_ABOVE_THRESHOLD'],'mitre':['T1499'],
                 'evidence':{'rate_per_s':24.0},'summary':'Deauth flood'}]}"""));
        AlertMessage a = b.alerts().get(0);
        assertThat(a.evidence()).isEqualTo(Map.of("rate_per_s", 24.0));
        assertThat(a.severityRank()).isEqualTo(3);
        assertThatThrownBy(() -> Wire.readAlertBatch(json("""
                {'batch_id':'a-1','sensor_id':'s1','alerts':[{'id':'x','type':'t','severity':'severe',
                 'confidence':0.9,'first_seen':1,'last_seen':2,'count':1}]}""")))
                .satisfies(e -> assertThat(((InvalidMessageException) e).field()).isEqualTo("alerts[0].severity"));
    }

    @Test
    void heartbeatRoundTripsThroughJson() {
        Heartbeat h = new Heartbeat("s1", Instant.parse("2026-01-01T00:00:00.5Z"), "0.1.0", 60L, 1000L, 990L, 10L,
                java.util.List.of(new Heartbeat.ChannelCoverage(6, 250, 400)), 3L, 12.5, -40L);
        Heartbeat back = Wire.readHeartbeat(Wire.write(h));
        assertThat(back).isEqualTo(h);
        assertThat(Wire.writeString(h)).contains("\"sent_at\":1767225600.5").contains("\"frames_dropped\":10");
    }

    @Test
    void identifiersFollowTheContract() {
        assertThat(Identifiers.isSensorId("a".repeat(64))).isTrue();
        assertThat(Identifiers.isSensorId("a".repeat(65))).isFalse();
        assertThat(Identifiers.isSensorId("lab.roof_2-x")).isTrue();
        assertThat(Identifiers.isSensorId("lab/roof")).isFalse();
        assertThat(Identifiers.isNonce("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(Identifiers.isNonce("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(Identifiers.isNonce("0123456789abcdef0123456789abcde")).isFalse();
    }
}
