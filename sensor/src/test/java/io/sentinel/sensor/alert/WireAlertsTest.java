package io.sentinel.sensor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.detect.Alert;
import io.sentinel.detect.Severity;
import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireAlertsTest {
    private static final long T = 1_768_467_602_000_000_123L;

    private static Alert alert(String ssid, String summary, Map<String, Object> evidence) {
        return new Alert("87ba942038d8327d1929cab4", "evil_twin", Severity.HIGH, 0.123456789, T, T + 5_504_000_000L, 256,
                "00:1a:1e:10:00:01", ssid, "00:1a:1e:10:00:01", null, -1, List.of("SECURITY_MISMATCH"), List.of("T1557"),
                evidence, summary);
    }

    @Test
    void analyzeLinesHaveExactlyTheContractKeysInOrder() throws Exception {
        String line = WireAlerts.jsonLine(alert(null, "Evil twin", Map.of("rate_per_s", 24.0)));
        List<String> keys = new ArrayList<>();
        JsonNode n = Wire.mapper().readTree(line);
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "type", "severity", "confidence", "first_seen", "last_seen", "count", "bssid",
                "ssid", "source", "target", "channel", "reasons", "mitre", "evidence", "summary");
        assertThat(line).contains("\"first_seen\":1768467602,", "\"last_seen\":1768467607.504,", "\"ssid\":null",
                "\"channel\":null", "\"confidence\":0.1235", "\"severity\":\"high\"", "\"rate_per_s\":24");
    }

    @Test
    void whateverADetectorPutsInTheControllerAccepts() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("sample_ssids", List.of("ok", "nul\0inside", "\u202eevil"));
        evidence.put("rate", Double.NaN);
        evidence.put("ratio", 1.0 / 3);
        evidence.put("long", "x".repeat(5000));
        evidence.put("nested", Map.of("deeper", Map.of("n", 7)));
        evidence.put(null, "a null key");
        Alert a = alert("\0\0\0", "Twin of '\0\0\0' \u202e" + "y".repeat(2000), evidence);
        AlertMessage m = WireAlerts.of(a);
        m.validate("alert");
        assertThat(m.ssid()).as("the SSID keeps its NUL bytes").isEqualTo("\0\0\0");
        assertThat(m.ssidValue().orElseThrow().hex()).isEqualTo("000000");
        assertThat(m.summary()).startsWith("Twin of '\\u0000\\u0000\\u0000' \\u202Ey").hasSize(AlertMessage.MAX_SUMMARY);
        @SuppressWarnings("unchecked")
        List<String> samples = (List<String>) m.evidence().get("sample_ssids");
        assertThat(samples).containsExactly("ok", "nul\\u0000inside", "\\u202Eevil");
        assertThat(m.evidence()).containsEntry("rate", null).containsKey("null");
        assertThat(((String) m.evidence().get("long"))).hasSize(1024);
        // what the sensor uploads is what the controller reads back, unchanged
        AlertBatch batch = new AlertBatch("a-1", "s1", List.of(m));
        AlertBatch read = Wire.readAlertBatch(Wire.write(batch));
        assertThat(read.alerts().get(0).ssidValue()).isEqualTo(m.ssidValue());
        assertThat(read.alerts().get(0).summary()).isEqualTo(m.summary());
    }
}
