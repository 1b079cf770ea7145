package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real server and database: log in, watch
 * an alert arrive over server-sent events without a reload, acknowledge it, filter, open a
 * network's RSSI chart, see hostile SSIDs shown inert and marked, log out. Screenshots go to
 * {@code <build dir>/screenshots}.
 */
class DashboardBrowserTest {

    static final String XSS_IMG = "<img src=x onerror=alert(1)>";
    static final String XSS_SVG = "<svg onload=__xss=1>";
    static final String RLO = "Free\u202EiFW\u0007\u2066Cafe\u200F\u0001";
    static final String RLO_BSSID = "02:00:00:00:00:0b";

    static DashboardServer server;
    static TestData data;
    static StoreData store;
    static ChromeDriver driver;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian chromium and chromedriver are needed");
        server = DashboardServer.start();
        data = new TestData(server.db.dataSource());
        store = new StoreData(server.db);
        Instant now = Instant.now();
        store.sensor("s1", "roof \u202Eeno", now.minusSeconds(5),
                "{\"frames_captured\": 120000, \"frames_dropped\": 42, \"uptime_s\": 600, \"spool_depth\": 3, \"clock_offset_ms\": -12, "
                        + "\"channels\": [{\"channel\": 1, \"dwell_ms\": 200, \"frames\": 10}, {\"channel\": 6, \"dwell_ms\": 200, \"frames\": 20}]}");
        store.sensor("s2", "lobby", now.minusSeconds(3600), "{}");
        Instant first = now.minusSeconds(7200);
        store.telemetry("s1", "inv-1", List.of(
                StoreData.ap("02:00:00:00:00:0a", XSS_IMG, "wpa2-psk", 6, -60, "Evil <b>Vendor</b>", first, now.minusSeconds(30), Map.of("beacon", 10L)),
                StoreData.ap("02:00:00:00:00:0c", XSS_SVG, "wpa3-sae", 36, -65, null, first, now.minusSeconds(10), Map.of("beacon", 10L)),
                StoreData.ap("02:00:00:00:00:0d", "HomeNet", "wpa2-psk", 1, -55, "Acme", first, now.minusSeconds(10), Map.of("beacon", 10L))));
        // the RLO network heard by both sensors, every 5 minutes for two hours
        for (int i = 23; i >= 0; i--) {
            Instant t = now.minus(Duration.ofMinutes(5L * i + 1));
            store.telemetry("s1", "rlo-s1-" + i, List.of(StoreData.ap(RLO_BSSID, RLO, "open", 11, -50 + (i % 5), "Vendor\u202Ex",
                    first, t, Map.of("beacon", 100L + i, "probe_resp", 7L))));
            store.telemetry("s2", "rlo-s2-" + i, List.of(StoreData.ap(RLO_BSSID, RLO, "open", 11, -72 + (i % 3), "Vendor\u202Ex",
                    first, t, Map.of("beacon", 40L + i, "deauth", (long) (i % 4)))));
            data.ingest("s1", "batch-" + i, "telemetry", now.minus(Duration.ofMinutes(i)), 20 + i);
        }
        store.alert("s1", "rep-high", "deauth_flood", "high", "HomeNet", "02:00:00:00:00:0d", now.minusSeconds(3000),
                now.minusSeconds(2000), 500, "Deauthentication flood against HomeNet");
        store.alert("s1", "rep-low", "probe_flood", "low", XSS_IMG, "02:00:00:00:00:0a", now.minusSeconds(3000),
                now.minusSeconds(1900), 80, "Probe flood near " + XSS_IMG);
        String rlo = store.alert("s2", "rep-rlo", "evil_twin", "critical", RLO, RLO_BSSID, now.minusSeconds(3000),
                now.minusSeconds(1800), 12, "Evil twin of " + RLO);
        // a second sensor reports the same evil twin: merged into the same alert, a repeat on its timeline
        assertThat(store.alert("s1", "rep-rlo-2", "evil_twin", "critical", RLO, RLO_BSSID, now.minusSeconds(2900),
                now.minusSeconds(1700), 7, "Evil twin of " + RLO)).isEqualTo(rlo);
        profile = Files.createTempDirectory("dash-chromium");
        driver = Browser.start(profile, 1366, 900);
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, server);
    }

    private WebDriverWait waitUpTo(int seconds) {
        return Browser.waitUpTo(driver, seconds);
    }

    /** Text of an element that the live feed may replace at any moment. */
    private String liveText(String id) {
        return Browser.liveText(driver, id);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
    }

    private void open(String path) {
        driver.get(server.base() + path);
    }

    @Test
    void operatorJourney() throws Exception {
        // not logged in: the login page
        open("/dashboard");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/login");
        driver.findElement(By.id("password")).sendKeys("wrong password");
        driver.findElement(By.id("login")).click();
        // the refusal is a new page after a slow (PBKDF2) check: wait for it rather than racing the POST
        waitUpTo(20).until(d -> !d.findElements(By.id("login-error")).isEmpty());
        assertThat(driver.findElement(By.id("login-error")).getText()).contains("Wrong password");
        Browser.screenshot(driver, "01-login-refused");
        driver.findElement(By.id("password")).sendKeys(DashboardServer.PASSWORD);
        driver.findElement(By.id("login")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/dashboard"));

        // overview: live feed connected, charts drawn
        waitUpTo(10).until(d -> "true".equals(d.findElement(By.id("live")).getAttribute("data-connected")));
        waitUpTo(10).until(d -> "drawn".equals(d.findElement(By.id("chart-severity")).getAttribute("data-state")));
        waitUpTo(10).until(d -> "drawn".equals(d.findElement(By.id("chart-ingest")).getAttribute("data-state")));
        assertThat(liveText("sensors-online")).isEqualTo("1");
        assertThat(liveText("sensors-offline")).isEqualTo("1");
        assertNoScriptRan();
        Browser.screenshot(driver, "02-overview");

        // a new alert arrives while the page stays open: no reload (the marker survives)
        js("window.__marker = 42;");
        Instant now = Instant.now();
        String liveId = store.alert("s1", "rep-live", "evil_twin", "critical", XSS_IMG, "02:00:00:00:00:0a", now.minusSeconds(5), now, 9,
                "Evil twin " + XSS_IMG);
        WebElement row = waitUpTo(15).until(d -> d.findElements(By.cssSelector("#live-alerts-body tr[data-alert-id='" + liveId + "']"))
                .stream().findFirst().orElse(null));
        assertThat(js("return window.__marker")).isEqualTo(42L);
        // each alert once: rows the page rendered are not repeated by the feed's look-back
        assertThat(js("var ids = Array.from(document.querySelectorAll('#live-alerts-body tr')).map(r => r.dataset.alertId);"
                + " return ids.length === new Set(ids).size && ids.length === 4")).isEqualTo(true);
        assertThat(row.getText()).contains(XSS_IMG).contains("evil_twin");
        assertThat(row.findElements(By.tagName("img"))).isEmpty();
        assertThat(js("return document.querySelectorAll('#live-alerts-body img, #live-alerts-body svg').length")).isEqualTo(0L);
        waitUpTo(10).until(d -> d.findElement(By.id("open-alerts")).getText().equals("4"));
        assertNoScriptRan();
        Browser.screenshot(driver, "03-overview-live-alert");

        // acknowledge it with a comment
        row.findElement(By.linkText("evil_twin")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/dashboard/alerts/" + liveId));
        assertThat(driver.findElements(By.cssSelector("a.mitre"))).extracting(e -> e.getAttribute("href"))
                .contains("https://attack.mitre.org/techniques/T1499/", "https://attack.mitre.org/techniques/T1557/002/");
        driver.findElement(By.id("ack-comment")).sendKeys("on it, checking the lobby AP");
        driver.findElement(By.id("ack")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("alert-status")).getText().equals("acknowledged"));
        assertThat(driver.findElement(By.id("alert-comment")).getText()).isEqualTo("on it, checking the lobby AP");
        assertThat(driver.findElement(By.id("timeline")).getText()).contains("acknowledged");
        assertNoScriptRan();
        Browser.screenshot(driver, "04-alert-acknowledged");

        // filter the list
        open("/dashboard/alerts");
        new Select(driver.findElement(By.id("f-severity"))).selectByValue("critical");
        driver.findElement(By.id("apply-filters")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().contains("severity=critical"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#alert-table tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.cssSelector(".sev")).getText()).isEqualTo("critical"));
        new Select(driver.findElement(By.id("f-status"))).selectByValue("acknowledged");
        driver.findElement(By.id("apply-filters")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().contains("status=acknowledged"));
        assertThat(driver.findElements(By.cssSelector("#alert-table tbody tr"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-alert-id")).isEqualTo(liveId));
        Browser.screenshot(driver, "05-alerts-filtered");

        // hostile names in the inventory: inert and visibly marked
        open("/dashboard/networks");
        WebElement table = driver.findElement(By.id("network-table"));
        assertThat(table.getText()).contains(XSS_IMG).contains(XSS_SVG);
        assertThat(table.findElements(By.tagName("img"))).isEmpty();
        assertThat(table.findElements(By.tagName("svg"))).isEmpty();
        WebElement rloRow = driver.findElement(By.cssSelector("tr[data-bssid='" + RLO_BSSID + "']"));
        assertThat(rloRow.findElements(By.cssSelector(".unusual-mark"))).isNotEmpty();
        assertThat(rloRow.findElements(By.cssSelector(".untrusted .esc"))).extracting(WebElement::getText)
                .contains("\\u202E", "\\u0007", "\\u2066", "\\u200F", "\\u0001");
        // no raw override character reaches the DOM text of the row
        assertThat(rloRow.getText()).doesNotContain("\u202E").doesNotContain("\u2066");
        assertNoScriptRan();
        Browser.screenshot(driver, "06-networks-hostile-names");

        // a network's page with the RSSI chart, one series per sensor
        rloRow.findElement(By.linkText(RLO_BSSID)).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/dashboard/networks/" + RLO_BSSID));
        WebElement chart = waitUpTo(10).until(d -> {
            WebElement c = d.findElement(By.id("chart-rssi"));
            return "drawn".equals(c.getAttribute("data-state")) ? c : null;
        });
        assertThat(chart.getAttribute("data-series")).isEqualTo("2");
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(driver.findElement(By.id("hearings")).getText()).contains("s1").contains("s2");
        assertNoScriptRan();
        Browser.screenshot(driver, "07-network-rssi-chart");

        // sensors and signals
        open("/dashboard/sensors");
        assertThat(driver.findElement(By.cssSelector("tr[data-sensor='s1']")).getText()).contains("online").contains("-12 ms");
        assertThat(driver.findElement(By.cssSelector("tr[data-sensor='s2']")).getText()).contains("offline");
        driver.findElement(By.id("enrol-id")).sendKeys("sensor-new");
        driver.findElement(By.id("enrol-name")).sendKeys("Hall");
        driver.findElement(By.id("enrol")).click();
        String key = waitUpTo(10).until(d -> d.findElement(By.id("sensor-key"))).getText();
        assertThat(key).matches("[0-9a-f]{64}");
        Browser.screenshot(driver, "08-sensors-enrolled");
        open("/dashboard/sensors");
        assertThat(driver.getPageSource()).doesNotContain(key);

        open("/dashboard/signals");
        waitUpTo(10).until(d -> "drawn".equals(d.findElement(By.id("chart-subtypes")).getAttribute("data-state")));
        assertThat(driver.findElement(By.cssSelector("tr[data-channel='11']")).getText()).contains("11");
        Browser.screenshot(driver, "09-signals");

        // dark mode and a tablet-sized window
        Browser.darkMode(driver, true);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        open("/dashboard");
        waitUpTo(10).until(d -> "drawn".equals(d.findElement(By.id("chart-severity")).getAttribute("data-state")));
        Browser.screenshot(driver, "10-overview-dark-tablet");
        Browser.darkMode(driver, false);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));

        // the browser reported no CSP violation and no script error on any page
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("Refused"))
                .toList();
        assertThat(problems).isEmpty();

        // log out: back to the login page, and pages are closed again
        open("/dashboard");
        driver.findElement(By.id("logout")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/dashboard/login"));
        open("/dashboard/alerts");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/login");
        Browser.screenshot(driver, "11-logged-out");
    }
}
