package io.offheap.reports;

import io.offheap.analyzer.Diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The self-contained HTML report: one file with its styles, script and charts inline, for incident
 * tickets read later, offline. Rendered by the JTE templates in {@code src/main/jte} (compiled at build
 * time, HTML escaping on every {@code ${...}}); the stylesheet and script are this module's own
 * resources, allowed by their hashes in the page's Content-Security-Policy, which forbids every network
 * request and every other script.
 */
final class HtmlReport {
    static final String CSS = resource("report.css");
    static final String SCRIPT = resource("report.js");
    /** Nothing from the network or anywhere else; only our own inline style and script, by hash; data: images (the favicon). */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '" + sha256(SCRIPT)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlReport() {
    }

    static void write(Diagnosis d, Writer w) {
        PageTemplates.render("report.jte", HtmlPage.of(d, CSS, SCRIPT), w);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the offheap-reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
