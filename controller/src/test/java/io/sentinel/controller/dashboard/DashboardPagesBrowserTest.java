package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page of the dashboard as a newcomer meets it, in headless Chromium at a desktop (1400 px)
 * and a tablet (800 px) width, each captured as a full-page screenshot
 * ({@code <build dir>/screenshots/pages-<width>-<page>.png}). On every page and width: no
 * panel, card row or table wider than its box (nothing clipped, no sideways scrolling) and no
 * timestamp on more than two lines. And the truths the pages must tell: one sensor-state
 * vocabulary with a finished replay shown as such, rates over the interval between heartbeats
 * ("—" without one), three visibly different SSID cases, one confidence format, evidence as a
 * table with the raw JSON one click away, a 404 page in the dashboard's frame for unknown paths,
 * chart axes that span the data (a single bucket too) and distinct colours per series.
 */
class DashboardPagesBrowserTest {

    static final int[] WIDTHS = {1400, 800};
    static final String OFFICE = "02:00:00:00:01:01";
    static final String HIDDEN = "02:00:00:00:01:02";
    static final String PROBED = "02:00:00:00:01:03";
    static final String LONG_NAME = "ThisIsAThirtyTwoCharacterSSID!!x";

    static DashboardServer server;
    static StoreData store;
    static ChromeDriver driver;
    static String deauthId;
    static String twinId;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian chromium and chromedriver are needed");
        server = DashboardServer.start();
        store = new StoreData(server.db);
        Instant now = Instant.now();
        // one sensor per state; two heartbeats 30 s apart give roof a rate of 200 frames/s
        store.sensor("roof", "Roof", now.minusSeconds(35), health(now.minusSeconds(35), 10_000, 100, "live"));
        store.heartbeat("roof", now.minusSeconds(5), health(now.minusSeconds(5), 16_000, 130, "live"));
        store.sensor("sample-sensor", "sentinel up sample", now.minusSeconds(33), health(now.minusSeconds(33), 11_698, 40, "replay_finished"));
        store.heartbeat("sample-sensor", now.minusSeconds(3), health(now.minusSeconds(3), 11_698, 70, "replay_finished"));
        store.sensor("lobby", "Lobby", now.minusSeconds(300), health(now.minusSeconds(300), 5_000, 900, "live"));
        store.sensor("basement", "Basement", now.minusSeconds(3600), health(now.minusSeconds(3600), 9_000, 50_000, "live"));
        store.enrolled("new-sensor", "Not yet installed");

        Instant first = now.minus(Duration.ofHours(2));
        // Office: one telemetry interval only, so its RSSI chart has a single 5-minute bucket
        store.telemetry("roof", "office-1", List.of(StoreData.ap(OFFICE, "Office", "wpa2-psk", 6, -58, "Acme", now.minusSeconds(50),
                now.minusSeconds(40), Map.of("beacon", 100L))));
        // a hidden network: beacons carry no SSID
        store.telemetry("roof", "hidden-1", List.of(StoreData.ap(HIDDEN, null, "wpa2-psk", 11, -70, null, first,
                now.minusSeconds(60), Map.of("beacon", 300L))));
        // beacons hide it, a probe response names it
        store.telemetry("roof", "probed-1", List.of(StoreData.ap(PROBED, null, "wpa2-eap", 1, -66, "Cisco", first,
                now.minusSeconds(120), Map.of("beacon", 280L))));
        store.telemetry("roof", "probed-2", List.of(StoreData.ap(PROBED, "Backoffice", "wpa2-eap", 1, -65, "Cisco", first,
                now.minusSeconds(30), Map.of("probe_resp", 4L))));
        store.telemetry("roof", "long-1", List.of(StoreData.ap("02:00:00:00:01:04", LONG_NAME, "open", 36, -80, null, first,
                now.minusSeconds(20), Map.of("beacon", 10L))));
        // fourteen subtypes in the air: at most ten series, each its own colour
        Map<String, Long> many = new LinkedHashMap<>();
        for (String s : List.of("beacon", "reassoc_resp", "probe_req", "probe_resp", "deauth", "disassoc", "auth", "assoc_req",
                "assoc_resp", "reassoc_req", "action", "null", "qos_data", "data")) {
            many.put(s, 5L + many.size());
        }
        store.telemetry("lobby", "air-1", List.of(StoreData.ap("02:00:00:00:01:05", "Cafe", "open", 1, -75, null, first,
                now.minusSeconds(100), many)));

