package io.offheap.gclog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JDK 9+ unified-logging GC log ({@code -Xlog:gc*}) with our own line reader rather than
 * GCViewer. Measured on the corpus, GCViewer 1.36 returns nothing for decorations it does not expect
 * (pid, tid, uptimemillis alone) and for JDK 25 generational ZGC, and from any unified log it gives the
 * total heap only; the lines themselves are regular ({@code GC(n) Pause Young (cause) 24M->3M(256M)
 * 3.456ms}), so one pass over them yields the events, the young/old sizes of the {@code gc,heap} lines,
 * the {@code gc,init} facts, the heap printouts and the G1 region tables together. Lines are matched by
 * their message, not their tags, so logs with any decorations (or none) read the same.
 */
final class UnifiedLog {
    private static final int RECORD_MAX = 4096;
    private static final Pattern GC_ID = Pattern.compile("^GC\\((\\d{1,9})\\) ");
    private static final Pattern EVENT = Pattern.compile(
            "^(?<name>[A-Z][A-Za-z]*(?: [A-Za-z]+)*?)(?<quals>(?: \\((?:[^()]|\\([^()]*\\))*\\))*)"
                    + "(?: (?<before>\\d{1,15})(?<bu>[KMG])(?:\\(\\d+%\\))?->(?<after>\\d{1,15})(?<au>[KMG])(?:\\(\\d+%\\))?"
                    + "(?:\\((?<total>\\d{1,15})(?<tu>[KMG])\\))?)?(?: (?<dur>\\d{1,12}(?:[.,]\\d+)?)(?<du>ms|s))?\\s*$");
    private static final Pattern QUALIFIER = Pattern.compile("\\(((?:[^()]|\\([^()]*\\))*)\\)");
    /** Qualifiers that name a pause's sub-type (G1 young kinds, Shenandoah modes and degeneration points), not its cause. */
    private static final Set<String> SUBTYPES = Set.of("Normal", "Concurrent Start", "Prepare Mixed", "Mixed",
            "unload classes", "process weakrefs", "update refs", "Outside of Cycle", "Mark", "Evacuation", "Update Refs",
            "Roots");
    private static final Pattern GENERATION_SIZES = Pattern.compile(
            "^(PSYoungGen|ParOldGen|PSOldGen|DefNew|Tenured|ParNew|CMS): (\\d{1,15})K(?:\\((\\d{1,15})K\\))?->(\\d{1,15})K\\((\\d{1,15})K\\)");
    private static final Pattern REGIONS = Pattern.compile("^(Old|Humongous) regions: (\\d{1,9})->(\\d{1,9})");
    private static final Pattern REGION_ROW = Pattern.compile(
            "^\\|\\s*\\d+\\|(0x[0-9a-fA-F]+), ?(0x[0-9a-fA-F]+), ?(0x[0-9a-fA-F]+)\\|\\s*\\d+%\\|\\s*([A-Z]{1,2})\\s*\\|");
    private static final Pattern SIZE_VALUE = Pattern.compile("(\\d{1,15})\\s?([KMGT]?)B?$");
    private static final Pattern MAX_HEAP_DEBUG = Pattern.compile("Maximum heap (\\d{1,19})");
    private static final Map<String, Collector> USING = Map.of(
            "Using Serial", Collector.SERIAL, "Using Parallel", Collector.PARALLEL, "Using G1", Collector.G1,
            "Using Concurrent Mark Sweep", Collector.CMS, "Using The Z Garbage Collector", Collector.ZGC,
            "Initializing The Z Garbage Collector", Collector.ZGC, "Using Shenandoah", Collector.SHENANDOAH);

    /** For fragments without a "Using ..." line: message text only one collector prints. */
    private static final List<Map.Entry<String, Collector>> EVIDENCE = List.of(
            Map.entry("G1 Evacuation Pause", Collector.G1), Map.entry("Eden regions:", Collector.G1),
            Map.entry("Concurrent Mark Cycle", Collector.G1), Map.entry("Pause Degenerated GC", Collector.SHENANDOAH),
            Map.entry("Concurrent marking", Collector.SHENANDOAH), Map.entry("Pause Init Update Refs", Collector.SHENANDOAH),
            Map.entry("Garbage Collection (", Collector.ZGC), Map.entry("Major Collection (", Collector.ZGC),
            Map.entry("Minor Collection (", Collector.ZGC));

