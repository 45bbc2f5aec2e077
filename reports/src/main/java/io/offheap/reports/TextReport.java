package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Bytes;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Totals;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The short summary printed on stdout: what a person at a terminal reads first. */
final class TextReport {
    private static final int TOP_RETAINERS = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TextReport() {
    }

    static String of(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        DumpInfo i = d.dump();
        out.append("Offheap: ").append(Terminal.safe(i.path())).append('\n');
        out.append(String.format(Locale.ROOT, "  %s, %d-byte ids, written %s%s%s%n", i.format(), i.idSize(),
                TIME.format(i.timestamp()), i.jvmVersion() != null ? ", JVM " + Terminal.safe(i.jvmVersion())
                        : i.jdkRange() != null ? ", JDK " + i.jdkRange() : "",
                i.truncated() ? ", TRUNCATED" : ""));
        out.append('\n').append("Verdict: ").append(Terminal.safe(d.verdict())).append("\n\n");
        totals(out, d.totals());
        limit(out, d.accounting(), d.totals());
        retainers(out, d.retainers());
        findings(out, d.findings());
        List<String> warnings = d.warnings();
        if (!warnings.isEmpty()) {
            out.append("\nWarnings:\n");
            warnings.forEach(w -> out.append("  - ").append(Terminal.safe(w)).append('\n'));
        }
        return out.toString();
    }

    private static void totals(StringBuilder out, Totals t) {
        out.append(String.format(Locale.ROOT, "Direct buffers: %d (%d owners, %d views, %d mapped, %d unowned)%n",
                t.buffers(), t.owners(), t.views(), t.mapped(), t.unowned()));
        row(out, "live", t.liveOwners() + " owners", t.liveBytes(), "strongly reachable: in use");
        row(out, "awaiting-gc", t.awaitingGcOwners() + " owners", t.awaitingGcBytes(), "garbage: freed only when a GC finds it");
        row(out, "freed", t.freedOwners() + " owners", t.freedBytes(), "cleaner already ran");
        row(out, "mapped", t.mapped() + " buffers", t.mappedBytes(), "file mappings (not counted against the limit)");
        row(out, "unowned", t.unowned() + " buffers", t.unownedBytes(), "no cleaner: no GC frees it");
        if (t.pendingCleaners() > 0) {
            row(out, "pending", t.pendingCleaners() + " cleaners", t.pendingCleanerBytes(), "buffer collected, cleaner not yet run");
        }
    }

    private static void row(StringBuilder out, String state, String count, long bytes, String meaning) {
        out.append(String.format(Locale.ROOT, "  %-12s %-12s %10s  %s%n", state, count, Bytes.human(bytes), meaning));
    }

    private static void limit(StringBuilder out, Accounting a, Totals t) {
        long census = t.liveBytes() + t.awaitingGcBytes() + t.pendingCleanerBytes();
        out.append('\n');
        if (a.maxDirectMemory() != null) {
            long reserved = a.reservedMemory() != null ? a.reservedMemory() : census;
            out.append(String.format(Locale.ROOT, "Limit: %s (MaxDirectMemorySize); reserved %s = %.1f%% of it%n",
                    Bytes.human(a.maxDirectMemory()), Bytes.human(reserved),
                    a.maxDirectMemory() > 0 ? 100.0 * reserved / a.maxDirectMemory() : 0));
        } else {
            out.append("Limit: not in the dump\n");
        }
        if (a.reservedMemory() != null) {
            out.append(String.format(Locale.ROOT, "Accounting: java.nio.Bits reserved %s%s%s; census %s (difference %s)%n",
                    Bytes.human(a.reservedMemory()),
                    a.count() != null ? ", count " + a.count() : "",
                    a.totalCapacity() != null ? ", capacity " + Bytes.human(a.totalCapacity()) : "",
                    Bytes.human(census), (a.reservedMemory() - census < 0 ? "-" : "") + Bytes.human(Math.abs(a.reservedMemory() - census))));
        } else {
            out.append("Accounting: java.nio.Bits counters not in the dump\n");
        }
    }

    private static void retainers(StringBuilder out, List<Retainer> retainers) {
        if (retainers.isEmpty()) {
            return;
        }
        out.append("\nWho holds the live memory:\n");
        for (Retainer r : retainers.subList(0, Math.min(TOP_RETAINERS, retainers.size()))) {
            String name = (r.staticHolder() ? "class " : "") + r.className() + (r.field() != null ? "#" + r.field() : "");
            out.append(String.format(Locale.ROOT, "  %10s  %4d buffer%s  %s%n", Bytes.human(r.retainedBytes()),
                    r.buffers(), r.buffers() == 1 ? " " : "s", Terminal.safe(name)));
            out.append("              from GC root (").append(r.root()).append("): ")
                    .append(Terminal.safe(String.join(" -> ", r.path()))).append('\n');
        }
        if (retainers.size() > TOP_RETAINERS) {
            out.append("  ... and ").append(retainers.size() - TOP_RETAINERS).append(" more (see --json or --html)\n");
        }
    }

    private static void findings(StringBuilder out, List<Finding> findings) {
        if (findings.isEmpty()) {
            out.append("\nFindings: none\n");
            return;
        }
        out.append("\nFindings:\n");
        for (Finding f : findings) {
            out.append("  [").append(f.severity().label()).append("] ").append(f.id()).append(": ")
                    .append(Terminal.safe(f.title())).append('\n');
            out.append("      ").append(Terminal.safe(f.advice())).append('\n');
        }
    }
}
