package io.offheap.gclog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JVM's HotSpot GC logs into a {@link GcHistory}.
 *
 * <p>Pre-unified logs (JDK 8 and earlier) are parsed by GCViewer 1.36 for their collections, with our
 * own line reader adding the header, the heap printouts and a record count; unified logs (JDK 9+) are
 * read by our own line reader alone, which GCViewer cannot match there (see {@link UnifiedLog}). Every
 * file's collections are checked against pause lines counted straight from its text, and any
 * disagreement becomes a warning in the history.
 */
public final class GcLogReader {
    private GcLogReader() {
    }

    /**
     * Reads the given files and directories as one history. A directory means every GC log in it; files
     * in it that are not HotSpot GC logs are skipped with a warning. Rotated sets ({@code gc.log.0},
     * {@code gc.log.1}, {@code gc.log.2.current}) are joined in order; {@code .gz} files are read as
     * streams.
     *
     * @throws GcLogException when a named file is not a HotSpot GC log (IBM J9 XML, a heap dump, binary
     *                        or unrelated text), or a directory holds none; the message names the file
     * @throws IOException    when a file cannot be read
     */
    public static GcHistory read(List<Path> filesOrDirs) throws GcLogException, IOException {
        if (filesOrDirs.isEmpty()) {
            throw new GcLogException("no GC log given");
        }
        Map<Path, Boolean> named = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Path p : filesOrDirs) {
            if (Files.isDirectory(p)) {
                List<Path> inside = LogFiles.in(p);
                if (inside.isEmpty()) {
                    throw new GcLogException(p + ": an empty directory holds no GC log");
                }
                inside.forEach(f -> named.putIfAbsent(f, false));
            } else {
                named.put(p, true);
            }
        }
        List<Path> files = new ArrayList<>(named.keySet());
        files.sort(LogFiles.ORDER);
        List<FileHistory> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                parts.add(readFile(f));
            } catch (GcLogException e) {
                if (named.get(f)) {
                    throw e;
                }
                warnings.add("Skipped " + e.getMessage());
            }
        }
        if (parts.isEmpty()) {
            throw new GcLogException(filesOrDirs.get(0) + ": no HotSpot GC log found (" + warnings.size() + " file(s) skipped)");
        }
        return merge(parts, warnings);
    }

    private static FileHistory readFile(Path file) throws GcLogException, IOException {
        LogFormat format = LogFormat.of(file);
        FileHistory out = new FileHistory(file);
        try (LogLines lines = LogLines.open(file)) {
            if (format == LogFormat.UNIFIED) {
                UnifiedLog.read(lines, out);
            } else {
                LegacyLog.read(lines, out);
            }
        }
        return out;
    }

    private static GcHistory merge(List<FileHistory> parts, List<String> skipped) {
        Collector collector = Collector.UNKNOWN;
        String version = null;
        Map<String, String> flags = new LinkedHashMap<>();
        long maxHeap = -1;
        Instant start = null;
        Long pid = null;
        List<GcEvent> events = new ArrayList<>();
        List<HeapLayout> layouts = new ArrayList<>();
        List<RegionTable> tables = new ArrayList<>();
        LineCounts counts = LineCounts.ZERO;
        List<String> warnings = new ArrayList<>();
        Set<String> collectors = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        for (FileHistory f : parts) {
            if (f.collector != Collector.UNKNOWN) {
                collectors.add(f.collector.name());
                collector = collector == Collector.UNKNOWN ? f.collector : collector;
            }
            if (f.jvmVersion != null) {
                versions.add(f.jvmVersion);
                version = version == null ? f.jvmVersion : version;
            }
            f.flags.forEach(flags::putIfAbsent);
            maxHeap = maxHeap < 0 ? f.maxHeapBytes : maxHeap;
            start = start == null ? f.jvmStart : start;
            pid = pid == null ? f.pid : pid;
            events.addAll(f.events);
            layouts.addAll(f.layouts);
            tables.addAll(f.regionTables);
            counts = counts.plus(f.counts);
            warnings.addAll(f.warnings);
        }
        if (maxHeap < 0 && flags.containsKey("MaxHeapSize")) {
            maxHeap = Sizes.parse(flags.get("MaxHeapSize"));
        }
        if (collectors.size() > 1 || versions.size() > 1) {
            warnings.add("The files come from more than one JVM (" + String.join(", ", collectors)
                    + (versions.size() > 1 ? "; " + String.join(", ", versions) : "") + "); their events are mixed.");
        }
        warnings.addAll(skipped);
        // Stable sorts: events without an uptime (date-stamped logs only) keep file order at the end.
        events.sort(Comparator.comparingDouble(GcEvent::uptimeSeconds));
        layouts.sort(Comparator.comparingDouble(HeapLayout::uptimeSeconds));
        tables.sort(Comparator.comparingDouble(RegionTable::uptimeSeconds));
        return new GcHistory(parts.stream().map(f -> f.file).toList(), collector, version, flags, maxHeap, start, pid,
                events, layouts, tables, counts, warnings);
    }
}