    private final FileHistory out;
    private Collector inferred = Collector.UNKNOWN;
    private final PauseCounter counter = new PauseCounter();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<Integer, long[]> oldSizes = new HashMap<>();
    private final Map<Integer, int[]> oldRegions = new HashMap<>();
    private final Set<Long> numbers = new HashSet<>();
    private long regionSizeBytes = -1;
    private String trigger;
    private final Map<Integer, String> triggers = new HashMap<>();
    private HeapPrintout printout;
    private double printoutUptime;
    private int printoutId;
    private List<Region> regions;
    private double regionsUptime;
    private String regionsSource;

    private UnifiedLog(FileHistory out) {
        this.out = out;
    }

    static void read(LogLines lines, FileHistory out) throws IOException {
        UnifiedLog log = new UnifiedLog(out);
        boolean loneNumbers = false;
        for (String line = lines.next(); line != null; line = lines.next()) {
            // GC records are short; matching only their first 4 KiB keeps every line's cost linear
            String text = line.length() > RECORD_MAX ? line.substring(0, RECORD_MAX) : line;
            log.counter.count(text);
            Decorations d = Decorations.parse(text);
            out.start(d.wallClock(), d.uptimeSeconds());
            if (d.pid() >= 0) {
                log.numbers.add(d.pid());
                loneNumbers |= d.loneNumber();
            }
            log.line(d, lines.number());
        }
        log.finish(loneNumbers);
        out.verify(lines);
    }

    private void line(Decorations d, long number) {
        String message = d.message();
        Matcher id = GC_ID.matcher(message);
        int gcId = id.find() ? Integer.parseInt(id.group(1)) : -1;
        String body = gcId >= 0 ? message.substring(id.end()) : message;
        if (gcId >= 0 && trigger != null) {
            triggers.putIfAbsent(gcId, trigger); // Shenandoah logs why a cycle starts just before its first line
            trigger = null;
        }
        if (printout != null) {
            if (gcId == printoutId && printout.accept(body)) {
                return;
            }
            endPrintout();
        }
        if (regions != null) {
            Matcher row = REGION_ROW.matcher(body);
            if (row.find()) {
                regions.add(new Region(Long.parseUnsignedLong(row.group(1).substring(2), 16),
                        Long.parseUnsignedLong(row.group(3).substring(2), 16), row.group(4)));
                return;
            }
            endRegions();
        }
        if (HeapPrintout.startIn(body) == 0) {
            printout = new HeapPrintout(out.at(number));
            printoutUptime = d.uptimeSeconds();
            printoutId = gcId;
        } else if (body.startsWith("Heap Regions:")) {
            regions = new ArrayList<>();
            regionsUptime = d.uptimeSeconds();
            regionsSource = out.at(number);
        } else if (gcId >= 0) {
            gcLine(gcId, body, d, number);
        } else {
            infoLine(body);
        }
    }

    private void infoLine(String body) {
        Collector c = USING.get(body.trim());
        if (c != null) {
            out.collector(c);
        } else if (body.startsWith("Version: ")) {
            int end = body.indexOf(' ', 9);
            out.jvmVersion = out.jvmVersion != null ? out.jvmVersion : body.substring(9, end < 0 ? body.length() : end);
        } else if (body.startsWith("Heap Max Capacity: ") || body.startsWith("Max Capacity: ")) {
            maxHeap(size(body));
        } else if (body.startsWith("Heap Region Size: ") || body.startsWith("Heap region size: ")) {
            regionSizeBytes = size(body);
        } else if (body.startsWith("jvm_args: ")) {
            JvmFlags.parse(body.substring(10), out.flags);
        } else if (body.startsWith("Command Line: ")) {
            JvmFlags.parse(body.substring(14), out.flags);
        } else if (JvmFlags.isPrintedFlags(body)) {
            JvmFlags.parse(body, out.flags);
        } else if (body.startsWith("Trigger: ")) {
            trigger = body.substring(9).trim();
        } else {
            Matcher m = MAX_HEAP_DEBUG.matcher(body);
            if (m.find()) {
                maxHeap(Long.parseLong(m.group(1)));
            }
        }
    }

