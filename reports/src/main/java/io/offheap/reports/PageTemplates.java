package io.offheap.reports;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.WriterOutput;

import java.io.Writer;

/**
 * Renders every page (the dump report, the comparison page, the batch index) from its JTE template,
 * precompiled by the jte-maven-plugin into this package (reports/pom.xml): every {@code ${...}} is
 * HTML-escaped for its context (OWASP encoder, as JTE does by default) after hidden characters are made
 * visible ({@link Text#visible}).
 */
final class PageTemplates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            PageTemplates.class.getClassLoader(), "io.offheap.reports");

    private PageTemplates() {
    }

    static void render(String template, Object page, Writer w) {
        ENGINE.render(template, page, new OwaspHtmlTemplateOutput(new WriterOutput(w)) {
            @Override
            public void writeUserContent(String value) {
                super.writeUserContent(Text.visible(value));
            }
        });
    }
}
