package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.GcReport;
import io.offheap.analyzer.GcSummary;
import io.offheap.analyzer.Generation;
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
        if (d.gc() != null) {
            generations(out, d.buffers());
        }
        limit(out, d.accounting(), d.totals());
        if (d.gc() != null) {
            gc(out, d.gc());
        }
        retainers(out, d.retainers());
        HolderText.append(out, d.holders());
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
        row(out, "live", count(t.liveOwners(), "owner"), t.liveBytes(), "strongly reachable: in use");
        row(out, "awaiting-gc", count(t.awaitingGcOwners(), "owner"), t.awaitingGcBytes(), "garbage: freed only when a GC finds it");
        row(out, "freed", count(t.freedOwners(), "owner"), t.freedBytes(), "cleaner already ran");
        row(out, "mapped", count(t.mapped(), "buffer"), t.mappedBytes(), "file mappings (not counted against the limit)");
        row(out, "unowned", count(t.unowned(), "buffer"), t.unownedBytes(), "no cleaner: no GC frees it");
        if (t.pendingCleaners() > 0) {
            row(out, "pending", count(t.pendingCleaners(), "cleaner"), t.pendingCleanerBytes(), "buffer collected, cleaner not yet run");
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void row(StringBuilder out, String state, String count, long bytes, String meaning) {
        out.append(String.format(Locale.ROOT, "  %-12s %-12s %10s  %s%n", state, count, Bytes.human(bytes), meaning));
    }

    /** Where the garbage sits decides which collection frees it (DOMAIN.md 3.5). */
    private static void generations(StringBuilder out, List<Buffer> buffers) {
        long[] bytes = new long[Generation.values().length];
        for (Buffer b : buffers) {
            if (b.kind() == BufferKind.OWNER && b.state() == BufferState.AWAITING_GC) {
                bytes[b.generation().ordinal()] += b.reservedBytes();
            }
        }
        if (bytes[0] + bytes[1] + bytes[2] > 0) {
            out.append(String.format(Locale.ROOT, "  awaiting-gc by generation: old %s, young %s, unknown %s%n",
                    Bytes.human(bytes[Generation.OLD.ordinal()]), Bytes.human(bytes[Generation.YOUNG.ordinal()]),
                    Bytes.human(bytes[Generation.UNKNOWN.ordinal()])));
        }
    }

    static void gc(StringBuilder out, GcSummary g) {
        out.append(String.format(Locale.ROOT, "%nGC log: %s collector%s; %d young, %d full collections, %d concurrent cycles, %d by System.gc()%n",
                g.collector(), g.jvmVersion() != null ? ", JVM " + Terminal.safe(g.jvmVersion()) : "",
                g.youngCollections(), g.fullCollections(), g.concurrentCycles(), g.explicitGcCalls()));
        if (g.logStart() != null) {
            out.append(String.format(Locale.ROOT, "  covers uptime %.1f s to %.1f s%s%n", g.logStart(), g.logEnd(),
                    g.dumpUptime() != null ? String.format(Locale.ROOT, "; the dump was written at %.1f s", g.dumpUptime()) : ""));
        }
        out.append("  last old-generation collection before the dump: ").append(g.lastOldCollectionBeforeDump() == null
                ? "none in the log" : String.format(Locale.ROOT, "at %.1f s", g.lastOldCollectionBeforeDump())).append('\n');
        if (g.layoutSource() != null) {
            out.append("  generations from the heap layout at ").append(Terminal.safe(g.layoutSource())).append('\n');
        }
        List<String> relevant = g.flags().entrySet().stream()
                .filter(f -> RELEVANT_FLAGS.contains(f.getKey()))
                .map(f -> f.getKey() + "=" + f.getValue()).toList();
        out.append("  flags: ").append(relevant.isEmpty() ? (g.flags().isEmpty() ? "not in the log" : "none of note")
                : Terminal.safe(String.join(", ", relevant))).append('\n');
        g.warnings().forEach(w -> out.append("  warning: ").append(Terminal.safe(w)).append('\n'));
    }

    private static final java.util.Set<String> RELEVANT_FLAGS = java.util.Set.of("DisableExplicitGC",
            "ExplicitGCInvokesConcurrent", "MaxDirectMemorySize", "MaxHeapSize", "MaxTenuringThreshold",
            "UseParallelGC", "UseG1GC", "UseSerialGC", "UseConcMarkSweepGC", "UseZGC", "UseShenandoahGC",
            "CMSInitiatingOccupancyFraction", "MaxMetaspaceSize");

    /** The {@code offheap gc} summary. */
    static String of(GcReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Offheap: GC logs\n\nVerdict: ").append(Terminal.safe(r.verdict())).append('\n');
        gc(out, r.gc());
        findings(out, r.findings());
        return out.toString();
    }

    private static void limit(StringBuilder out, Accounting a, Totals t) {
        long census = t.censusReservedBytes();
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
            String name = r.holderName();
            out.append(String.format(Locale.ROOT, "  %10s  %-12s %s%n", Bytes.human(r.attributedBytes()),
                    count(r.buffers(), "buffer"), Terminal.safe(name)));
            if (r.retainedHeapBytes() > 0) {
                out.append(String.format(Locale.ROOT, "              and about %s of heap (estimated from object layouts)%n",
                        Bytes.human(r.retainedHeapBytes())));
            }
            if (r.sharedBuffers() > 0) {
                out.append(String.format(Locale.ROOT, "              %d of them also kept alive by other holders; it alone retains %s%n",
                        r.sharedBuffers(), Bytes.human(r.retainedBytes())));
            }
            if (!r.path().isEmpty()) {
                out.append("              from GC root (").append(r.root()).append("): ")
                        .append(Terminal.safe(String.join(" -> ", r.path()))).append('\n');
            }
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
