package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.controller.dashboard.session.DashboardPassword;
import io.sentinel.controller.dashboard.session.LoginThrottle;
import io.sentinel.controller.dashboard.session.SessionTokens;
import io.sentinel.controller.dashboard.view.EvidenceTable;
import io.sentinel.controller.dashboard.view.SsidView;
import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.controller.dashboard.web.ChartData;
import io.sentinel.controller.dashboard.web.Format;
import io.sentinel.store.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
            assertThat(th.tryAttempt("1.2.3.4", t0.plusSeconds(i))).isEmpty();
        }
        assertThat(th.tryAttempt("1.2.3.4", t0.plusSeconds(10)).orElseThrow()).isBetween(880L, 901L);
        assertThat(th.retryAfter("1.2.3.4", t0.plusSeconds(10)).orElseThrow()).isBetween(880L, 901L);
        assertThat(th.retryAfter("5.6.7.8", t0.plusSeconds(10))).isEmpty();
        assertThat(th.tryAttempt("1.2.3.4", t0.plus(Duration.ofMinutes(16)))).isEmpty();
        th.tryAttempt("9.9.9.9", t0);
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

    @Test
    void anAlertWithoutSsidAHiddenNetworkAndAProbeResponseNameLookDifferent() {
        assertThat(SsidView.ofAlert(Optional.empty()).kind()).isEqualTo(SsidView.Kind.NONE);
        assertThat(SsidView.ofAlert(Optional.empty()).plain()).isEqualTo("—");
        assertThat(SsidView.ofAlert(Optional.of("")).kind()).isEqualTo(SsidView.Kind.HIDDEN);
        assertThat(SsidView.ofAlert(Optional.of("\u0000\u0000\u0000")).kind()).as("zeroed element").isEqualTo(SsidView.Kind.HIDDEN);
        assertThat(SsidView.ofAlert(Optional.of("Office")).kind()).isEqualTo(SsidView.Kind.NAMED);
        assertThat(SsidView.ofNetwork(Optional.empty(), true).kind()).isEqualTo(SsidView.Kind.HIDDEN);
        assertThat(SsidView.ofNetwork(Optional.empty(), false).plain()).isEqualTo("hidden network");
        SsidView probed = SsidView.ofNetwork(Optional.of("Backoffice"), true);
        assertThat(probed.kind()).isEqualTo(SsidView.Kind.FROM_PROBE_RESPONSES);
        assertThat(probed.plain()).isEqualTo("Backoffice");
        assertThat(probed.kind().label()).isEqualTo("via probe responses");
        // an SSID that spells a label is still a name
        assertThat(SsidView.ofAlert(Optional.of("hidden network")).kind()).isEqualTo(SsidView.Kind.NAMED);
        assertThat(SsidView.ofAlert(Optional.of("<hidden>")).kind()).isEqualTo(SsidView.Kind.NAMED);
    }

    @Test
    void confidenceHasOneFormatAndNumbersARoundedForPeople() {
        assertThat(Format.confidence(0.9)).isEqualTo("90 %");
        assertThat(Format.confidence(0.90000001)).isEqualTo("90 %");
        assertThat(Format.confidence(0.995)).as("not certain").isEqualTo("99 %");
        assertThat(Format.confidence(1.0)).isEqualTo("100 %");
        assertThat(Format.confidence(0.001)).isEqualTo("1 %");
        assertThat(Format.confidence(0)).isEqualTo("0 %");
        assertThat(Format.number(11698.0)).isEqualTo("11,698");
        assertThat(Format.number(42.5)).isEqualTo("42.5");
        assertThat(Format.number(85.00000000000001)).isEqualTo("85");
        assertThat(Format.number(0.25)).isEqualTo("0.25");
        assertThat(Format.number(Double.NaN)).isEqualTo("—");
        assertThat(Format.rate(Optional.empty())).isEqualTo("—");
        assertThat(Format.rate(Optional.of(0.0))).isEqualTo("0");
        assertThat(Format.details("{\"confidence\": 0.95, \"comment\": \"seen\"}")).isEqualTo("confidence: 95 % · comment: seen");
    }

    @Test
    void evidenceRowsHaveWordsUnitsAndListsAndKeepAirTextUntrusted() {
        EvidenceTable t = EvidenceTable.of("{\"window_s\": 10, \"rate_per_s\": 42.5, \"baseline_signal_dbm\": -60, "
                + "\"retry_share\": 0.125, \"beacon_interval_tu\": 100, \"channels\": [1, 6, 11], "
                + "\"sample_clients\": [\"aa:bb:cc:dd:ee:01\", \"aa:bb:cc:dd:ee:02\"], \"sample_ssids\": [\"Free\u202eiFW\"], "
                + "\"reason_codes\": {\"7\": 1200}, \"monitored\": true}");
        assertThat(t.rows()).extracting(EvidenceTable.Row::key).containsExactly("baseline_signal_dbm", "beacon_interval_tu",
                "channels", "monitored", "rate_per_s", "reason_codes.7", "retry_share", "sample_clients", "sample_ssids", "window_s");
        assertThat(row(t, "window_s")).isEqualTo("Window = 10 s");
        assertThat(row(t, "rate_per_s")).isEqualTo("Rate = 42.5 /s");
        assertThat(row(t, "baseline_signal_dbm")).isEqualTo("Baseline signal = -60 dBm");
        assertThat(row(t, "retry_share")).isEqualTo("Retry = 12.5 %");
        assertThat(row(t, "beacon_interval_tu")).isEqualTo("Beacon interval = 100 TU");
        assertThat(row(t, "channels")).isEqualTo("Channels = 1, 6, 11");
        assertThat(row(t, "monitored")).isEqualTo("Monitored = yes");
        assertThat(row(t, "reason_codes.7")).isEqualTo("Reason codes · 7 = 1,200");
        assertThat(t.rows()).filteredOn(r -> r.key().equals("sample_clients")).singleElement()
                .satisfies(r -> assertThat(r.list() && r.mono() && r.values().size() == 2).isTrue());
        assertThat(t.rows()).filteredOn(r -> r.key().equals("sample_ssids")).singleElement()
                .satisfies(r -> assertThat(r.values().getFirst().unusual()).isTrue());
        assertThat(t.raw()).contains("\"rate_per_s\" : 42.5");
        assertThat(EvidenceTable.of("{}").rows()).isEmpty();
    }

    private static String row(EvidenceTable t, String key) {
        EvidenceTable.Row r = t.rows().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        return r.label() + " = " + String.join(" | ", r.values().stream().map(UntrustedText::visible).toList());
    }

    @Test
    void chartsGiveEverySeriesItsOwnColourAndEveryBucketOfTheWindow() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<SeriesPoint> points = new ArrayList<>();
        String[] subtypes = {"beacon", "reassoc_resp", "probe_req", "probe_resp", "deauth", "disassoc", "auth", "assoc_req",
            "assoc_resp", "reassoc_req", "action", "null", "qos_data", "data"};
        for (int i = 0; i < subtypes.length; i++) {
            points.add(new SeriesPoint(t0.plusSeconds(600), subtypes[i], 100 - i));
        }
        ChartData c = ChartData.counts(points, List.of("beacon", "probe_req"), "frames", t0, t0.plusSeconds(1800),
                Duration.ofMinutes(10));
        assertThat(c.x()).containsExactly(t0.getEpochSecond(), t0.getEpochSecond() + 600, t0.getEpochSecond() + 1200,
                t0.getEpochSecond() + 1800);
        assertThat(c.step()).isEqualTo(600);
        assertThat(c.labels()).hasSize(10).startsWith("beacon", "probe_req").endsWith("other").contains("reassoc_resp");
        assertThat(new HashSet<>(c.colours().values())).hasSize(10);
        assertThat(c.series().getFirst().values()).containsExactly(0.0, 100.0, 0.0, 0.0);
        // severities keep their theme colours
        ChartData sev = ChartData.counts(List.of(new SeriesPoint(t0, "high", 2), new SeriesPoint(t0, "low", 1)),
                List.of("critical", "high", "medium", "low", "info"), "alerts", t0, t0, Duration.ofHours(1));
        assertThat(sev.colours()).containsEntry("high", "var:--sev-high").containsEntry("low", "var:--sev-low");
        // lines: one bucket is one bucket, gaps stay gaps
        ChartData rssi = ChartData.lines(List.of(new SeriesPoint(t0, "s1", -60.5)), "RSSI", Duration.ofMinutes(5));
        assertThat(rssi.x()).containsExactly(t0.getEpochSecond());
        assertThat(rssi.step()).isEqualTo(300);
        assertThat(ChartData.lines(List.of(), "RSSI", Duration.ofMinutes(5)).x()).isEmpty();
    }
}