    private void gcLine(int gcId, String body, Decorations d, long number) {
        for (int i = 0; inferred == Collector.UNKNOWN && i < EVIDENCE.size(); i++) {
            if (body.contains(EVIDENCE.get(i).getKey())) {
                inferred = EVIDENCE.get(i).getValue();
            }
        }
        Matcher g = GENERATION_SIZES.matcher(body);
        if (g.find()) {
            generationSizes(gcId, g);
            return;
        }
        Matcher r = REGIONS.matcher(body);
        if (r.find()) {
            int[] counts = oldRegions.computeIfAbsent(gcId, k -> new int[2]);
            counts[0] += Integer.parseInt(r.group(2));
            counts[1] += Integer.parseInt(r.group(3));
            return;
        }
        if (!(body.startsWith("Pause ") || body.startsWith("Concurrent ") || body.endsWith("Collection")
                || body.contains("Collection ("))) {
            return;
        }
        Matcher e = EVENT.matcher(body);
        if (!e.matches()) {
            return;
        }
        GcEvent.Kind kind = kind(e.group("name"), e.group("quals"));
        if (kind == null) {
            return;
        }
        String key = gcId + ":" + kind + (kind == GcEvent.Kind.OTHER ? ":" + e.group("name") : "");
        Pending p = pending.get(key);
        if (p == null) {
            p = new Pending(gcId, kind, d.uptimeSeconds(), d.wallClock(), number);
            String cause = cause(e.group("quals"));
            String why = triggers.get(gcId);
            if (cause == null && kind == GcEvent.Kind.CONCURRENT_CYCLE && why != null) {
                cause = why.contains("(System.gc())") ? "System.gc()" : why;
            }
            p.cause = cause;
            pending.put(key, p);
        }
        if (e.group("before") != null) {
            p.before = Sizes.bytes(Long.parseLong(e.group("before")), e.group("bu"));
            p.after = Sizes.bytes(Long.parseLong(e.group("after")), e.group("au"));
            p.total = e.group("total") == null ? -1 : Sizes.bytes(Long.parseLong(e.group("total")), e.group("tu"));
        }
        if (e.group("dur") != null) {
            double v = Timestamps.seconds(e.group("dur"));
            p.duration = e.group("du").equals("ms") ? v / 1e3 : v;
        }
    }

    /** Parallel, Serial and CMS print each generation's occupancy per GC on {@code gc,heap}. */
    private void generationSizes(int gcId, Matcher g) {
        String name = g.group(1);
        switch (name) {
            case "PSYoungGen" -> out.collector(Collector.PARALLEL);
            case "DefNew" -> out.collector(Collector.SERIAL);
            case "ParNew", "CMS" -> out.collector(Collector.CMS);
            default -> { }
        }
        if (name.equals("ParOldGen") || name.equals("PSOldGen") || name.equals("Tenured") || name.equals("CMS")) {
            oldSizes.put(gcId, new long[] {Long.parseLong(g.group(2)) << 10, Long.parseLong(g.group(4)) << 10,
                    Long.parseLong(g.group(5)) << 10});
        }
    }

    private static GcEvent.Kind kind(String name, String quals) {
        return switch (name) {
            case "Pause Young" -> quals.contains("(Mixed)") ? GcEvent.Kind.MIXED : GcEvent.Kind.YOUNG;
            case "Minor Collection" -> GcEvent.Kind.YOUNG;
            case "Pause Mixed" -> GcEvent.Kind.MIXED;
            case "Pause Full" -> GcEvent.Kind.FULL;
            case "Pause Initial Mark", "Pause Init Mark" -> GcEvent.Kind.INITIAL_MARK;
            case "Pause Remark", "Pause Final Mark" -> GcEvent.Kind.REMARK;
            case "Pause Cleanup" -> GcEvent.Kind.CLEANUP;
            case "Concurrent Cycle", "Concurrent Mark Cycle", "Concurrent Mark", "Concurrent marking",
                    "Garbage Collection", "Major Collection" -> GcEvent.Kind.CONCURRENT_CYCLE;
            default -> name.startsWith("Pause ") ? GcEvent.Kind.OTHER : null;
        };
    }

