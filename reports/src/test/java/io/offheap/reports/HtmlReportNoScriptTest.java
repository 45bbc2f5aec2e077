package io.offheap.reports;

import io.offheap.analyzer.Diagnosis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With JavaScript disabled (as in many ticket previews) everything but sorting and filtering is there. */
class HtmlReportNoScriptTest {
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.start(false);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void reportReadsWithoutJavaScript() throws Exception {
        Diagnosis d = Dumps.analyze(Dumps.demoDump(), Dumps.demoGcLog());
        Path html = Path.of("target", "html", "demo-no-javascript.html");
        Files.createDirectories(html.getParent());
        Reports.writeHtml(d, html);
        Browser.Load load = browser.open(html);
        HtmlReportBrowserTest.assertClean(load);

        assertEquals("", browser.one("html").getAttribute("class"), "the page's script did not run");
        assertEquals(Text.visible(d.verdict()), browser.one("h1.verdict").getText());
        assertFalse(browser.one("#buffer-controls").isDisplayed(), "no controls that would do nothing");
        for (WebElement row : browser.all("#buffer-table tbody tr")) {
            assertTrue(row.isDisplayed());
        }
        assertEquals(d.buffers().size(), browser.all("#buffer-table tbody tr").size());
        for (String part : new String[] {"svg#gauge", "svg#chart-kinds", "svg#chart-capacity", "svg#chart-gc", "#findings article",
                "#glossary dl", "#accounting table"}) {
            assertTrue(browser.one(part).isDisplayed(), part);
        }
        browser.screenshot("demo-no-javascript");
    }
}
