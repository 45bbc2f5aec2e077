package io.offheap.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.GcReport;

import java.io.IOException;
import java.nio.file.Path;

/** The reports module's entry point: renders a {@link Diagnosis}; computes nothing. */
public final class Reports {
    private Reports() {
    }

    /** The short terminal summary, with control characters from the dump neutralised. */
    public static String text(Diagnosis d) {
        return TextReport.of(d);
    }

    /** The {@code offheap gc} summary. */
    public static String text(GcReport r) {
        return TextReport.of(r);
    }

    /** Writes the {@code gc} and {@code findings} sections of the JSON contract for GC logs alone. */
    public static void writeJson(GcReport r, Path target) throws IOException {
        OutputFile.writeBytes(target, out -> {
            try (JsonGenerator json = JsonReport.generator(out)) {
                JsonReport.write(r, json);
            }
        });
    }

    /** The {@code offheap diff} / {@code offheap trend} summary, with control characters from the dumps neutralised. */
    public static String text(Comparison c) {
        return DiffTextReport.of(c);
    }

    /** Writes a comparison's JSON: the {@code diff} section, and {@code trend} for more than two dumps. */
    public static void writeJson(Comparison c, Path target) throws IOException {
        OutputFile.writeBytes(target, out -> JsonReport.mapper().writeValue(out, DiffJsonReport.of(c)));
    }

    /** Writes a comparison's self-contained HTML page (figures per dump, growth chart, retainers), atomically. */
    public static void writeHtml(Comparison c, Path target) throws IOException {
        OutputFile.write(target, w -> PageTemplates.render("diff.jte", DiffPage.of(c, HtmlReport.CSS), w));
    }

    /** The {@code offheap batch} summary: every input, worst first. */
    public static String text(Batch b) {
        return BatchReport.text(b);
    }

    /** Writes {@code summary.json} of a batch, atomically. */
    public static void writeJson(Batch b, Path target) throws IOException {
        OutputFile.writeBytes(target, out -> JsonReport.mapper().writeValue(out, BatchReport.json(b)));
    }

    /** Writes the batch's {@code index.html}: one row per input, worst first, linking each dump's reports. */
    public static void writeHtml(Batch b, Path target) throws IOException {
        OutputFile.write(target, w -> PageTemplates.render("batch.jte", b, w));
    }

    /** Writes the {@code offheap/1} JSON contract (DESIGN.md) to {@code target}, atomically. */
    public static void writeJson(Diagnosis d, Path target) throws IOException {
        OutputFile.writeBytes(target, out -> {
            try (JsonGenerator json = JsonReport.generator(out)) {
                JsonReport.write(d, json);
            }
        });
    }

    /**
     * Writes the self-contained HTML report to {@code target}, atomically: one file with its styles,
     * script and charts inline that makes no network request, for attaching to an incident and reading
     * offline. Everything but sorting and filtering the buffers table works with JavaScript disabled.
     */
    public static void writeHtml(Diagnosis d, Path target) throws IOException {
        OutputFile.write(target, w -> HtmlReport.write(d, w));
    }
}