    /** The last parenthesised qualifier that is not a sub-type: {@code Pause Young (Normal) (G1 Evacuation Pause)}. */
    private static String cause(String quals) {
        String cause = null;
        Matcher q = QUALIFIER.matcher(quals);
        while (q.find()) {
            if (!SUBTYPES.contains(q.group(1))) {
                cause = q.group(1);
            }
        }
        return cause;
    }

    private void endPrintout() {
        HeapLayout layout = printout.toLayout(printoutUptime);
        if (layout != null) {
            out.layouts.add(layout);
            for (Space s : layout.spaces()) {
                out.collector(switch (s.name()) {
                    case "PSYoungGen", "ParOldGen", "PSOldGen" -> Collector.PARALLEL;
                    case "def new generation", "tenured generation", "DefNew", "Tenured" -> Collector.SERIAL;
                    case "par new generation", "concurrent mark-sweep generation" -> Collector.CMS;
                    case "garbage-first heap" -> Collector.G1;
                    default -> Collector.UNKNOWN;
                });
            }
        }
        if (printout.regionSizeBytes() > 0) {
            regionSizeBytes = printout.regionSizeBytes();
        }
        printout = null;
    }

    private void endRegions() {
        if (!regions.isEmpty()) {
            out.regionTables.add(new RegionTable(regionsUptime, regionsSource, regions));
            out.collector(Collector.G1);
        }
        regions = null;
    }

    private void finish(boolean loneNumbers) {
        if (printout != null) {
            endPrintout();
        }
        if (regions != null) {
            endRegions();
        }
        out.collector(inferred);
        // One bare number on every line is the pid only if it never changes; a changing one is the tid.
        if (numbers.size() == 1 || !numbers.isEmpty() && !loneNumbers) {
            out.pid = numbers.iterator().next();
        }
        for (Pending p : pending.values()) {
            GcEvent.Kind kind = p.kind;
            long[] old = kind == GcEvent.Kind.YOUNG || kind == GcEvent.Kind.MIXED || kind == GcEvent.Kind.FULL
                    ? oldBytes(p.gcId) : null;
            out.events.add(new GcEvent(p.uptime, p.wallClock, kind, p.cause, p.duration, p.before, p.after, p.total,
                    old == null ? -1 : old[0], old == null ? -1 : old[1], old == null ? -1 : old[2], out.file, p.line));
        }
        out.counts = counter.counts();
    }

    private long[] oldBytes(int gcId) {
        long[] sizes = oldSizes.get(gcId);
        int[] regionCounts = oldRegions.get(gcId);
        if (sizes == null && regionCounts != null && regionSizeBytes > 0) {
            // G1 prints old and humongous region counts; both belong to the old generation.
            return new long[] {regionCounts[0] * regionSizeBytes, regionCounts[1] * regionSizeBytes, -1};
        }
        return sizes;
    }

    private void maxHeap(long bytes) {
        if (out.maxHeapBytes < 0 && bytes > 0) {
            out.maxHeapBytes = bytes;
        }
    }

    private static long size(String body) {
        Matcher m = SIZE_VALUE.matcher(body.trim());
        return m.find() ? Sizes.bytes(Long.parseLong(m.group(1)), m.group(2)) : -1;
    }

    private static final class Pending {
        final int gcId;
        final GcEvent.Kind kind;
        final double uptime;
        final Instant wallClock;
        final long line;
        String cause;
        double duration = Double.NaN;
        long before = -1;
        long after = -1;
        long total = -1;

        Pending(int gcId, GcEvent.Kind kind, double uptime, Instant wallClock, long line) {
            this.gcId = gcId;
            this.kind = kind;
            this.uptime = uptime;
            this.wallClock = wallClock;
            this.line = line;
        }
    }
}
