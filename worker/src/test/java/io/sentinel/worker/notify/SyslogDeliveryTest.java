package io.sentinel.worker.notify;

import static io.sentinel.worker.notify.NotifyFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyslogDeliveryTest extends NotifyDatabaseTest {
    /**
     * Everything that ends a field somewhere: quote, bracket, equals, pipe, backslash, line breaks, an
     * ANSI escape, a bidi override (NUL cannot be stored in PostgreSQL text; the format tests cover it).
     */
    static final String HOSTILE = "ev\"il] x=1|y\\z\nCEF:0|forged\r\u001B[31m\u202Egnp.exe <b>&";
    static final Pattern RFC5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\[(?:[^\\]\"\\\\]|\\\\.|\"(?:[^\"\\\\]|\\\\.)*\")*]) (.*)",
            Pattern.DOTALL);


    void route(String channel, Map<String, Object> settings) throws Exception {
        fx.channel(Map.of("id", channel, "kind", "syslog", "settings", settings));
        fx.rule(Map.of("id", "to-" + channel, "channels", List.of(channel), "rate_limit", Map.of("messages", 1000,
                "window_seconds", 600)));
    }

    void hostileAlert() {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        fx.ingest("s1", List.of(alert("h1", "evil_twin", "critical", "aa:bb:cc:00:00:09", HOSTILE, t, t.plusSeconds(3), 7)));
    }

    /** The SD parameters of a message, unescaped as RFC 5424 says. */
    static Map<String, String> params(String sd) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile(" ([^= \\]\"]+)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(sd);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replaceAll("\\\\([\"\\\\\\]])", "$1"));
        }
        return out;
    }

    /** CEF extension values, unescaped. */
    static Map<String, String> cefExtension(String cef) {
        String[] header = cef.split("(?<!\\\\)\\|", 8);
        assertThat(header).hasSize(8);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=((?:[^\\\\=]|\\\\.)*?)(?= \\w+=|$)").matcher(header[7]);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\r", "\r").replace("\\=", "=")
                    .replace("\\\\", "\\"));
        }
        return out;
    }

    @Test
    void tcpCefCarriesAHostileSsidWithoutBreakingAnyField() throws Exception {
        try (SyslogReceiver rx = SyslogReceiver.tcp()) {
            route("siem", Map.of("host", "127.0.0.1", "port", rx.port(), "transport", "tcp", "format", "cef"));
            hostileAlert();
            fx.drain(Duration.ofSeconds(10));
            assertThat(rx.messages).hasSize(1);
            String text = rx.texts().getFirst();
            Matcher m = RFC5424.matcher(text);
            assertThat(m.matches()).as(text).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(4 * 8 + 2); // facility 4, critical -> 2
            assertThat(m.group(6)).isEqualTo("alert.opened");
            Map<String, String> sd = params(m.group(7));
            assertThat(sd.get("ssid")).isEqualTo("ev\"il] x=1|y\\z\\u000ACEF:0|forged\\u000D\\u001B[31m\\u202Egnp.exe <b>&");
            assertThat(sd.get("id")).matches("[0-9a-f-]{36}");
            String msg = m.group(8);
            assertThat(msg).startsWith("\uFEFFCEF:0|Sentinel|Sentinel WIDS|");
            assertThat(msg).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001B");
            Map<String, String> ext = cefExtension(msg.substring(1));
            assertThat(ext.get("cs3Label")).isEqualTo("ssid");
            assertThat(ext.get("cs3")).isEqualTo("ev\"il] x=1|y\\z\nCEF:0|forged\r\\u001B[31m\\u202Egnp.exe <b>&");
            assertThat(ext.get("cs1")).isEqualTo(sd.get("id"));
            assertThat(ext.get("externalId")).isEqualTo("h1");
            assertThat(ext).doesNotContainKey("forged");
            String[] header = msg.substring(1).split("(?<!\\\\)\\|", 8);
            assertThat(header[4]).isEqualTo("evil_twin");
            assertThat(header[5]).isEqualTo("evil twin opened");
            assertThat(header[6]).isEqualTo("10");
        }
    }

    @Test
    void tlsJsonUsesEcsNamesAndKeepsTheExactSsid() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp);
        try (SyslogReceiver rx = SyslogReceiver.tls(cert.serverContext())) {
            route("elastic", Map.of("host", "localhost", "port", rx.port(), "transport", "tls", "format", "json",
                    "ca_pem", cert.pem(), "utf8_bom", false));
            hostileAlert();
            fx.drain(Duration.ofSeconds(10));
            assertThat(rx.messages).hasSize(1);
            Matcher m = RFC5424.matcher(rx.texts().getFirst());
            assertThat(m.matches()).isTrue();
            JsonNode doc = Wire.mapper().readTree(m.group(8));
            assertThat(doc.get("event").get("kind").asText()).isEqualTo("alert");
            assertThat(doc.get("event").get("action").asText()).isEqualTo("opened");
            assertThat(doc.get("event").get("id").asText()).isEqualTo(params(m.group(7)).get("id"));
            assertThat(doc.get("source").get("mac").asText()).isEqualTo("DE-AD-BE-EF-00-01");
            assertThat(doc.get("rule").get("name").asText()).isEqualTo("evil_twin");
            assertThat(doc.get("sentinel").get("alert").get("ssid").asText()).isEqualTo(HOSTILE);
            assertThat(doc.get("threat").get("technique").get("id").get(0).asText()).isEqualTo("T1499.001");
        }
    }

    @Test
    void tlsRefusesAServerItDoesNotTrust() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp);
        try (SyslogReceiver rx = SyslogReceiver.tls(cert.serverContext())) {
            route("untrusted", Map.of("host", "localhost", "port", rx.port(), "transport", "tls", "format", "cef"));
            hostileAlert();
            fx.dispatcher.dispatchOnce();
            fx.sender.sendOnce();
            assertThat(rx.messages).isEmpty();
            assertThat(fx.repo.channel("untrusted").orElseThrow().health().lastError()).get().asString()
                    .contains("TLS failure");
        }
    }

    @Test
    void udpSendsOneDatagramPerMessage() throws Exception {
        try (SyslogReceiver rx = SyslogReceiver.udp()) {
            route("udp", Map.of("host", "127.0.0.1", "port", rx.port(), "transport", "udp", "format", "cef"));
            hostileAlert();
            fx.drain(Duration.ofSeconds(10));
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (rx.messages.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(rx.messages).hasSize(1);
            assertThat(RFC5424.matcher(rx.texts().getFirst()).matches()).isTrue();
            assertThat(rx.messages.getFirst().length).isLessThanOrEqualTo(2048);
        }
    }

    @Test
    void tcpReceiverKilledMidStreamGetsEveryMessageIdAfterItReturns() throws Exception {
        try (SyslogReceiver rx = SyslogReceiver.tcp()) {
            route("siem", Map.of("host", "127.0.0.1", "port", rx.port(), "transport", "tcp", "format", "json"));
            fx.ingest("s1", NotifyFixture.reports("t", "deauth_flood", "high", 300, Instant.parse("2026-11-30T11:00:00Z")));
            AutoCloseable sender = fx.background();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rx.messages.size() < 60 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            rx.kill();
            int before = rx.messages.size();
            Thread.sleep(1000);
            rx.restart();
            fx.drain(Duration.ofSeconds(60));
            sender.close();
            assertThat(before).isLessThan(300);
            Set<String> ids = new HashSet<>();
            for (String text : rx.texts()) {
                Matcher m = RFC5424.matcher(text);
                assertThat(m.matches()).isTrue();
                ids.add(params(m.group(7)).get("id"));
            }
            assertThat(ids).hasSize(300);
            assertThat(fx.count("SELECT count(*) FROM notify_deliveries WHERE state <> 'sent'")).isZero();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
