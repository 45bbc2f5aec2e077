package io.offheap.gclog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specific facts of specific corpus files, each expected value taken from the file's own text. */
class GcLogReaderTest {
    private static final Pattern RANGE = Pattern.compile("\\[(0x\\p{XDigit}+),.*?(0x\\p{XDigit}+)\\)");

    @TempDir
    Path tmp;

    @Test
    void parallelLayoutClassifiesAddressesByGeneration() throws Exception {
        Path f = Corpus.file("generated/jdk17/parallel-oomdrop-MaxDirect64m-DisableExplicitGC.gcheap-debug.uptime-level-tags.log");
        List<String> lines = Corpus.lines(f);
        long[] young = range(last(lines, " PSYoungGen "));
        long[] old = range(last(lines, " ParOldGen "));
        long[] eden = range(last(lines, " eden space "));

        GcHistory h = GcLogReader.read(List.of(f));
        HeapLayout layout = h.layouts().get(h.layouts().size() - 1);
        assertEquals(Collector.PARALLEL, h.collector());
        assertEquals(space(layout, "PSYoungGen").start(), young[0]);
        assertEquals(space(layout, "PSYoungGen").end(), young[1]);
        assertEquals(space(layout, "ParOldGen").start(), old[0]);
        assertEquals(space(layout, "ParOldGen").end(), old[1]);
        assertEquals(Generation.OLD, layout.generationOf(old[0] + 4096));
        assertEquals(Generation.YOUNG, layout.generationOf(eden[0] + 16));
        assertEquals(Generation.UNKNOWN, layout.generationOf(young[1]));
        assertEquals(Generation.UNKNOWN, layout.generationOf(old[0] - 1));
        assertEquals(layout, h.lastGenerationalLayout().orElseThrow());
        assertEquals(Double.parseDouble(last(lines, "gc,heap,exit\\] Heap$").substring(1, 6)), layout.uptimeSeconds(), 1e-9);
        assertEquals(version(lines), h.jvmVersion());
        assertEquals(Corpus.matching(lines, "Heap (before|after) GC invocations|\\] Heap$").size(), h.layouts().size());
        assertEquals(Corpus.occurrences(lines, "Maximum heap 536870912") > 0 ? 536870912L : -1L, h.maxHeapBytes());
    }

    @Test
    void oomDropLogHasNoFullCollectionAndNoOldCollection() throws Exception {
        Path f = Corpus.file("generated/jdk17/parallel-oomdrop-MaxDirect64m-DisableExplicitGC.gcstar.time-uptime-level-tags.log");
        List<String> lines = Corpus.lines(f);
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(0, Corpus.occurrences(lines, "Pause Full"));
        assertTrue(h.fullCollections().isEmpty());
        assertTrue(h.lastOldCollectionBefore(Double.MAX_VALUE).isEmpty());
        assertEquals(Corpus.unifiedYoung(lines), h.youngCollections().size());
        assertTrue(h.explicitGcCalls().isEmpty());
        assertEquals(version(lines), h.jvmVersion());
        // old generation sizes come from the gc,heap lines: "GC(0) ParOldGen: 0K(258048K)->8K(258048K)"
        Matcher m = Pattern.compile("GC\\(0\\) ParOldGen: (\\d+)K\\((\\d+)K\\)->(\\d+)K\\((\\d+)K\\)").matcher(String.join("\n", lines));
        assertTrue(m.find());
        GcEvent first = h.events().get(0);
        assertEquals(Long.parseLong(m.group(1)) * 1024, first.oldBeforeBytes());
        assertEquals(Long.parseLong(m.group(3)) * 1024, first.oldAfterBytes());
        assertEquals(Long.parseLong(m.group(4)) * 1024, first.oldCapacityBytes());
        assertTrue(first.line() > 0 && lines.get((int) first.line() - 1).contains("GC(0) Pause Young"));
    }

    @Test
    void lastOldCollectionIsTheLastFullGcOfTheLeak() throws Exception {
        Path f = Corpus.file("generated/jdk17/g1-oomleak-MaxDirect64m.gcstar.time-uptime-level-tags.log");
        List<String> lines = Corpus.lines(f);
        String lastStart = last(lines, "\\[gc,start *\\] GC\\(\\d+\\) Pause Full");
        double uptime = Double.parseDouble(lastStart.substring(lastStart.indexOf("][") + 2, lastStart.indexOf("s]")));
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(Corpus.unifiedFull(lines), h.fullCollections().size());
        assertEquals(uptime, h.lastOldCollectionBefore(Double.MAX_VALUE).orElseThrow().uptimeSeconds(), 1e-9);
        assertEquals(h.fullCollections().size(), h.explicitGcCalls().size()); // every full GC came from Bits.reserveMemory's System.gc()
        assertTrue(h.jvmStart() != null);
    }

