package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.controller.dashboard.session.DashboardPassword;
import io.sentinel.controller.dashboard.session.LoginThrottle;
import io.sentinel.controller.dashboard.session.SessionTokens;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.Format;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dashboard's small parts, without a server. */
class DashboardUnitsTest {

    @Test
    void bidiOverridesAndControlCharactersBecomeVisibleEscapes() {
        UntrustedText t = UntrustedText.of("Free\u202EiFW\u0007\u2066x\u200E\u200F\u0000");
        assertThat(t.unusual()).isTrue();
        assertThat(t.visible()).isEqualTo("Free\\u202EiFW\\u0007\\u2066x\\u200E\\u200F\\u0000");
        assertThat(t.segments()).filteredOn(UntrustedText.Segment::escaped).extracting(UntrustedText.Segment::text)
                .containsExactly("\\u202E", "\\u0007", "\\u2066", "\\u200E", "\\u200F", "\\u0000");
        assertThat(t.segments().stream().filter(s -> !s.escaped()).map(UntrustedText.Segment::text))
                .containsExactly("Free", "iFW", "x");
    }

    @Test
    void ordinaryNamesIncludingMarkupAndNonLatinScriptsAreNotMarked() {
        for (String ssid : new String[] {"HomeNet", "<img src=x onerror=alert(1)>", "Café Wi-Fi", "مقهى", "咖啡店", "emoji 📶"}) {
            UntrustedText t = UntrustedText.of(ssid);
            assertThat(t.unusual()).as(ssid).isFalse();
            assertThat(t.visible()).isEqualTo(ssid);
        }
        assertThat(UntrustedText.of("").empty()).isTrue();
        assertThat(UntrustedText.of(null).empty()).isTrue();
        assertThat(UntrustedText.of("a\u00A0b\u200Bc\uFEFF").unusual()).isTrue();
    }

    @Test
    void passwordHashMatchesOnlyTheSamePassword() {
        DashboardPassword p = DashboardPassword.hash("s3cret-passphrase".toCharArray(), 1_000);
        assertThat(p.matches("s3cret-passphrase".toCharArray())).isTrue();
        assertThat(p.matches("s3cret-passphrasE".toCharArray())).isFalse();
        assertThat(p.matches(new char[0])).isFalse();
        assertThat(p.matches(null)).isFalse();
        assertThatThrownBy(() -> DashboardPassword.hash(new char[0], 1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionCookiesExpireAndCannotBeAlteredOrForgedWithAnotherKey() {
        byte[] key = new byte[32];
        key[0] = 7;
        SessionTokens tokens = new SessionTokens(key, Duration.ofHours(8));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SessionTokens.Session s = tokens.newSession(t0);
        String cookie = tokens.encode(s);
        assertThat(tokens.decode(cookie, t0.plus(Duration.ofHours(7)))).contains(s);
        assertThat(tokens.decode(cookie, t0.plus(Duration.ofHours(8)))).isEmpty();
        assertThat(tokens.decode(cookie.replace("v1.", "v2."), t0)).isEmpty();
        assertThat(tokens.decode(cookie.substring(0, cookie.length() - 1) + (cookie.endsWith("0") ? "1" : "0"), t0)).isEmpty();
        assertThat(new SessionTokens(new byte[32], Duration.ofHours(8)).decode(cookie, t0)).isEmpty();
        assertThat(tokens.decode("garbage", t0)).isEmpty();
        assertThat(tokens.decode(null, t0)).isEmpty();
        // the CSRF token is bound to the session
        SessionTokens.Session other = tokens.newSession(t0);
        assertThat(tokens.csrfMatches(s, tokens.csrfToken(s))).isTrue();
        assertThat(tokens.csrfMatches(s, tokens.csrfToken(other))).isFalse();
        assertThat(tokens.csrfMatches(s, null)).isFalse();
    }

    @Test
    void throttleAllowsFiveFailuresPerWindowAndForgetsThemAfterwards() {
        LoginThrottle th = new LoginThrottle(5, Duration.ofMinutes(15), 100);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            assertThat(th.retryAfter("1.2.3.4", t0.plusSeconds(i))).isEmpty();
            th.failed("1.2.3.4", t0.plusSeconds(i));
        }
        assertThat(th.retryAfter("1.2.3.4", t0.plusSeconds(10)).orElseThrow()).isBetween(880L, 901L);
        assertThat(th.retryAfter("5.6.7.8", t0.plusSeconds(10))).isEmpty();
        assertThat(th.retryAfter("1.2.3.4", t0.plus(Duration.ofMinutes(16)))).isEmpty();
        th.failed("9.9.9.9", t0);
        th.succeeded("9.9.9.9");
        assertThat(th.retryAfter("9.9.9.9", t0)).isEmpty();
    }

    @Test
    void mitreLinksOnlyForWellFormedTechniqueIds() {
        assertThat(Format.mitreUrl("T1499")).isEqualTo("https://attack.mitre.org/techniques/T1499/");
        assertThat(Format.mitreUrl("T1557.002")).isEqualTo("https://attack.mitre.org/techniques/T1557/002/");
        assertThat(Format.mitreUrl("javascript:alert(1)")).isNull();
        assertThat(Format.mitreUrl("T1499/../../x")).isNull();
    }
}
