package io.offheap.analyzer;

import java.time.Instant;

/**
 * Facts about the dump file. {@code jdkRange} is inferred from which JDK classes and layouts the dump
 * holds (e.g. {@code jdk.internal.ref.Cleaner} means 9+); {@code jvmVersion} is the exact version when
 * the GC log states it, else null.
 */
public record DumpInfo(String path, String format, int idSize, Instant timestamp, String jvmVersion, String jdkRange,
                       boolean truncated, long fileSize, boolean compressed, long bytesRead, int heapDumps,
                       long objects, long garbageObjects) {

    DumpInfo withJvmVersion(String version) {
        return new DumpInfo(path, format, idSize, timestamp, version, jdkRange, truncated, fileSize, compressed, bytesRead,
                heapDumps, objects, garbageObjects);
    }
}