    @Test
    void commandLineFlagsHeader() throws Exception {
        Path f = Corpus.file("gcviewer/openjdk/SampleSun1_8_0Series-Part1.txt");
        String header = last(Corpus.lines(f), "^CommandLine flags: ");
        GcHistory h = GcLogReader.read(List.of(f));
        Matcher max = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(header);
        assertTrue(max.find());
        assertEquals(max.group(1), h.flags().get("MaxHeapSize"));
        assertEquals(Long.parseLong(max.group(1)), h.maxHeapBytes());
        assertTrue(header.contains("-XX:+UseConcMarkSweepGC") && header.contains("-XX:-UseLargePagesIndividualAllocation"));
        assertEquals("true", h.flags().get("UseConcMarkSweepGC"));
        assertEquals("false", h.flags().get("UseLargePagesIndividualAllocation"));
        assertEquals(header.substring(19).trim().split("\\s+").length, h.flags().size());
        assertEquals(Collector.CMS, h.collector());
        assertEquals("1.8.0_45-b15", h.jvmVersion());
    }

    @Test
    void flagsAreStoredByHotSpotNameWithSizesInBytes() {
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        // the options the generated corpus runs used (generated/gen.sh)
        JvmFlags.parse("-Xmx512m -XX:+UseParallelGC -XX:MaxDirectMemorySize=64m -XX:+DisableExplicitGC -XX:HeapDumpPath=/logs", flags);
        assertEquals("67108864", flags.get("MaxDirectMemorySize"));
        assertEquals("536870912", flags.get("MaxHeapSize"));
        assertEquals("true", flags.get("DisableExplicitGC"));
        assertEquals("/logs", flags.get("HeapDumpPath"));
    }

