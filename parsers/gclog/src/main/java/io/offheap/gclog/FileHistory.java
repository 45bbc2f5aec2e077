package io.offheap.gclog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What one file contributed, filled in by a reader and then merged into the {@link GcHistory}. */
final class FileHistory {
    final Path file;
    Collector collector = Collector.UNKNOWN;
    String jvmVersion;
    final Map<String, String> flags = new LinkedHashMap<>();
    long maxHeapBytes = -1;
    Instant jvmStart;
    Long pid;
    final List<GcEvent> events = new ArrayList<>();
    final List<HeapLayout> layouts = new ArrayList<>();
    final List<RegionTable> regionTables = new ArrayList<>();
    LineCounts counts = LineCounts.ZERO;
    final List<String> warnings = new ArrayList<>();

    FileHistory(Path file) {
        this.file = file;
    }

    void collector(Collector c) {
        if (collector == Collector.UNKNOWN) {
            collector = c;
        }
    }

    void start(Instant wallClock, double uptimeSeconds) {
        if (jvmStart == null && wallClock != null && !Double.isNaN(uptimeSeconds)) {
            jvmStart = Timestamps.start(wallClock, uptimeSeconds);
        }
    }

    String at(long line) {
        return file + ":" + line;
    }

    /**
     * Compares the parsed events with the lines counted from the text and says where they disagree, so
     * that a history is never silently short of collections.
     */
    void verify(LogLines lines) {
        if (lines.cutLines() > 0) {
            warnings.add(file + ": " + lines.cutLines() + " line(s) longer than " + LogLines.MAX_LINE / 1024 + " KiB were cut.");
        }
        if (lines.damage() != null) {
            warnings.add(file + ": the gzip stream breaks after line " + lines.number() + " (" + lines.damage()
                    + "); the rest of the file is missing.");
        }
        int counted = counts.fullCollections() + counts.youngCollections() + counts.mixedCollections()
                + counts.initialMarks() + counts.remarks() + counts.concurrentCycles();
        if (events.isEmpty() && counted > 0) {
            warnings.add(file + ": " + counted + " pause or cycle line(s) found but no collection could be parsed;"
                    + " the collections of this file are missing.");
            return;
        }
        compare("full collection", counts.fullCollections(), e -> e.kind() == GcEvent.Kind.FULL);
        compare("young collection", counts.youngCollections(), e -> e.kind() == GcEvent.Kind.YOUNG);
        compare("mixed collection", counts.mixedCollections(), e -> e.kind() == GcEvent.Kind.MIXED);
        compare("concurrent cycle", counts.concurrentCycles(), e -> e.kind() == GcEvent.Kind.CONCURRENT_CYCLE);
        compare("remark", counts.remarks(), e -> e.kind() == GcEvent.Kind.REMARK);
    }

    private void compare(String what, int counted, Predicate<GcEvent> kind) {
        long parsed = events.stream().filter(kind).count();
        if (parsed != counted) {
            warnings.add(file + ": the log has " + counted + " " + what + " line(s) but " + parsed
                    + " " + what + "(s) were parsed; counts from this file may be wrong.");
        }
    }
}
