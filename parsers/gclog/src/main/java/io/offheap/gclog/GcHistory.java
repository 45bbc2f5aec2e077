package io.offheap.gclog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one JVM's GC logs say that matters for off-heap memory: the collections, the configuration
 * and the heap's address layout.
 *
 * @param files        the files read, in the order they were joined
 * @param jvmVersion   e.g. {@code 17.0.15+6-Debian-1deb12u1} or {@code 1.8.0_45-b15}; null if not logged
 * @param flags        {@code -XX} flags and {@code -Xmx}/{@code -Xms} by HotSpot flag name; booleans as
 *                     {@code true}/{@code false}, sizes in bytes ({@code MaxDirectMemorySize -> 67108864})
 * @param maxHeapBytes the heap's maximum capacity as logged (flag, {@code gc,init} line), -1 if unknown
 * @param jvmStart     wall-clock JVM start, when a line carries both a wall-clock and an uptime stamp
 * @param pid          from the {@code pid} decoration, or null
 * @param events       time-ordered by uptime (events without an uptime last, in file order)
 * @param layouts      heap printouts, time-ordered
 * @param regionTables G1 region tables, time-ordered; empty unless {@code gc+heap+region=trace} was logged
 * @param counts       pause and cycle lines counted straight from the text
 * @param warnings     one sentence each, naming the file, for anything that makes the history incomplete
 */
public record GcHistory(List<Path> files, Collector collector, String jvmVersion, Map<String, String> flags,
                        long maxHeapBytes, Instant jvmStart, Long pid, List<GcEvent> events,
                        List<HeapLayout> layouts, List<RegionTable> regionTables, LineCounts counts,
                        List<String> warnings) {

    public GcHistory {
        files = List.copyOf(files);
        flags = Map.copyOf(flags);
        events = List.copyOf(events);
        layouts = List.copyOf(layouts);
        regionTables = List.copyOf(regionTables);
        warnings = List.copyOf(warnings);
    }

    public List<GcEvent> fullCollections() {
        return ofKind(GcEvent.Kind.FULL);
    }

    public List<GcEvent> youngCollections() {
        return ofKind(GcEvent.Kind.YOUNG);
    }

    public List<GcEvent> mixedCollections() {
        return ofKind(GcEvent.Kind.MIXED);
    }

    public List<GcEvent> concurrentCycles() {
        return ofKind(GcEvent.Kind.CONCURRENT_CYCLE);
    }

    /** Events whose cause is {@code System.gc()}: the calls that {@code -XX:+DisableExplicitGC} would have swallowed. */
    public List<GcEvent> explicitGcCalls() {
        return events.stream().filter(GcEvent::isExplicit).toList();
    }

    /** The last event at or before the given uptime that processed the old generation (see {@link GcEvent.Kind#collectsOld()}). */
    public Optional<GcEvent> lastOldCollectionBefore(double uptimeSeconds) {
        GcEvent last = null;
        for (GcEvent e : events) {
            if (e.kind().collectsOld() && e.uptimeSeconds() <= uptimeSeconds) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The last heap printout with Serial/Parallel/CMS generation ranges, if any (DOMAIN.md 6.4). */
    public Optional<HeapLayout> lastGenerationalLayout() {
        for (int i = layouts.size() - 1; i >= 0; i--) {
            HeapLayout l = layouts.get(i);
            if (l.spaces().stream().anyMatch(s -> s.generation() == Generation.YOUNG || s.generation() == Generation.OLD)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private List<GcEvent> ofKind(GcEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }
}
