package io.offheap.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offheap.analyzer.Bytes;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Severity;

import java.util.Locale;

/** The summary of {@code offheap batch}: on the terminal, and as {@code summary.json}; worst first in both. */
final class BatchReport {
    private BatchReport() {
    }

    static String text(Batch b) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Offheap batch: %d input%s, %d analysed, %d could not be analysed%n%n",
                b.entries().size(), b.entries().size() == 1 ? "" : "s", b.analysed(), b.failed()));
        for (BatchEntry e : b.worstFirst()) {
            if (e.isAnalysed()) {
                Severity worst = e.worst();
                out.append(String.format(Locale.ROOT, "  %-8s %10s live %10s awaiting-gc  %s%s%n",
                        worst == null ? "ok" : worst.label(), Bytes.human(e.totals().liveBytes()),
                        Bytes.human(e.totals().awaitingGcBytes()), Terminal.safe(e.dump()), e.info().truncated() ? " (TRUNCATED)" : ""));
                out.append("           ").append(Terminal.safe(e.verdict())).append('\n');
                e.warnings().forEach(w -> out.append("           warning: ").append(Terminal.safe(w)).append('\n'));
            } else {
                out.append("  FAILED   ").append(Terminal.safe(e.dump())).append('\n');
                out.append("           ").append(Terminal.safe(e.error())).append('\n');
            }
        }
        return out.toString();
    }

    static ObjectNode json(Batch b) {
        ObjectNode root = JsonReport.mapper().createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        ObjectNode batch = root.putObject("batch");
        batch.put("analysed", b.analysed());
        batch.put("failed", b.failed());
        batch.put("failOn", b.failOn() == null ? null : b.failOn().label());
        ArrayNode dumps = batch.putArray("dumps");
        for (BatchEntry e : b.worstFirst()) {
            ObjectNode n = dumps.addObject();
            n.put("path", e.dump());
            n.put("status", e.isAnalysed() ? "analysed" : "failed");
            n.put("error", e.error());
            ArrayNode logs = n.putArray("gcLogs");
            e.gcLogs().forEach(logs::add);
            ArrayNode warnings = n.putArray("warnings");
            e.warnings().forEach(warnings::add);
            if (!e.isAnalysed()) {
                continue;
            }
            n.put("json", e.json());
            n.put("html", e.html());
            n.put("timestamp", e.info().timestamp().toString());
            n.put("truncated", e.info().truncated());
            n.put("liveBytes", e.totals().liveBytes());
            n.put("awaitingGcBytes", e.totals().awaitingGcBytes());
            n.put("unownedBytes", e.totals().unownedBytes());
            n.put("mappedBytes", e.totals().mappedBytes());
            n.put("worstSeverity", e.worst() == null ? null : e.worst().label());
            ArrayNode findings = n.putArray("findings");
            for (Finding f : e.findings()) {
                ObjectNode fn = findings.addObject();
                fn.put("id", f.id());
                fn.put("severity", f.severity().label());
                fn.put("title", f.title());
            }
            Retainer r = e.topRetainer();
            if (r != null) {
                ObjectNode rn = n.putObject("topRetainer");
                rn.put("class", r.className());
                rn.put("staticHolder", r.staticHolder());
                rn.put("field", r.field());
                rn.put("attributedBytes", r.attributedBytes());
                rn.put("buffers", r.buffers());
            } else {
                n.putNull("topRetainer");
            }
            n.put("verdict", e.verdict());
        }
        return root;
    }
}
