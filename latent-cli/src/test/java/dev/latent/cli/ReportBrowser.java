package dev.latent.cli;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

/**
 * Opens an HTML report in Debian's headless Chromium through Selenium, for the tests: what the page shows, the
 * browser's own errors, and a screenshot.
 */
final class ReportBrowser {
    private ReportBrowser() {}

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Whether Debian's chromium and chromium-driver are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /**
     * What the browser made of a page.
     * @param sections    the number of {@code section} elements
     * @param headings    the texts of the {@code h2} headings
     * @param images      the number of {@code img} elements
     * @param broken      the images that did not decode (naturalWidth 0), by source prefix
     * @param svgs        the number of inline {@code svg} elements
     * @param errors      the browser's SEVERE log entries (script and resource errors)
     */
    record Page(long sections, List<String> headings, long images, List<String> broken, long svgs, List<String> errors) {}

    /** Loads {@code html}, reads the page, and saves a full-width screenshot to {@code screenshot}. */
    @SuppressWarnings("unchecked")
    static Page open(Path html, Path screenshot) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(html.toUri().toString());
            JavascriptExecutor js = driver;
            long sections = (Long) js.executeScript("return document.querySelectorAll('section').length");
            List<String> headings = (List<String>) js.executeScript(
                    "return Array.from(document.querySelectorAll('h2')).map(h => h.textContent)");
            long images = (Long) js.executeScript("return document.images.length");
            List<String> broken = (List<String>) js.executeScript("return Array.from(document.images)"
                    + ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.substring(0, 40))");
            long svgs = (Long) js.executeScript("return document.querySelectorAll('svg').length");
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(screenshot.getParent());
            Files.copy(shot.toPath(), screenshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Page(sections, headings, images, broken, svgs, errors);
        } finally {
            driver.quit();
        }
    }
}