        // a deauth flood on Office: no SSID in the alert, evidence with units and lists
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rate_per_s", 182.5);
        evidence.put("window_s", 10);
        evidence.put("threshold", 30);
        evidence.put("locally_administered_share", 0.85);
        evidence.put("targets", List.of("aa:bb:cc:00:00:01", "aa:bb:cc:00:00:02", "aa:bb:cc:00:00:03"));
        evidence.put("channels", List.of(1, 6, 11));
        evidence.put("reason_codes", Map.of("7", 1200, "3", 25));
        deauthId = store.alert("roof", "rep-deauth", "deauth_flood", "high", 0.9, null, OFFICE, now.minusSeconds(400),
                now.minusSeconds(100), 1225, "Deauthentication flood against Office", evidence);
        // an evil twin reported by two sensors: one confidence format (noisy-OR of 0.9 and 0.95 is 0.995)
        twinId = store.alert("roof", "rep-twin", "evil_twin", "critical", 0.9, "Office", OFFICE, now.minusSeconds(900),
                now.minusSeconds(300), 40, "Evil twin of Office", Map.of("signal_dbm", -31, "baseline_signal_dbm", -60));
        store.alert("lobby", "rep-twin-2", "evil_twin", "critical", 0.95, "Office", OFFICE, now.minusSeconds(880),
                now.minusSeconds(290), 12, "Evil twin of Office", Map.of("signal_dbm", -35));
        // an empty SSID element in the alert: a hidden network
        store.alert("roof", "rep-anomaly", "beacon_anomaly", "low", 0.6, "", HIDDEN, now.minusSeconds(500), now.minusSeconds(450),
                3, "Beacon anomaly", Map.of("beacon_interval_tu", 100));
        store.alert("roof", "rep-long", "karma", "medium", 0.7, LONG_NAME, "02:00:00:00:01:04", now.minusSeconds(700),
                now.minusSeconds(600), 77, "Karma answers for " + LONG_NAME, Map.of("distinct_ssids", 12));
        for (int i = 0; i < 16; i++) {
            store.alert("roof", "rep-pf-" + i, "probe_flood", i % 2 == 0 ? "low" : "info", 0.5 + i / 100.0, null, null,
                    now.minusSeconds(3000 + 60L * i), now.minusSeconds(2000 + 60L * i), 80 + i, "Probe flood " + i,
                    Map.of("requests_in_window", 200 + i, "window_s", 5));
        }
        driver = Browser.start(Files.createTempDirectory("dash-pages-chromium"), 1400, 900);
        login();
    }

    static String health(Instant sentAt, long frames, long uptime, String capture) {
        return "{\"sent_at\": " + sentAt.getEpochSecond() + "." + String.format("%06d", sentAt.getNano() / 1000)
                + ", \"frames_captured\": " + frames + ", \"frames_dropped\": 12, \"uptime_s\": " + uptime
                + ", \"spool_depth\": 0, \"clock_offset_ms\": 3, \"capture\": \"" + capture + "\", \"channels\": [{\"channel\": 6}]}";
    }

    static void login() {
        driver.get(server.base() + "/dashboard/login");
        driver.findElement(By.id("password")).sendKeys(DashboardServer.PASSWORD);
        driver.findElement(By.id("login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/dashboard"));
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private WebDriverWait waitUpTo(int seconds) {
        return Browser.waitUpTo(driver, seconds);
    }

    private String liveText(String id) {
        return Browser.liveText(driver, id);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void open(String path) {
        driver.get(server.base() + path);
        waitUpTo(10).until(d -> "complete".equals(js("return document.readyState")));
    }

    private void width(int w) {
        driver.manage().window().setSize(new Dimension(w, 900));
        long inner = (Long) js("return window.innerWidth");
        assertThat(inner).as("viewport width").isBetween((long) w - 20, (long) w);
    }

    private void waitForCharts() {
        waitUpTo(10).until(d -> (Boolean) js("return Array.from(document.querySelectorAll('[data-chart]'))"
                + ".every(c => c.getAttribute('data-state') === 'drawn' || c.getAttribute('data-state') === 'empty')"));
    }

    /** Panels, card rows, grids and tables that are wider than their box, and the page itself. */
    @SuppressWarnings("unchecked")
    private List<String> overflowing() {
        return (List<String>) js("var out = [];"
                + "if (document.documentElement.scrollWidth > window.innerWidth) out.push('page ' + document.documentElement.scrollWidth);"
                + "document.querySelectorAll('main .panel, main .cards, main .grid, main .table-wrap, main table, main form, header.top').forEach(function (e) {"
                + "  if (e.scrollWidth > e.clientWidth + 1) out.push((e.id || e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth);"
                + "  var r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 1) out.push((e.id || e.className || e.tagName) + ' right ' + r.right);"
                + "});"
                + "return out;");
    }

    /** Timestamps laid out on more than two lines. */
    @SuppressWarnings("unchecked")
    private List<String> tallTimestamps() {
        return (List<String>) js("var out = [];"
                + "document.querySelectorAll('time.when').forEach(function (t) {"
                + "  var lh = parseFloat(getComputedStyle(t.closest('td, dd, p, div') || t).lineHeight) || 22;"
                + "  var h = t.getBoundingClientRect().height; if (h > 2 * lh + 4) out.push(t.textContent + ' ' + h + 'px');"
                + "});"
                + "return out;");
    }

    /** A full-page screenshot at the current width. */
    private void shot(int w, String page) {
        // the window is taller than its viewport by the browser's own bars, if any
        long height = Math.min(8000, (Long) js("return Math.ceil(document.documentElement.scrollHeight"
                + " + window.outerHeight - window.innerHeight)"));
        driver.manage().window().setSize(new Dimension(w, (int) Math.max(900, height)));
        js("window.dispatchEvent(new Event('resize'))");
        try {
            Thread.sleep(300); // the charts redraw 150 ms after a resize
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Browser.screenshot(driver, "pages-" + w + "-" + page);
        driver.manage().window().setSize(new Dimension(w, 900));
    }

    /** Opens a page at a width, checks its layout and takes its screenshot. */
    private void visit(int w, String name, String path) {
        width(w);
        open(path);
        waitForCharts();
        assertThat(overflowing()).as("%s at %d px: overflowing boxes", name, w).isEmpty();
        assertThat(tallTimestamps()).as("%s at %d px: timestamps on more than two lines", name, w).isEmpty();
        shot(w, name);
    }

    @Test
    void everyPageFitsAtDesktopAndTabletWidthAndTellsTheTruth() {
        // the layout checks see what they look for: a table wider than its panel, a timestamp in a narrow cell
        width(800);
        open("/dashboard/alerts");
        js("var t = document.querySelector('#alert-table td'); var w = document.createElement('div');"
                + "w.id = 'too-wide'; w.style.width = '3000px'; w.textContent = 'x'; t.appendChild(w);"
                + "var c = document.querySelector('#alert-table time.when'); c.style.display = 'inline-block'; c.style.width = '3ch';"
                + "c.querySelectorAll('span').forEach(function (s) { s.style.whiteSpace = 'normal'; });");
        assertThat(overflowing()).anyMatch(o -> o.startsWith("table-wrap"));
        assertThat(tallTimestamps()).isNotEmpty();
        for (int w : WIDTHS) {
            visit(w, "overview", "/dashboard");
            overviewSaysWhatEachSensorIs(w);
            visit(w, "alerts", "/dashboard/alerts");
            alertListShowsTheThreeSsidCases();
            visit(w, "alert-deauth", "/dashboard/alerts/" + deauthId);
            alertPageShowsEvidenceAsATable();
            visit(w, "alert-twin", "/dashboard/alerts/" + twinId);
            assertThat(driver.findElement(By.id("alert-confidence")).getText()).isEqualTo("99 %");
            assertThat(driver.findElement(By.id("timeline")).getText()).contains("confidence 90 %").contains("confidence 95 %")
                    .doesNotContain("90.0").doesNotContain("0.9");
            visit(w, "networks", "/dashboard/networks");
            networkListShowsHiddenAndProbeLearntNames();
            visit(w, "network-office", "/dashboard/networks/" + OFFICE);
            chartAxisSpansTheData("chart-rssi");
            visit(w, "network-probed", "/dashboard/networks/" + PROBED);
            assertThat(driver.findElement(By.cssSelector("#network-ssid [data-ssid]")).getAttribute("data-ssid"))
                    .isEqualTo("probe_responses");
            visit(w, "sensors", "/dashboard/sensors");
            sensorsPageUsesTheStateVocabularyAndWindowedRates();
            visit(w, "signals", "/dashboard/signals");
            subtypeChartHasDistinctColours();
            chartAxisSpansTheData("chart-subtypes");
            visit(w, "not-found", "/dashboard/no/such/page");
            aDashboardFrame404();
            visit(w, "alert-not-found", "/dashboard/alerts/no-such-alert");
            aDashboardFrame404();
        }
        // the login page, logged out
        js("document.cookie = ''");
        driver.manage().deleteAllCookies();
        for (int w : WIDTHS) {
            visit(w, "login", "/dashboard/login");
        }
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("Refused"))
                .toList();
        assertThat(problems).isEmpty();
    }

    private void overviewSaysWhatEachSensorIs(int w) {
        // the cards are replaced by the live feed every few seconds: read them again when that happens
        for (String state : List.of("online", "replay-finished", "stale", "offline", "never-seen")) {
            assertThat(liveText("sensors-" + state)).as(state).isEqualTo("1");
        }
        assertThat(liveText("cards")).contains("sensors replay finished").contains("sensors never seen");
        // the latest alerts table shows its last column, each row at most two lines high
        WebElement table = driver.findElement(By.id("live-alerts"));
        assertThat(table.findElement(By.cssSelector("thead")).getText()).contains("Last seen");
        @SuppressWarnings("unchecked")
        List<Long> heights = (List<Long>) js("return Array.from(document.querySelectorAll('#live-alerts-body tr'))"
                + ".map(r => Math.round(r.getBoundingClientRect().height))");
        assertThat(heights).as("row heights at %d px", w).hasSizeGreaterThanOrEqualTo(15).allSatisfy(h -> assertThat(h).isLessThan(80));
    }

    private void alertListShowsTheThreeSsidCases() {
        WebElement deauth = driver.findElement(By.cssSelector("tr[data-alert-id='" + deauthId + "'] [data-ssid]"));
        assertThat(deauth.getAttribute("data-ssid")).isEqualTo("none");
        assertThat(deauth.getText()).isEqualTo("—");
        assertThat(deauth.getAttribute("title")).contains("carries no SSID");
        WebElement hidden = driver.findElement(By.cssSelector("tr[data-alert-id='rep-anomaly'] [data-ssid]"));
        assertThat(hidden.getAttribute("data-ssid")).isEqualTo("hidden");
        assertThat(hidden.getText()).isEqualTo("hidden network");
        assertThat(driver.findElement(By.id("alert-table")).getText()).doesNotContain("<hidden>");
    }

    private void alertPageShowsEvidenceAsATable() {
        assertThat(driver.findElement(By.cssSelector("#alert-ssid [data-ssid]")).getAttribute("data-ssid")).isEqualTo("none");
        assertThat(driver.findElement(By.id("alert-network")).getText()).contains("Office");
        assertThat(driver.findElement(By.id("alert-confidence")).getText()).isEqualTo("90 %");
        WebElement evidence = driver.findElement(By.id("evidence"));
        assertThat(row(evidence, "rate_per_s")).isEqualTo("Rate 183 /s");
        assertThat(row(evidence, "window_s")).isEqualTo("Window 10 s");
        assertThat(row(evidence, "locally_administered_share")).isEqualTo("Locally administered 85 %");
        assertThat(row(evidence, "targets")).contains("3:").contains("aa:bb:cc:00:00:01").contains("aa:bb:cc:00:00:03");
        assertThat(row(evidence, "channels")).isEqualTo("Channels 1, 6, 11");
        assertThat(row(evidence, "reason_codes.7")).isEqualTo("Reason codes · 7 1,200");
        // the raw JSON is one click away
        WebElement raw = driver.findElement(By.cssSelector("#evidence-raw pre"));
        assertThat(raw.isDisplayed()).isFalse();
        driver.findElement(By.cssSelector("#evidence-raw summary")).click();
        assertThat(raw.isDisplayed()).isTrue();
        assertThat(raw.getText()).contains("\"rate_per_s\" : 182.5").contains("\"aa:bb:cc:00:00:02\"");
    }

    private static String row(WebElement table, String key) {
        return table.findElement(By.cssSelector("tr[data-key='" + key + "']")).getText().replace('\n', ' ');
    }

    private void networkListShowsHiddenAndProbeLearntNames() {
        WebElement hidden = driver.findElement(By.cssSelector("tr[data-bssid='" + HIDDEN + "'] [data-ssid]"));
        assertThat(hidden.getAttribute("data-ssid")).isEqualTo("hidden");
        assertThat(hidden.getText()).isEqualTo("hidden network");
        WebElement probed = driver.findElement(By.cssSelector("tr[data-bssid='" + PROBED + "'] [data-ssid]"));
        assertThat(probed.getAttribute("data-ssid")).isEqualTo("probe_responses");
        assertThat(probed.getText()).contains("Backoffice").contains("via probe responses");
        WebElement office = driver.findElement(By.cssSelector("tr[data-bssid='" + OFFICE + "'] [data-ssid]"));
        assertThat(office.getAttribute("data-ssid")).isEqualTo("named");
        assertThat(office.getText()).isEqualTo("Office");
    }

    private void sensorsPageUsesTheStateVocabularyAndWindowedRates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (WebElement r : driver.findElements(By.cssSelector("#sensor-table tbody tr"))) {
            states.put(r.getAttribute("data-sensor"), r.getAttribute("data-state"));
        }
        assertThat(states).containsEntry("roof", "online").containsEntry("sample-sensor", "replay_finished")
                .containsEntry("lobby", "stale").containsEntry("basement", "offline").containsEntry("new-sensor", "never_seen");
        assertThat(driver.findElement(By.cssSelector("tr[data-sensor='sample-sensor'] .state")).getText()).isEqualTo("replay finished");
        assertThat(rate("roof")).isEqualTo("200");
        assertThat(rate("sample-sensor")).isEqualTo("0");
        assertThat(rate("lobby")).isEqualTo("—");
        assertThat(rate("basement")).isEqualTo("—");
        assertThat(rate("new-sensor")).isEqualTo("—");
    }

    private String rate(String sensor) {
        return driver.findElement(By.cssSelector("tr[data-sensor='" + sensor + "'] [data-rate]")).getText();
    }

    private void subtypeChartHasDistinctColours() {
        WebElement chart = driver.findElement(By.id("chart-subtypes"));
        List<String> colours = List.of(chart.getAttribute("data-colours").split(" "));
        assertThat(colours).hasSizeBetween(2, 10).doesNotHaveDuplicates();
    }

    /** The x axis spans the buckets with at most one bucket to spare: never years wide. */
    private void chartAxisSpansTheData(String id) {
        WebElement chart = waitUpTo(10).until(d -> {
            WebElement c = d.findElement(By.id(id));
            return "drawn".equals(c.getAttribute("data-state")) && c.getAttribute("data-x-min") != null ? c : null;
        });
        double first = Double.parseDouble(chart.getAttribute("data-x-first"));
        double last = Double.parseDouble(chart.getAttribute("data-x-last"));
        double step = Double.parseDouble(chart.getAttribute("data-x-step"));
        double min = Double.parseDouble(chart.getAttribute("data-x-min"));
        double max = Double.parseDouble(chart.getAttribute("data-x-max"));
        assertThat(step).isPositive();
        assertThat(min).as("axis start").isLessThanOrEqualTo(first);
        assertThat(max).as("axis end").isGreaterThanOrEqualTo(last);
        assertThat(max - min).as("axis span").isLessThanOrEqualTo(last - first + 2 * step);
    }

    private void aDashboardFrame404() {
        WebElement page = driver.findElement(By.id("error-page"));
        assertThat(page.getAttribute("data-status")).isEqualTo("404");
        assertThat(driver.findElement(By.cssSelector("header.top nav")).getText()).contains("Alerts").contains("Networks");
        assertThat(driver.getPageSource()).doesNotContain("\"error\"");
    }
}
