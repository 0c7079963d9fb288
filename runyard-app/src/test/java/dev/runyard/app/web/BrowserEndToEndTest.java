package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser: Debian's headless {@code /usr/bin/chromium} driven by Playwright, the server on a free
 * port. Skipped when chromium is not installed. Screenshots go to {@code target/screenshots}.
 */
class BrowserEndToEndTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static Javalin app;
    private static Playwright playwright;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: browser tests skipped");
        Files.createDirectories(SHOTS);
        app = TestApps.app().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void finderUpdatesTheTableAndTheUrlAsYouType() {
        Page page = browser.newPage();
        page.setDefaultTimeout(30_000);
        page.navigate(base + "/?gpu=RTX+4090&ram=64");
        Locator rows = page.locator("#results tbody tr");
        assertThat(rows.count()).isGreaterThan(0);
        String before = page.locator("#results tbody").innerText();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("finder-4090.png")).setFullPage(true));

        page.fill("#gpu", "RTX 3060");
        page.selectOption("#use_case", "coding");
        page.waitForFunction("() => location.search.includes('RTX+3060') && location.search.includes('use_case=coding')");
        page.waitForFunction("() => document.getElementById('machine').textContent.includes('3060')");
        assertThat(page.locator("#results tbody").innerText()).isNotEqualTo(before);
        assertThat(page.locator("#use-case").innerText()).isEqualTo("coding");
        assertThat(page.url()).contains("use_case=coding");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("finder-3060-coding.png")).setFullPage(true));

        page.locator("#results tbody tr a").first().click();
        page.waitForURL("**/models/**");
        assertThat(page.locator("h1").innerText()).isNotBlank();
        page.close();
    }

    @Test
    void savingARigThroughThePageSelectsIt() {
        // The form posts to /rigs; the browser's Origin header is what lets it through the same-origin check.
        Page page = browser.newPage();
        page.navigate(base + "/?gpu=RTX+4090&ram=64");
        page.locator("footer summary").click();
        page.fill("#rig-name", "desk");
        page.fill("#rig-gpu", "RTX 3090");
        page.fill("#rig-ram", "64");
        page.locator("footer button[type=submit]").click();
        page.waitForURL("**/?rig=desk");
        assertThat(page.locator("#rig-select option[value=desk]").count()).isEqualTo(1);
        assertThat((String) page.evaluate("() => document.getElementById('rig-select').value")).isEqualTo("desk");
        page.close();
    }

    @Test
    void modelPageDrawsItsCharts() {
        Page page = browser.newPage();
        page.navigate(base + "/models/Qwen/Qwen3-8B?gpu=RTX+3090");
        Locator bars = page.locator("#vram-bars");
        assertThat(bars.isVisible()).isTrue();
        assertThat(bars.boundingBox().width).isGreaterThan(200);
        assertThat(page.locator("#vram-bars rect").count()).isGreaterThan(8);
        assertThat(page.locator("#vram-bars line.limit").count()).isEqualTo(1);
        assertThat(page.locator("#ctx-chart polyline.series").count()).isGreaterThanOrEqualTo(8);
        assertThat(page.locator("#ctx-chart").boundingBox().height).isGreaterThan(100);
        assertThat(page.locator("button.copy").count()).isEqualTo(4);
        page.locator("#vram-bars").screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("model-vram-bars.png")));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("model-qwen3-8b.png")).setFullPage(true));
        page.close();
    }

    @Test
    void radarAndKeyboardNavigation() {
        Page page = browser.newPage();
        page.navigate(base + "/radar?gpu=RTX+4090&ram=64&fits=1");
        assertThat(page.locator("#timeline time").count()).isGreaterThan(0);
        page.keyboard().press("Tab");
        assertThat((String) page.evaluate("() => document.activeElement.textContent")).contains("Skip to content");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("radar.png")).setFullPage(true));
        page.close();
    }
}
