package io.offheap.reports;

import io.offheap.analyzer.Diagnosis;

import java.nio.file.Path;

/**
 * Writes the HTML report of a dump, for looking at while working on the templates:
 * {@code java -cp ... io.offheap.reports.HtmlPreview <dump> <out.html> [gc.log]}.
 */
public final class HtmlPreview {
    private HtmlPreview() {
    }

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        Diagnosis d = args.length > 2 ? Dumps.analyze(dump, Path.of(args[2])) : Dumps.analyze(dump);
        long start = System.nanoTime();
        Reports.writeHtml(d, Path.of(args[1]));
        System.out.printf("%s: %d buffers, written in %d ms%n", args[1], d.buffers().size(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
