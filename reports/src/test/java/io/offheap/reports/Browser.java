package io.offheap.reports;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PrintOptions;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven by the system's chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}): no driver or browser is downloaded at run time, so Selenium Manager is
 * never asked. Records the console and every network request the page makes.
 *
 * <p>When Chromium is missing the tests fail under CI (the CI variable is set) and abort with a
 * visible warning elsewhere.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(env("OFFHEAP_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("OFFHEAP_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern REQUEST_URL = Pattern.compile("\"method\":\"Network\\.requestWillBeSent\".*?\"request\":\\{.*?\"url\":\"([^\"]*)\"");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Chromium with JavaScript on or off, in a fresh profile. */
    static Browser start(boolean javascript) {
        requireInstalled();
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        try {
            Path profile = Files.createTempDirectory("offheap-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            if (!javascript) {
                options.addArguments("--blink-settings=scriptEnabled=false");
            }
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withSilent(true)
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "the HTML report's browser tests need headless Chromium and its driver: install the Debian "
                + "packages chromium and chromium-driver (apt-get install chromium chromium-driver); looked for "
                + CHROMIUM + " and " + CHROMEDRIVER + " (OFFHEAP_CHROMIUM, OFFHEAP_CHROMEDRIVER)";
        if (System.getenv("CI") != null) {
            throw new AssertionFailedError(message);
        }
        System.err.println("WARNING: " + message + "; browser tests skipped");
        throw new TestAbortedException(message);
    }

    /** What one page load did. */
    record Load(String url, long wallMillis, double loadEventMillis, List<String> console, List<String> requests) {
        /** Console messages at SEVERE (errors, CSP violations). */
        List<String> errors() {
            return console.stream().filter(m -> m.startsWith("SEVERE")).toList();
        }

        /** Requests for anything but the page itself. */
        List<String> otherRequests() {
            return requests.stream().filter(r -> !r.equals(url)).toList();
        }
    }

    /** Opens a file and waits for its load event; console and network logs start empty for each page. */
    Load open(Path file) {
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
        String url = file.toAbsolutePath().toUri().toString();
        long start = System.nanoTime();
        driver.get(url);
        long wall = (System.nanoTime() - start) / 1_000_000;
        Object load = js("var n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : -1;");
        List<String> console = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(e.getLevel() + " " + e.getMessage());
        }
        List<String> requests = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            Matcher m = REQUEST_URL.matcher(e.getMessage());
            if (m.find()) {
                requests.add(m.group(1));
            }
        }
        Object resources = js("return performance.getEntriesByType('resource').map(function (r) { return r.name; });");
        if (resources instanceof List<?> names) {
            names.forEach(n -> requests.add(String.valueOf(n)));
        }
        return new Load(url, wall, load instanceof Number n ? n.doubleValue() : -1, console, requests);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A PNG of the whole page (not only the window) under target/screenshots. */
    Path screenshot(String name) {
        Number width = (Number) js("return Math.ceil(document.documentElement.scrollWidth);");
        Number height = (Number) js("return Math.ceil(document.documentElement.scrollHeight);");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height",
                        Math.min(height.intValue(), 16_000), "scale", 1)));
        return save(name + ".png", Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The page printed to PDF (the print stylesheet), under target/screenshots. */
    Path pdf(String name) {
        return save(name + ".pdf", Base64.getDecoder().decode(driver.print(new PrintOptions()).getContent()));
    }

    /** Applies the print stylesheet to the page on screen, or takes it off. */
    void emulatePrint(boolean print) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
    }

    private static Path save(String name, byte[] bytes) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name);
            Files.write(file, bytes);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