    @Test
    void g1RegionTableTellsGenerations() throws Exception {
        Path f = Corpus.file("generated/jdk17/g1-regions.gcheapregion-trace.log");
        List<String> lines = Corpus.lines(f);
        int legend = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Heap Regions: ")) {
                legend = i;
            }
        }
        List<String> rows = new ArrayList<>();
        for (int i = legend + 1; i < lines.size() && lines.get(i).contains(") |"); i++) {
            rows.add(lines.get(i));
        }
        GcHistory h = GcLogReader.read(List.of(f));
        RegionTable table = h.regionTables().get(h.regionTables().size() - 1);
        assertEquals(f + ":" + (legend + 1), table.source());
        assertEquals(rows.size(), table.regions().size());
        assertEquals(Generation.OLD, table.generationOf(bottomOf(rows, " O|") + 8));
        assertEquals(Generation.YOUNG, table.generationOf(bottomOf(rows, " S|") + 8));
        assertEquals(Generation.UNKNOWN, table.generationOf(bottomOf(rows, " F|")));
        assertEquals(Corpus.occurrences(lines, "Heap Regions: "), h.regionTables().size());
        // a G1 heap range says nothing about generations
        HeapLayout layout = h.layouts().get(0);
        assertEquals(Generation.WHOLE_HEAP, layout.spaces().get(0).generation());
        assertEquals(Generation.UNKNOWN, layout.generationOf(layout.spaces().get(0).start()));
    }

    @Test
    void rotatedSetIsJoinedInOrder() throws Exception {
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            // JDK 8 rotation names: gc.log.0 ... gc.log.5, and the file being written, gc.log.6.current
            Path copy = tmp.resolve("gc.log." + (i - 1) + (i == 7 ? ".current" : ""));
            Files.copy(Corpus.file("gcviewer/openjdk/SampleSun1_8_0Series-Part" + i + ".txt"), copy);
            parts.add(0, copy);
        }
        GcHistory joined = GcLogReader.read(parts);
        GcHistory merged = GcLogReader.read(List.of(Corpus.file("gcviewer/openjdk/SampleSun1_8_0Series-ManuallyMerged.txt")));
        assertEquals(List.of("gc.log.0", "gc.log.1", "gc.log.2", "gc.log.3", "gc.log.4", "gc.log.5", "gc.log.6.current"),
                joined.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(merged.events().size(), joined.events().size());
        assertEquals(merged.youngCollections().size(), joined.youngCollections().size());
        assertEquals(merged.counts(), joined.counts());
        assertEquals(GcLogReader.read(List.of(tmp)).events().size(), joined.events().size());
        for (int i = 1; i < joined.events().size(); i++) {
            assertTrue(joined.events().get(i - 1).uptimeSeconds() <= joined.events().get(i).uptimeSeconds());
        }
    }

    @Test
    void gzipIsReadAsAStream() throws Exception {
        Path f = Corpus.file("production/gctoolkit-gclogs/streaming/gc.log.gz");
        List<String> lines = Corpus.lines(f);
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(Corpus.occurrences(lines, "Full GC"), h.fullCollections().size());
        assertEquals(Corpus.occurrences(lines, "[GC"), h.youngCollections().size());
        assertTrue(h.jvmVersion() != null && lines.get(0).contains("JRE (" + h.jvmVersion() + ")"));
    }

    @Test
    void decorationsWithPidAndTid() throws Exception {
        // The corpus has no pid/tid log (GCViewer returns nothing for them), so one is made from a real log by
        // rewriting [time][uptime][level][tags] into [utctime][uptimemillis][pid][tid][level][tags].
        Path source = Corpus.file("generated/jdk17/g1-churn.gcstar.time-uptime-level-tags.log");
        Path f = tmp.resolve("g1-churn.utctime-uptimemillis-pid-tid-level-tags.log");
        Pattern deco = Pattern.compile("^\\[([^\\]]+)\\]\\[(\\d+)\\.(\\d{3})s\\](.*)$");
        List<String> out = new ArrayList<>();
        int tid = 0;
        for (String line : Corpus.lines(source)) {
            Matcher m = deco.matcher(line);
            assertTrue(m.matches(), line);
            out.add("[" + m.group(1) + "][" + Long.parseLong(m.group(2) + m.group(3)) + "ms][4242][" + (4300 + tid++ % 7) + "]" + m.group(4));
        }
        Files.write(f, out);
        GcHistory original = GcLogReader.read(List.of(source));
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(4242L, h.pid());
        assertNull(original.pid());
        assertEquals(Corpus.unifiedFull(Corpus.lines(source)), h.fullCollections().size());
        assertEquals(original.events().size(), h.events().size());
        assertEquals(original.jvmStart(), h.jvmStart());
        assertEquals(original.events().get(5).uptimeSeconds(), h.events().get(5).uptimeSeconds(), 1e-9);
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());

        // the same with one bare number per line that changes: a tid, not a pid
        Path tidOnly = tmp.resolve("g1-churn.tid.log");
        Files.write(tidOnly, out.stream().map(l -> l.replace("][4242][", "][")).toList());
        assertNull(GcLogReader.read(List.of(tidOnly)).pid());
    }

    @Test
    void logInterleavedWithApplicationOutput() throws Exception {
        Path f = Corpus.file("generated/jdk17/parallel-stdout-mixed.gcstar-on-stdout.log");
        List<String> lines = Corpus.lines(f);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("calling System.gc()")));
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(Corpus.unifiedFull(lines), h.fullCollections().size());
        assertEquals(Corpus.unifiedYoung(lines), h.youngCollections().size());
        assertEquals(Collector.PARALLEL, h.collector());
        assertTrue(h.warnings().isEmpty(), h.warnings().toString());
    }

    @Test
    void preUnifiedDateStampsGiveTheJvmStart() throws Exception {
        Path f = Corpus.file("gcviewer/openjdk/SampleSun1_7_0-02_G1_young.txt");
        Matcher m = Pattern.compile("^(\\S+): (\\d+\\.\\d+): ").matcher(Corpus.lines(f).get(0));
        assertTrue(m.find());
        Instant date = OffsetDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(date.minusMillis(Math.round(Double.parseDouble(m.group(2)) * 1000)), h.jvmStart());
        assertEquals(date, h.events().get(0).wallClock());
        assertEquals(1, h.events().get(0).line());
    }

    @Test
    void printHeapAtGcBlocksAreDatedByTheirCollection() throws Exception {
        Path f = Corpus.file("gcviewer/openjdk/SampleSun1_8_0ParallelPrintHeapAtGC.txt");
        List<String> lines = Corpus.lines(f);
        GcHistory h = GcLogReader.read(List.of(f));
        String record = last(lines, "^\\d+\\.\\d+: \\[GC");
        double uptime = Double.parseDouble(record.substring(0, record.indexOf(':')));
        assertEquals(2, h.layouts().size());
        assertTrue(h.layouts().get(0).source().endsWith(":" + (lines.indexOf(last(lines, "^\\{Heap before GC")) + 1)));
        assertEquals(uptime, h.layouts().get(0).uptimeSeconds(), 1e-9);
        assertEquals(uptime, h.layouts().get(1).uptimeSeconds(), 1e-9);
        assertEquals(1, h.explicitGcCalls().size());
    }

    @Test
    void ibmVerboseGcIsRefusedWithOneLine() {
        Path f = Corpus.file("gcviewer/ibm/SampleIBMJ9_R28_sys_global.txt");
        GcLogException e = assertThrows(GcLogException.class, () -> GcLogReader.read(List.of(f)));
        assertTrue(e.getMessage().startsWith(f + ": line 1: IBM J9 verbose GC XML is not a HotSpot GC log"), e.getMessage());
    }

    @Test
    void heapDumpBinaryAndTextAreRefused() throws Exception {
        Path dump = tmp.resolve("dump.hprof");
        Files.write(dump, "JAVA PROFILE 1.0.2\0\0\0\0\u0008".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(refusal(dump).contains("heap dump"));
        Path binary = tmp.resolve("random.bin");
        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        Files.write(binary, noise);
        assertTrue(refusal(binary).contains("binary data is not a HotSpot GC log"));
        Path gzNoise = tmp.resolve("random.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gzNoise))) {
            o.write(noise);
        }
        assertTrue(refusal(gzNoise).contains("binary data"));
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello\nthis is not a GC log\n");
        assertTrue(refusal(text).endsWith("line 1: text without a single GC line (2 lines read) is not a HotSpot GC log"));
        Path damaged = tmp.resolve("damaged.gz");
        Files.write(damaged, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertTrue(refusal(damaged).contains("damaged gzip stream"));
        Path empty = tmp.resolve("empty.log");
        Files.writeString(empty, "");
        assertTrue(refusal(empty).contains("empty file"));
    }

    @Test
    void directoryReadsItsLogsAndSkipsTheRest() throws Exception {
        Files.copy(Corpus.file("generated/jdk17/serial-churn.gc.default-deco.log"), tmp.resolve("gc.log"));
        Files.copy(Corpus.file("generated/jdk17/serial-churn.stdout-stderr.txt"), tmp.resolve("stdout.txt"));
        GcHistory h = GcLogReader.read(List.of(tmp));
        assertEquals(List.of(tmp.resolve("gc.log")), h.files());
        assertEquals(Corpus.unifiedFull(Corpus.lines(tmp.resolve("gc.log"))), h.fullCollections().size());
        assertTrue(h.warnings().stream().anyMatch(w -> w.startsWith("Skipped " + tmp.resolve("stdout.txt"))), h.warnings().toString());
        Files.delete(tmp.resolve("gc.log"));
        assertTrue(refusal(tmp).contains("no HotSpot GC log found"));
    }

    @Test
    void overlongLinesAreCut() throws Exception {
        Path f = tmp.resolve("long.log");
        List<String> lines = new ArrayList<>(Corpus.lines(Corpus.file("generated/jdk17/serial-churn.gc.default-deco.log")));
        lines.add(3, "[1.000s][info][gc] " + "x".repeat(5_000_000));
        Files.write(f, lines);
        GcHistory h = GcLogReader.read(List.of(f));
        assertEquals(Corpus.unifiedFull(lines), h.fullCollections().size());
        assertTrue(h.warnings().stream().anyMatch(w -> w.contains("1 line(s) longer than 64 KiB were cut")), h.warnings().toString());
    }

    private static String refusal(Path f) {
        return assertThrows(GcLogException.class, () -> GcLogReader.read(List.of(f))).getMessage();
    }

    private static String version(List<String> lines) {
        String v = last(lines, "gc,init *\\] Version: ");
        return v.substring(v.indexOf("Version: ") + 9, v.indexOf(" (", v.indexOf("Version: ")));
    }

    private static String last(List<String> lines, String regex) {
        List<String> m = Corpus.matching(lines, regex);
        assertTrue(!m.isEmpty(), "no line matches " + regex);
        return m.get(m.size() - 1);
    }

    private static long[] range(String line) {
        Matcher m = RANGE.matcher(line);
        assertTrue(m.find(), line);
        return new long[] {Long.parseLong(m.group(1).substring(2), 16), Long.parseLong(m.group(2).substring(2), 16)};
    }

    private static Space space(HeapLayout layout, String name) {
        return layout.spaces().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static long bottomOf(List<String> rows, String type) {
        String row = rows.stream().filter(r -> r.contains(type)).findFirst().orElseThrow(() -> new AssertionError(type));
        Matcher m = Pattern.compile("\\|\\s*\\d+\\|0x(\\p{XDigit}+),").matcher(row);
        assertTrue(m.find(), row);
        return Long.parseLong(m.group(1), 16);
    }
}
