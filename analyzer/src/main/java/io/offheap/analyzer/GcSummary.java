package io.offheap.analyzer;

import java.util.List;
import java.util.Map;

/**
 * What the GC logs say, joined with the dump. Uptimes are seconds since JVM start; {@code dumpUptime}
 * is where the dump sits on the log's timeline (null when the log has no wall-clock time to place it),
 * {@code lastOldCollectionBeforeDump} the last full or old-generation collection before it (null if none).
 * {@code layoutSource} names the log lines the generation address ranges came from (null if none).
 */
public record GcSummary(List<String> files, String collector, String jvmVersion, Map<String, String> flags,
                        int events, int youngCollections, int fullCollections, int concurrentCycles,
                        int explicitGcCalls, Double logStart, Double logEnd, Double dumpUptime,
                        Double lastOldCollectionBeforeDump, String layoutSource, List<GcPoint> timeline,
                        List<String> warnings) {
}
