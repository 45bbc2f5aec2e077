package io.offheap.reports;

import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Severity;
import io.offheap.analyzer.Totals;

import java.util.List;

/**
 * One input of {@code offheap batch}: what the summary keeps of a dump once its reports are written and its
 * graph and buffers are dropped, or why it could not be analysed. {@code json} and {@code html} are the
 * report files' names inside the output directory (html null when it could not be written); {@code warnings}
 * say what went wrong short of failing (GC logs that could not be used, the HTML report). For a failed input
 * only {@code dump}, {@code gcLogs}, {@code warnings} and {@code error} are set.
 */
public record BatchEntry(String dump, List<String> gcLogs, List<String> warnings, String json, String html, DumpInfo info,
                         Totals totals, List<Finding> findings, Retainer topRetainer, String verdict, String error) {

    public static BatchEntry analysed(String dump, List<String> gcLogs, List<String> warnings, String json, String html,
                                      Diagnosis d) {
        return new BatchEntry(dump, List.copyOf(gcLogs), List.copyOf(warnings), json, html, d.dump(), d.totals(), List.copyOf(d.findings()),
                d.retainers().isEmpty() ? null : d.retainers().get(0), d.verdict(), null);
    }

    public static BatchEntry failed(String dump, List<String> gcLogs, List<String> warnings, String error) {
        return new BatchEntry(dump, List.copyOf(gcLogs), List.copyOf(warnings), null, null, null, null, List.of(), null, null, error);
    }

    public boolean isAnalysed() {
        return error == null;
    }

    /** The most severe finding's severity, or null when there is none. */
    public Severity worst() {
        return findings.stream().map(Finding::severity).max(Severity::compareTo).orElse(null);
    }

    /** The top retainer as {@code class Foo#FIELD} or {@code Foo#field}; empty when nothing holds live memory. */
    String topHolder() {
        Retainer r = topRetainer;
        return r == null ? "" : (r.staticHolder() ? "class " : "") + r.className() + (r.field() != null ? "#" + r.field() : "");
    }

    /** Native memory the dump shows held or waiting: live, awaiting-gc and unowned bytes. */
    long heldBytes() {
        return totals.liveBytes() + totals.awaitingGcBytes() + totals.unownedBytes();
    }
}
