package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Notifications page in headless Chromium: a channel added through the form, hostile texts inert. */
class NotifyPageBrowserTest {
    static final String XSS = "<img src=x onerror=\"window.__xss=1;alert(1)\">\u202Egnp.exe";
    static DashboardServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "chromium and chromedriver are installed by .ci/run");
        server = DashboardServer.start(b -> b.passwordIterations(20_000));
        driver = Browser.start(Files.createTempDirectory("notify-chromium"), 1366, 1400);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void addingAChannelShowsItsHealthAndNoHostileTextRuns() throws Exception {
        driver.get(server.base() + "/dashboard/notify");
        driver.findElement(By.id("password")).sendKeys(DashboardServer.PASSWORD);
        driver.findElement(By.id("login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/dashboard"));
        driver.findElement(By.linkText("Notifications")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/dashboard/notify"));

        var form = driver.findElement(By.id("webhook-form"));
        form.findElement(By.name("id")).sendKeys("soc-hook");
        form.findElement(By.name("name")).sendKeys(XSS);
        form.findElement(By.name("url")).sendKeys("https://hooks.example.org/services/T/B/browser-secret");
        form.findElement(By.tagName("button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("notify-notice")).isEmpty());
        // a failure recorded by a sender, with a hostile echo in it, as the page shows it
        try (Connection c = server.db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE notify_channels SET last_error = ?, last_error_at = now(), consecutive_failures = 3 WHERE id = 'soc-hook'")) {
            ps.setString(1, "HTTP 500 from https://hooks.example.org/… " + XSS);
            ps.executeUpdate();
        }
        driver.findElement(By.id("test-soc-hook")).click();
        // the click posts and the page is replaced: the notice found first may go stale while it is read
        Browser.waitUpTo(driver, 10).until(d -> d.findElement(By.id("notify-notice")).getText()
                .contains("Test message"));
        Browser.screenshot(driver, "notify-01-channels");

        String row = driver.findElement(By.cssSelector("tr[data-channel='soc-hook']")).getText();
        assertThat(row).contains("<img src=x").contains("\\u202E").contains("https://hooks.example.org/…")
                .contains("3 failure(s) in a row").doesNotContain("browser-secret");
        assertThat(driver.getPageSource()).doesNotContain("browser-secret");
        assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#delivery-table tbody")).getText()).contains("test").contains("pending");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__xss")).isEqualTo("undefined");
    }
}
