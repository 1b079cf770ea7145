package io.sentinel.worker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.format.CefFormat;
import io.sentinel.worker.notify.format.EcsJson;
import io.sentinel.worker.notify.format.EmailContent;
import io.sentinel.worker.notify.format.EveRecord;
import io.sentinel.worker.notify.format.Rfc5424;
import io.sentinel.worker.notify.format.WebhookBody;
import io.sentinel.worker.notify.transport.WebhookTransport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every format, fed an SSID built to break it. */
class FormatsTest {
    static final String SSID = "a\"b]c=d|e\\f\ng\rh\u0000i\u202Ej<img src=x onerror=alert(1)>&<https://evil.example|click> *bold* [x](https://evil.example) {{DATE(2017-02-14T06:00Z)}}";

    static Message message() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", "alert-1");
        alert.put("type", "evil_twin");
        alert.put("severity", "high");
        alert.put("confidence", 0.93);
        alert.put("first_seen", new BigDecimal("1764583200.5"));
        alert.put("last_seen", new BigDecimal("1764583260.25"));
        alert.put("count", 12);
        alert.put("bssid", "aa:bb:cc:dd:ee:ff");
        alert.put("ssid", SSID);
        alert.put("source", "de:ad:be:ef:00:01");
        alert.put("summary", "Evil twin of " + SSID);
        alert.put("sensor_id", "s1");
        alert.put("sensor_ids", List.of("s1"));
        alert.put("mitre", List.of("T1557"));
        alert.put("reasons", List.of("SECURITY_MISMATCH"));
        alert.put("evidence", Map.of("rssi", -40));
        alert.put("status", "open");
        return new Message(UUID.fromString("3f2a9c1e-8b7d-4c55-9e21-0a6b5d4c3b2a"), Message.Kind.ALERT,
                Optional.of("opened"), List.of("soc"), Instant.parse("2026-12-01T10:00:00.123456Z"), "siem",
                Map.of("alert", alert, "actor", "worker", "at", new BigDecimal("1764583260.3"), "detail", Map.of()));
    }

    @Test
    void cefEscapesTheExtensionAndKeepsTheHeaderIntact() {
        String cef = CefFormat.format(message(), "1.0");
        assertThat(cef).startsWith("CEF:0|Sentinel|Sentinel WIDS|1.0|evil_twin|evil twin opened|8|");
        assertThat(cef).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u202E");
        assertThat(cef).contains("cs3=a\"b]c\\=d|e\\\\f\\ng\\rh\\\\u0000i\\\\u202Ej<img src\\=x onerror\\=alert(1)>&");
        // no unescaped '=' inside a value can start a forged key
        assertThat(cef).doesNotContainPattern("cs3=[^ ]* onerror=");
        assertThat(cef).contains("cs1=3f2a9c1e-8b7d-4c55-9e21-0a6b5d4c3b2a").contains("externalId=alert-1");
        assertThat(cef).contains("start=1764583200500").contains("end=1764583260250");
    }

    @Test
    void rfc5424EscapesStructuredDataAndUsesOctetCounting() {
        byte[] msg = Rfc5424.message(new Rfc5424.Header(4, "collector host", "sentinel", "42", "sentinel@32473", true),
                message(), "body");
        String s = new String(msg, StandardCharsets.UTF_8);
        assertThat(s).startsWith("<35>1 2026-12-01T10:00:00.123456Z collector_host sentinel 42 alert.opened [sentinel@32473 ");
        assertThat(s).contains(" ssid=\"a\\\"b\\]c=d|e\\\\f\\\\u000Ag\\\\u000Dh\\\\u0000i\\\\u202Ej<img src=x");
        assertThat(s).endsWith("] \uFEFFbody");
        assertThat(s).doesNotContain("\n").doesNotContain("\u0000");
        byte[] framed = Rfc5424.octetCounted(msg);
        assertThat(new String(framed, StandardCharsets.US_ASCII)).startsWith(msg.length + " ");
    }

    @Test
    void jsonFormatsKeepTheExactSsid() throws Exception {
        JsonNode ecs = Wire.mapper().readTree(EcsJson.format(message(), "1.0"));
        assertThat(ecs.get("sentinel").get("alert").get("ssid").asText()).isEqualTo(SSID);
        assertThat(ecs.get("event").get("id").asText()).isEqualTo("3f2a9c1e-8b7d-4c55-9e21-0a6b5d4c3b2a");
        assertThat(ecs.get("event").get("severity").asInt()).isEqualTo(8);
        assertThat(ecs.get("@timestamp").asText()).isEqualTo("2025-12-01T10:01:00.300Z");
        String eve = EveRecord.line(message());
        assertThat(eve).doesNotContain("\n");
        JsonNode e = Wire.mapper().readTree(eve);
        assertThat(e.get("event_type").asText()).isEqualTo("alert");
        assertThat(e.get("timestamp").asText()).isEqualTo("2025-12-01T10:01:00.300000+0000");
        assertThat(e.get("alert").get("ssid").asText()).isEqualTo(SSID);
        JsonNode body = Wire.mapper().readTree(WebhookBody.format(ChannelSettings.Shape.SENTINEL, message()));
        assertThat(body.get("alert").get("ssid").asText()).isEqualTo(SSID);
    }

    @Test
    void slackGetsPlainTextOnlyAndAnEscapedFallback() throws Exception {
        JsonNode slack = Wire.mapper().readTree(WebhookBody.format(ChannelSettings.Shape.SLACK, message()));
        assertThat(slack.get("text").asText()).doesNotContain("<").doesNotContain(">");
        for (JsonNode block : slack.get("blocks")) {
            for (JsonNode text : block.findValues("type")) {
                assertThat(text.asText()).isIn("header", "section", "plain_text");
            }
        }
        String all = slack.toString();
        assertThat(all).doesNotContain("mrkdwn");
        assertThat(all).contains("SSID: a\\\"b]c=d|e\\\\f\\\\u000Ag\\\\u000Dh\\\\u0000i\\\\u202Ej");
    }

    @Test
    void teamsGetsRichTextRunsThatAreNotMarkdown() throws Exception {
        JsonNode teams = Wire.mapper().readTree(WebhookBody.format(ChannelSettings.Shape.TEAMS, message()));
        JsonNode card = teams.get("attachments").get(0).get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        for (JsonNode block : card.get("body")) {
            assertThat(block.get("type").asText()).isEqualTo("RichTextBlock");
        }
        assertThat(card.toString()).doesNotContain("\"type\":\"TextBlock\"").doesNotContain("\\u202E\"").contains("\\\\u202E");
    }

    @Test
    void emailHtmlIsEscapedAndTheSubjectHasNoLineBreak() {
        EmailContent mail = EmailContent.of(message(), "[Sentinel]");
        assertThat(mail.subject()).isEqualTo("[Sentinel] [HIGH] evil_twin opened").doesNotContain("\n");
        assertThat(mail.html()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;&amp;&lt;https://evil.example|click&gt;")
                .doesNotContain("\u202E").contains("\\u202E");
        assertThat(mail.text()).contains("SSID: a\"b]c=d|e\\f\\u000Ag\\u000Dh\\u0000i\\u202Ej");
    }

    @Test
    void webhookSignatureMatchesAKnownVector() {
        // HMAC-SHA256(key "secret-key-0123456789", "1700000000." + "{}"), computed independently with openssl
        String sig = WebhookTransport.signature("secret-key-0123456789".getBytes(StandardCharsets.UTF_8), 1700000000L,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(sig).isEqualTo(OPENSSL_VECTOR);
    }

    static final String OPENSSL_VECTOR = "sha256=cc2b594915fbae3f391404c0a041ffb62365b6e3b024dffebd211b42454ee6ad";
}
