package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.HolderKind;
import io.offheap.analyzer.Retainer;
import io.offheap.samples.SampleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports of real dumps opened in headless Chromium: they load without a console error and without any
 * network request, show the verdict, findings, retainers, charts and buffers, sort and filter the
 * table, keep hostile names as text, and print. Screenshots and PDFs go to target/screenshots.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "html");
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(true);
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void bufferZooReportShowsEverythingAndSortsAndFilters() throws Exception {
        SampleResult run = Dumps.bufferZoo();
        Diagnosis d = Dumps.analyze(run.dump());
        Browser.Load load = open(d, "bufferzoo");

        assertEquals(Text.visible(d.verdict()), browser.one("h1.verdict").getText());
        assertEquals(d.findings().size(), browser.all("article.finding").size());
        List<WebElement> holders = browser.all("#retainers summary .holder");
        assertEquals(Math.min(d.retainers().size(), HtmlPage.TOP_RETAINERS), holders.size());
        assertEquals(d.retainers().get(0).holderName(), holders.get(0).getText());
        assertEquals("class " + run.text("holder.class") + "#" + run.text("holder.field"), holders.get(0).getText(),
                "the holder the program used");
        for (String chart : List.of("svg#gauge", "svg#chart-kinds", "svg#chart-capacity")) {
            assertFalse(browser.all(chart + " rect").isEmpty(), chart + " has bars");
        }
        assertTrue(browser.all("#gc").isEmpty(), "no GC section without a GC log");
        assertEquals(d.buffers().size(), rows().size());
        browser.screenshot("bufferzoo");

        sortsByCapacity(d);
        filters(d);
        printsWithThePrintStylesheet("bufferzoo");
        System.out.printf("bufferzoo report: %d bytes, loaded in %d ms (load event at %.0f ms)%n",
                Files.size(OUT.resolve("bufferzoo.html")), load.wallMillis(), load.loadEventMillis());
    }

    private void sortsByCapacity(Diagnosis d) {
        WebElement capacity = browser.all("#buffer-table thead th").get(3);
        capacity.findElement(By.tagName("button")).click();
        assertEquals("descending", capacity.getAttribute("aria-sort"));
        List<Long> shown = column(3);
        List<Long> expected = d.buffers().stream().map(Buffer::capacity).sorted((a, b) -> Long.compare(b, a)).toList();
        assertEquals(expected, shown, "biggest first after one click");
        capacity.findElement(By.tagName("button")).click();
        assertEquals("ascending", capacity.getAttribute("aria-sort"));
        List<Long> ascending = new ArrayList<>(expected);
        Collections.reverse(ascending);
        assertEquals(ascending, column(3), "smallest first after a second click");
        WebElement kind = browser.all("#buffer-table thead th").get(1);
        kind.findElement(By.tagName("button")).click();
        List<String> kinds = rows().stream().map(r -> r.getAttribute("data-kind")).toList();
        assertEquals(kinds.stream().sorted().toList(), kinds, "text columns A to Z first");
    }

    private void filters(Diagnosis d) {
        choose("filter-state", "awaiting-gc");
        long awaiting = d.buffers().stream().filter(b -> b.state() == BufferState.AWAITING_GC).count();
        List<WebElement> visible = visibleRows();
        assertEquals(awaiting, visible.size());
        visible.forEach(r -> assertEquals("awaiting-gc", r.getAttribute("data-state")));
        long reserved = d.buffers().stream().filter(b -> b.state() == BufferState.AWAITING_GC).mapToLong(Buffer::reservedBytes).sum();
        assertEquals(Text.exact(reserved), browser.one("#shown-reserved").getAttribute("title"), "totals follow the filter");
        assertTrue(browser.one("#buffer-status").getText().startsWith("Showing " + awaiting + " of "));
        choose("filter-state", "all");

        Retainer top = d.retainers().get(0);
        WebElement text = browser.one("#buffer-filter");
        text.sendKeys(Text.simpleName(top.className()).toLowerCase(Locale.ROOT));
        waitFor(() -> visibleRows().size() < rows().size());
        long held = d.buffers().stream().filter(b -> b.retainer() == top.id()).count();
        assertEquals(held, visibleRows().size(), "the text filter finds the holder's buffers");
        text.clear();
        text.sendKeys(" ");
        text.sendKeys(Keys.BACK_SPACE);
        waitFor(() -> visibleRows().size() == rows().size());
    }

    private void printsWithThePrintStylesheet(String name) throws Exception {
        browser.emulatePrint(true);
        try {
            assertEquals("none", browser.js("return getComputedStyle(document.querySelector('.toc')).display;"));
            assertEquals("none", browser.js("return getComputedStyle(document.getElementById('buffer-controls')).display;"));
        } finally {
            browser.emulatePrint(false);
        }
        Path pdf = browser.pdf(name);
        assertTrue(pdfPages(pdf) >= 2, "a report prints on several pages: " + pdf);
    }

    @Test
    void corpusDumpLoadsCleanly() throws Exception {
        Diagnosis d = Dumps.analyze(Dumps.corpusJdk17());
        open(d, "corpus-jdk17-all");
        assertEquals(Text.visible(d.verdict()), browser.one("h1.verdict").getText());
        assertEquals(Math.min(d.buffers().size(), BufferTable.TOP_ROWS), rows().size());
        assertEquals(d.findings().size(), browser.all("article.finding").size());
        browser.screenshot("corpus-jdk17-all");
    }

    @Test
    void gcLogDrawsTheTimelineWithTheDumpAndTheMissingOldCollection() throws Exception {
        Diagnosis d = Dumps.analyze(Dumps.demoDump(), Dumps.demoGcLog());
        assertNotNull(d.gc(), "the demo's GC log is joined");
        open(d, "demo-with-gc-log");
        WebElement chart = browser.one("#gc svg#chart-gc");
        assertEquals(1, chart.findElements(By.cssSelector("line.dump-line")).size(), "the dump's moment");
        assertFalse(chart.findElements(By.cssSelector("path.line-heap")).isEmpty(), "heap occupancy");
        assertEquals(d.gc().youngCollections(), chart.findElements(By.cssSelector(".m-young")).size());
        if (d.gc().lastOldCollectionBeforeDump() == null) {
            assertTrue(chart.getText().contains("no old-generation collection"), chart.getText());
        }
        assertFalse(browser.all("table.flags tbody tr").isEmpty(), "the JVM flags from the log");
        assertFalse(d.holders().isEmpty(), "the demo dump has the JVM's own file mappings");
        assertEquals(d.holders().size(), browser.all("#holders article.known-holder").size(), "one article per holder");
        WebElement mapped = browser.one("#holder-mapped-files");
        assertEquals(Text.visible(d.holders().stream().filter(h -> h.kind() == HolderKind.MAPPED_FILES).findFirst()
                .orElseThrow().description()), mapped.findElement(By.tagName("h3")).getText());
        assertFalse(mapped.findElements(By.cssSelector("table.holder-details tbody tr")).isEmpty(), "the mapped files, listed");
        assertTrue(browser.one(".toc a[href='#holders']").isDisplayed());
        browser.screenshot("demo-with-gc-log");
        browser.pdf("demo-with-gc-log");
    }

    @Test
    void hostileNamesFromARealDumpStayText() throws Exception {
        SampleResult run = Dumps.hostileNames();
        Diagnosis d = Dumps.analyze(run.dump());
        Browser.Load load = open(d, "hostile-names");
        assertEquals(null, browser.js("return window.pwned;"), "no markup from the dump ran");
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert());
        assertEquals(1L, browser.js("return document.scripts.length;"), "only the report's own script");
        assertEquals(0L, browser.js("return document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length;"));
        assertEquals(1L, browser.js("return document.querySelectorAll('style').length;"));

        List<String> holders = browser.all("#retainers summary .holder").stream().map(WebElement::getText).toList();
        String staticHolder = "class " + run.text("static.class") + "#" + run.text("static.field");
        String instanceHolder = run.text("instance.class") + "#" + run.text("instance.field");
        assertTrue(holders.contains(Text.visible(staticHolder)), holders + " has " + Text.visible(staticHolder));
        assertTrue(holders.contains(Text.visible(instanceHolder)), holders + " has " + Text.visible(instanceHolder));
        assertTrue(load.errors().isEmpty(), load.errors().toString());
        browser.screenshot("hostile-names");
    }

    /** Markup, entities and controls in every text field, including {@code </style>} and {@code </script>}. */
    @Test
    void hostileTextInEveryFieldStaysText() throws Exception {
        open(Fixtures.everywhere(Fixtures.HOSTILE), "hostile-everywhere");
        assertEquals(null, browser.js("return window.pwned;"), "no markup from the dump ran");
        assertEquals(1L, browser.js("return document.scripts.length;"));
        assertEquals(1L, browser.js("return document.querySelectorAll('style').length;"));
        assertEquals(0L, browser.js("return document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length;"));
        assertEquals("rgb(245, 247, 250)", browser.js("return getComputedStyle(document.body).backgroundColor;"),
                "the stylesheet is whole");
        String shown = Text.visible(Fixtures.HOSTILE);
        assertEquals(shown, browser.one("h1.verdict").getText());
        assertEquals(shown, browser.one("table.flags tbody td code").getText());
        assertEquals(shown, browser.one("#findings article h3").getText());
        assertEquals(shown, browser.one("#holder-thread-io-cache h3").getText());
        browser.screenshot("hostile-everywhere");
    }

    @Test
    void twoHundredThousandBuffersMakeASmallReportThatOpensQuickly() throws Exception {
        SampleResult run = Dumps.manyBuffers();
        Diagnosis d = Dumps.analyze(run.dump());
        assertTrue(d.buffers().size() >= run.number("buffers.made"), d.buffers().size() + " buffers");
        assertTrue(d.buffers().size() >= 200_000);
        long start = System.nanoTime();
        Path html = OUT.resolve("many-buffers.html");
        Reports.writeHtml(d, html);
        long writeMillis = (System.nanoTime() - start) / 1_000_000;
        long size = Files.size(html);
        assertTrue(size < 5 * 1024 * 1024, size + " bytes");

        Browser.Load load = browser.open(html);
        assertClean(load);
        assertEquals(BufferTable.TOP_ROWS, rows().size());
        assertFalse(browser.all("#buffer-groups tbody tr").isEmpty(), "the rest, summed");
        long t = System.nanoTime();
        choose("filter-state", "live");
        long filterMillis = (System.nanoTime() - t) / 1_000_000;
        visibleRows().forEach(r -> assertEquals("live", r.getAttribute("data-state")));
        t = System.nanoTime();
        browser.all("#buffer-table thead th").get(4).findElement(By.tagName("button")).click();
        long sortMillis = (System.nanoTime() - t) / 1_000_000;
        browser.screenshot("many-buffers");
        System.out.printf("many-buffers report: %,d buffers, %,d bytes, written in %d ms; opened in %d ms (load event at "
                        + "%.0f ms); filter %d ms, sort %d ms%n", d.buffers().size(), size, writeMillis, load.wallMillis(),
                load.loadEventMillis(), filterMillis, sortMillis);
    }

    /** The network check is only worth something if it sees a request when there is one. */
    @Test
    void theNetworkCheckSeesRequests() throws Exception {
        Path probe = OUT.resolve("probe.html");
        Files.writeString(probe, "<!DOCTYPE html><title>probe</title><img src=\"http://127.0.0.1:9/offheap-probe.png\">");
        Browser.Load load = browser.open(probe);
        assertTrue(load.otherRequests().stream().anyMatch(r -> r.contains("offheap-probe")), load.requests().toString());
    }

    /** Opens the report of {@code d} and checks it loaded without errors or requests. */
    private static Browser.Load open(Diagnosis d, String name) throws Exception {
        Path html = OUT.resolve(name + ".html");
        Reports.writeHtml(d, html);
        Browser.Load load = browser.open(html);
        assertClean(load);
        return load;
    }

    static void assertClean(Browser.Load load) {
        assertTrue(load.errors().isEmpty(), "console errors: " + load.errors());
        assertTrue(load.otherRequests().isEmpty(), "network requests: " + load.otherRequests());
    }

    private static List<WebElement> rows() {
        return browser.all("#buffer-table tbody tr");
    }

    private static List<WebElement> visibleRows() {
        return browser.all("#buffer-table tbody tr:not([hidden])");
    }

    /** Picks an option of a filter by its text, as a person would. */
    private static void choose(String select, String option) {
        for (WebElement o : browser.one("#" + select).findElements(By.tagName("option"))) {
            if (o.getText().equals(option)) {
                o.click();
                return;
            }
        }
        throw new AssertionError("no option " + option + " in #" + select);
    }

    /** The numbers behind one column of the buffers table, in the order shown. */
    private static List<Long> column(int index) {
        List<?> values = (List<?>) browser.js("var i = arguments[0]; return Array.prototype.map.call("
                + "document.querySelectorAll('#buffer-table tbody tr'), function (r) { return r.cells[i].getAttribute('data-v'); });",
                index);
        return values.stream().map(v -> Long.parseLong(String.valueOf(v))).toList();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the page");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int pdfPages(Path pdf) throws Exception {
        String text = new String(Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1);
        return (int) java.util.regex.Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count();
    }
}
