package io.sentinel.worker.notify;

import static io.sentinel.worker.notify.NotifyFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailDeliveryTest extends NotifyDatabaseTest {
    static final String SSID = "<script>alert('x')</script>\u202E&amp;\nBcc: victim@example.org";
    GreenMail mail;

    @BeforeEach
    void setUp() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        mail.setUser("sentinel@example.org", "sentinel", "mail-password-123");
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    void routeTo(Map<String, Object> settings) throws Exception {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", "mail");
        channel.put("kind", "email");
        channel.put("settings", settings);
        channel.put("secrets", Map.of("password", "mail-password-123"));
        fx.channel(channel);
        fx.rule(Map.of("id", "mail-all", "channels", List.of("mail")));
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        fx.ingest("s1", List.of(alert("m1", "evil_twin", "high", "aa:bb:cc:00:00:07", SSID, t, t.plusSeconds(3), 7)));
    }

    static Map<String, Object> settings(int port, String security) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", "localhost");
        s.put("port", port);
        s.put("security", security);
        s.put("from", "sentinel@example.org");
        s.put("to", List.of("soc@example.org"));
        s.put("username", "sentinel");
        return s;
    }

    void assertEscapedMail(MimeMessage m) throws Exception {
        String id = m.getHeader("X-Sentinel-Message-Id")[0];
        assertThat(m.getMessageID()).isEqualTo("<" + id + "@sentinel>");
        assertThat(m.getSubject()).isEqualTo("[Sentinel] [HIGH] evil_twin opened");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getAllRecipients()).hasSize(1);
        Multipart alt = (Multipart) m.getContent();
        assertThat(alt.getContentType()).startsWith("multipart/alternative");
        String text = (String) alt.getBodyPart(0).getContent();
        String html = (String) alt.getBodyPart(1).getContent();
        assertThat(alt.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(text).contains("SSID: <script>alert('x')</script>\\u202E&amp;\\u000ABcc: victim@example.org");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\u202E&amp;amp;\\u000ABcc: victim@example.org")
                .doesNotContain("<script>").doesNotContain("\u202E");
        assertThat(html).contains(id);
    }

    @Test
    void plainSmtpWithAuthDeliversEscapedTextAndHtml() throws Exception {
        routeTo(settings(mail.getSmtp().getPort(), "none"));
        fx.drain(Duration.ofSeconds(20));
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertEscapedMail(got[0]);
    }

    @Test
    void startTlsIsRequiredAndUsed() throws Exception {
        TestCertificate cert = TestCertificate.create(tmp);
        try (StartTlsProxy proxy = new StartTlsProxy(cert.serverContext(), mail.getSmtp().getPort())) {
            Map<String, Object> s = settings(proxy.port(), "starttls");
            s.put("ca_pem", cert.pem());
            routeTo(s);
            fx.drain(Duration.ofSeconds(20));
            assertThat(proxy.upgraded.get()).isPositive();
            MimeMessage[] got = mail.getReceivedMessages();
            assertThat(got).hasSize(1);
            assertEscapedMail(got[0]);
        }
    }

    @Test
    void aServerWithoutStartTlsGetsNoMailWhenStartTlsIsRequired() throws Exception {
        routeTo(settings(mail.getSmtp().getPort(), "starttls"));
        fx.dispatcher.dispatchOnce();
        fx.sender.sendOnce();
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(fx.repo.channel("mail").orElseThrow().health().lastError()).get().asString()
                .contains("SMTP failure").doesNotContain("mail-password-123");
    }
}
