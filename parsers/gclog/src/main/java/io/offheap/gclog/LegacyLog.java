package io.offheap.gclog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pre-unified (JDK 8 and earlier) GC log. The collections come from GCViewer
 * ({@link GcViewerEvents}), which knows the many interleavings of CMS and G1 records in these logs; this
 * pass adds what GCViewer does not give: the JVM version and {@code CommandLine flags:} header, the
 * {@code Heap} and PrintHeapAtGC printouts with their address ranges, and the record count that
 * GCViewer's result is checked against.
 */
final class LegacyLog {
    private static final Pattern UPTIME = Pattern.compile("(?:^|[ :])(\\d{1,12}[.,]\\d{3,9}): ");
    private static final Map<String, Collector> FLAG_COLLECTORS = Map.of(
            "UseSerialGC", Collector.SERIAL, "UseParallelGC", Collector.PARALLEL, "UseParallelOldGC", Collector.PARALLEL,
            "UseConcMarkSweepGC", Collector.CMS, "UseG1GC", Collector.G1, "UseShenandoahGC", Collector.SHENANDOAH,
            "UseZGC", Collector.ZGC);
    /**
     * Text that betrays the collector, strongest first (Serial's young generation also serves CMS in JDK 5/6).
     * The records outrank the flags header, which omits the default collector.
     */
    private static final List<Map.Entry<String, Collector>> RECORD_COLLECTORS = List.of(
            Map.entry("[GC pause", Collector.G1), Map.entry("garbage-first heap", Collector.G1),
            Map.entry("G1Ergonomics", Collector.G1), Map.entry("[GC remark", Collector.G1),
            Map.entry("[GC concurrent-", Collector.G1), Map.entry("[CMS", Collector.CMS), Map.entry("[ParNew", Collector.CMS),
            Map.entry("CMS-", Collector.CMS),
            Map.entry("concurrent mark-sweep generation", Collector.CMS), Map.entry("par new generation", Collector.CMS),
            Map.entry("Shenandoah Heap", Collector.SHENANDOAH), Map.entry("PSYoungGen", Collector.PARALLEL),
            Map.entry("[DefNew", Collector.SERIAL), Map.entry("def new generation", Collector.SERIAL));

    private final FileHistory out;
    private final LegacyPauses pauses = new LegacyPauses();
    private HeapPrintout printout;
    private char printoutKind;
    private int evidence = Integer.MAX_VALUE;
    private final List<HeapPrintout> awaitingUptime = new ArrayList<>();
    private double lastUptime = Double.NaN;

    private LegacyLog(FileHistory out) {
        this.out = out;
    }

    static void read(LogLines lines, FileHistory out) throws IOException {
        LegacyLog log = new LegacyLog(out);
        for (String line = lines.next(); line != null; line = lines.next()) {
            log.line(line, lines.number());
        }
        log.endPrintout(true);
        for (HeapPrintout p : log.awaitingUptime) {
            log.addLayout(p, log.lastUptime);
        }
        if (log.evidence < RECORD_COLLECTORS.size()) {
            out.collector(RECORD_COLLECTORS.get(log.evidence).getValue());
        }
        out.collector(out.flags.entrySet().stream().filter(e -> "true".equals(e.getValue()))
                .map(e -> FLAG_COLLECTORS.get(e.getKey())).filter(c -> c != null).findFirst().orElse(Collector.UNKNOWN));
        out.counts = log.pauses.counts();
        GcViewerEvents.read(out, log.pauses.lines());
        out.verify(lines);
    }

    private void line(String line, long number) {
        if (printout != null && !printout.accept(line)) {
            endPrintout(false);
        }
        int before = pauses.lines().size();
        pauses.scan(line, number);
        for (int i = before; i < pauses.lines().size(); i++) {
            LegacyPauses.PauseLine p = pauses.lines().get(i);
            out.start(p.wallClock(), p.uptimeSeconds());
            if (!Double.isNaN(p.uptimeSeconds())) {
                stamp(p.uptimeSeconds());
            }
        }
        if (pauses.lines().size() == before) {
            Matcher u = UPTIME.matcher(line);
            if (u.find()) {
                stamp(Timestamps.seconds(u.group(1)));
            }
        }
        int start = HeapPrintout.startIn(line);
        if (start >= 0) {
            endPrintout(false);
            printout = new HeapPrintout(out.at(number));
            printoutKind = line.length() == start + 4 ? 'x' : Character.toLowerCase(line.charAt(start + 5));
        }
        header(line);
        for (int i = 0; i < Math.min(evidence, RECORD_COLLECTORS.size()); i++) {
            if (line.contains(RECORD_COLLECTORS.get(i).getKey())) {
                evidence = i;
            }
        }
    }

    private void header(String line) {
        if (line.startsWith("CommandLine flags: ") || JvmFlags.isPrintedFlags(line)) {
            JvmFlags.parse(line.startsWith("CommandLine flags: ") ? line.substring(19) : line, out.flags);
            String max = out.flags.get("MaxHeapSize");
            if (max != null && out.maxHeapBytes < 0) {
                out.maxHeapBytes = Sizes.parse(max);
            }
        } else if (out.jvmVersion == null) {
            Matcher v = LogFormat.HOTSPOT_HEADER.matcher(line);
            if (v.find()) {
                out.jvmVersion = v.group(2);
            }
        }
    }

    /** A new uptime stamp dates the "Heap before GC" printouts that were waiting for their collection's record. */
    private void stamp(double uptime) {
        lastUptime = uptime;
        for (HeapPrintout p : awaitingUptime) {
            addLayout(p, uptime);
        }
        awaitingUptime.clear();
    }

    /**
     * "Heap before GC" precedes its record, so it takes the next stamp; "Heap after GC" the last one; the
     * exit summary ({@code Heap} alone) is printed after the last record at a time the log does not give.
     */
    private void endPrintout(boolean atEnd) {
        if (printout == null) {
            return;
        }
        switch (printoutKind) {
            case 'b' -> {
                if (atEnd) {
                    addLayout(printout, lastUptime);
                } else {
                    awaitingUptime.add(printout);
                }
            }
            case 'a' -> addLayout(printout, lastUptime);
            default -> addLayout(printout, Double.NaN);
        }
        printout = null;
    }

    private void addLayout(HeapPrintout p, double uptime) {
        HeapLayout layout = p.toLayout(uptime);
        if (layout != null) {
            out.layouts.add(layout);
        }
    }
}
