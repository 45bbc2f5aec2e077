package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.GcSummary;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Severity;
import io.offheap.analyzer.Totals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the HTML templates show, prepared from a {@link Diagnosis}: figures formatted, findings in order
 * of severity, charts laid out. Strings from the dump or a log pass through unchanged; the template
 * output escapes them and makes hidden characters visible ({@link HtmlReport}).
 */
record HtmlPage(Diagnosis d, String fileName, List<Metric> metrics, Svg.Chart gauge, List<FindingView> findings,
                List<RetainerView> retainers, int moreRetainers, long moreRetainerBytes, List<HolderTable> holders, Svg.Chart kinds,
                Svg.Chart capacity, Svg.Chart gcChart, BufferTable table, List<AccountingRow> accounting,
                List<Fact> dumpFacts, List<Fact> gcFacts, List<Fact> flags, List<String> warnings, String css,
                String script) {

    static final int TOP_RETAINERS = 20;

    /** A headline figure: one of the numbers that matter, with its colour class. */
    record Metric(String css, String name, long bytes, String detail, String note) {
    }

    /** A labelled value; {@code exact} is its tooltip (null for none), {@code numeric} right-aligns it. */
    record Fact(String label, String value, String exact, boolean numeric) {
        static Fact text(String label, String value) {
            return new Fact(label, value, null, false);
        }

        static Fact bytes(String label, long value) {
            return new Fact(label, Text.bytes(value), Text.exact(value), true);
        }

        static Fact number(String label, long value) {
            return new Fact(label, Text.count(value), null, true);
        }
    }

    record FindingView(String id, String severity, String title, String advice, List<Fact> evidence) {
    }

    /** One step of a path from a GC root: an object or class and the field followed out of it (null at the end). */
    record Step(String owner, String field) {
    }

    record RetainerView(int rank, Retainer r, String holder, String share, double barPercent, List<Step> path) {
    }

    /** One line of the accounting table: the JDK's counter, the census figure, their difference. */
    record AccountingRow(String figure, Long jdk, Long census, boolean bytes, String note) {
        Long difference() {
            return jdk == null || census == null ? null : jdk - census;
        }
    }

    static HtmlPage of(Diagnosis d, String css, String script) {
        Totals t = d.totals();
        List<String> warnings = new ArrayList<>(d.warnings());
        if (d.gc() != null && d.gc().warnings() != null) {
            d.gc().warnings().forEach(w -> warnings.add("GC log: " + w));
        }
        return new HtmlPage(d, Text.fileName(d.dump().path()), metrics(t), LimitGauge.of(t, d.accounting()),
                findings(d.findings()), retainers(d), Math.max(0, d.retainers().size() - TOP_RETAINERS),
                d.retainers().stream().skip(TOP_RETAINERS).mapToLong(Retainer::attributedBytes).sum(), HolderTable.of(d.holders()),
                KindStateChart.of(d), CapacityHistogram.of(d.buffers()), d.gc() == null ? null : GcTimeline.of(d.gc(), t.awaitingGcBytes()),
                BufferTable.of(d.buffers(), d.retainers()), accounting(d.accounting(), t), dumpFacts(d.dump()),
                d.gc() == null ? List.of() : gcFacts(d.gc()), d.gc() == null ? List.of() : flags(d.gc()),
                List.copyOf(warnings), css, script);
    }

    /** The holder with its class's simple name, for the buffers table's narrow column. */
    static String shortHolderName(Retainer r) {
        return (r.staticHolder() ? "class " : "") + Text.simpleName(r.className()) + (r.field() != null ? "#" + r.field() : "");
    }

    long countedBytes() {
        return LimitGauge.counted(d.totals());
    }

    int severityCount(String severity) {
        return (int) findings.stream().filter(f -> f.severity().equals(severity)).count();
    }

    private static List<Metric> metrics(Totals t) {
        return List.of(
                new Metric("s-live", "Live", t.liveBytes(), Text.count(t.liveOwners(), "buffer"),
                        "in use: strongly reachable, no GC can free it"),
                new Metric("s-awaiting-gc", "Awaiting GC", t.awaitingGcBytes() + t.pendingCleanerBytes(),
                        Text.count(t.awaitingGcOwners(), "buffer") + (t.pendingCleaners() > 0
                                ? " + " + Text.count(t.pendingCleaners(), "pending cleaner") : ""),
                        "garbage, still reserved until a GC finds it"),
                new Metric("k-unowned", "Unowned", t.unownedBytes(), Text.count(t.unowned(), "buffer"),
                        "no cleaner: no GC ever frees it; outside the limit"),
                new Metric("k-mapped", "Mapped", t.mappedBytes(), Text.count(t.mapped(), "buffer"),
                        "file mappings; outside the limit"));
    }

    private static List<FindingView> findings(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity).reversed()); // stable: the analyzer's order within a severity
        List<FindingView> views = new ArrayList<>();
        for (Finding f : sorted) {
            List<Fact> evidence = new ArrayList<>();
            if (f.evidence() != null) {
                for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
                    evidence.add(evidence(e.getKey(), e.getValue()));
                }
            }
            views.add(new FindingView(f.id(), f.severity().label(), f.title(), f.advice(), List.copyOf(evidence)));
        }
        return List.copyOf(views);
    }

    /**
     * Evidence keys name their unit: "...Bytes", "...Memory" and flags "...Size" are bytes, "...percent..."
     * a percentage, "...seconds..." and "...uptime..." a time. Keys that start with a capital letter are
     * JVM flags and keep their name.
     */
    static Fact evidence(String key, Object value) {
        boolean flag = !key.isEmpty() && Character.isUpperCase(key.charAt(0));
        String label = flag ? key : Text.words(key);
        if (value == null) {
            return Fact.text(label, "none");
        }
        if (!(value instanceof Number n)) {
            return Fact.text(label, String.valueOf(value));
        }
        String k = key.toLowerCase(java.util.Locale.ROOT);
        boolean whole = !(value instanceof Double || value instanceof Float);
        if (whole && (k.endsWith("bytes") || k.endsWith("memory") || flag && k.endsWith("size"))) {
            return Fact.bytes(label, n.longValue());
        }
        if (k.contains("percent")) {
            return new Fact(label, Text.percent(n.doubleValue() / 100), null, true);
        }
        if (k.contains("seconds") || k.contains("uptime")) {
            return new Fact(label, Text.duration(n.doubleValue()), null, true);
        }
        return whole ? Fact.number(label, n.longValue())
                : new Fact(label, String.format(java.util.Locale.ROOT, "%,.2f", n.doubleValue()), null, true);
    }

    private static List<RetainerView> retainers(Diagnosis d) {
        List<RetainerView> views = new ArrayList<>();
        long top = Math.max(1, d.retainers().stream().mapToLong(Retainer::attributedBytes).max().orElse(1));
        long live = d.totals().liveBytes();
        for (Retainer r : d.retainers()) {
            if (views.size() == TOP_RETAINERS) {
                break;
            }
            List<Step> path = new ArrayList<>();
            List<String> steps = r.path() == null ? List.of() : r.path();
            for (int i = 0; i < steps.size(); i++) {
                String s = steps.get(i);
                int hash = s.lastIndexOf('#');
                path.add(i + 1 < steps.size() && hash > 0 ? new Step(s.substring(0, hash), s.substring(hash + 1)) : new Step(s, null));
            }
            String share = live > 0 ? Text.percent((double) r.attributedBytes() / live) + " of live" : "";
            views.add(new RetainerView(views.size() + 1, r, r.holderName(), share, 100.0 * r.attributedBytes() / top,
                    List.copyOf(path)));
        }
        return List.copyOf(views);
    }

    private static List<AccountingRow> accounting(Accounting a, Totals t) {
        return List.of(
                new AccountingRow("Reserved memory", a.reservedMemory(), LimitGauge.counted(t), true,
                        "census: live + awaiting-gc owners + pending cleaners"),
                new AccountingRow("Buffers counted", a.count(), (long) t.liveOwners() + t.awaitingGcOwners() + t.pendingCleaners(),
                        false, "census: owners not yet freed, and pending cleaners"),
                new AccountingRow("Total capacity", a.totalCapacity(), null, true, "capacity requested (reserved memory "
                        + "can be larger with -XX:+PageAlignDirectMemory)"),
                new AccountingRow("Limit (MaxDirectMemorySize)", a.maxDirectMemory(), null, true,
                        "-XX:MaxDirectMemorySize, or the maximum heap size when it is not set"));
    }

    private static List<Fact> dumpFacts(DumpInfo i) {
        List<Fact> f = new ArrayList<>();
        f.add(Fact.text("Heap dump", i.path()));
        f.add(new Fact("File size", Text.bytes(i.fileSize()) + (i.compressed() ? " (gzip; " + Text.bytes(i.bytesRead())
                + " uncompressed)" : ""), Text.exact(i.fileSize()), false));
        f.add(Fact.text("Written", Text.time(i.timestamp())));
        f.add(Fact.text("JVM", i.jvmVersion() != null ? i.jvmVersion()
                : i.jdkRange() != null ? "JDK " + i.jdkRange() + " (inferred from the classes in the dump; the dump does "
                + "not record the version)" : "unknown"));
        f.add(Fact.text("Format", i.format() + ", " + i.idSize() + "-byte identifiers"
                + (i.heapDumps() > 1 ? ", " + i.heapDumps() + " heap dump segments" : "")));
        f.add(new Fact("Objects", Text.count(i.objects()) + " (" + Text.count(i.garbageObjects()) + " unreachable, "
                + Text.percent(i.objects() == 0 ? 0 : (double) i.garbageObjects() / i.objects()) + ")", null, false));
        f.add(Fact.text("Complete", i.truncated() ? "NO: the dump is truncated; it was analysed as far as it goes" : "yes"));
        return List.copyOf(f);
    }

    private static List<Fact> gcFacts(GcSummary g) {
        List<Fact> f = new ArrayList<>();
        if (g.files() != null) {
            for (String file : g.files()) {
                f.add(Fact.text("GC log", file));
            }
        }
        f.add(Fact.text("Collector", g.collector() == null ? "unknown" : g.collector()));
        if (g.jvmVersion() != null) {
            f.add(Fact.text("JVM (from the log)", g.jvmVersion()));
        }
        f.add(Fact.text("Covers", g.logStart() == null || g.logEnd() == null ? "unknown (no uptime in the log)"
                : Text.duration(g.logStart()) + " to " + Text.duration(g.logEnd()) + " of JVM uptime"));
        f.add(Fact.text("Dump at", g.dumpUptime() == null ? "not placed (the log has no wall-clock time)"
                : Text.duration(g.dumpUptime()) + " of JVM uptime"));
        f.add(Fact.text("Last old-generation collection before the dump", g.lastOldCollectionBeforeDump() == null ? "none in the log"
                : "at " + Text.duration(g.lastOldCollectionBeforeDump()) + (g.dumpUptime() == null ? "" : " ("
                + Text.duration(g.dumpUptime() - g.lastOldCollectionBeforeDump()) + " before the dump)")));
        f.add(new Fact("Collections before the dump", Text.count(g.events()) + ": " + Text.count(g.youngCollections()) + " young, "
                + Text.count(g.fullCollections()) + " full, " + Text.count(g.concurrentCycles()) + " concurrent cycles; "
                + Text.count(g.explicitGcCalls()) + " System.gc()", null, false));
        f.add(Fact.text("Generations of buffers", g.layoutSource() == null ? "unknown (no heap layout in the log)"
                : "from " + g.layoutSource()));
        return List.copyOf(f);
    }

    private static List<Fact> flags(GcSummary g) {
        List<Fact> f = new ArrayList<>();
        if (g.flags() != null) {
            g.flags().forEach((name, value) -> f.add(Fact.text(name, value)));
        }
        return List.copyOf(f);
    }

    static List<String> severities() {
        List<String> s = new ArrayList<>();
        for (Severity v : Severity.values()) {
            s.add(0, v.label());
        }
        return s;
    }
}
