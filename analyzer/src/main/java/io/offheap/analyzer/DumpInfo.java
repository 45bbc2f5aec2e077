package io.offheap.analyzer;

import java.time.Instant;

/**
 * Facts about the dump file. {@code jdkRange} is inferred from which JDK classes and layouts the dump
 * holds (e.g. {@code jdk.internal.ref.Cleaner} means 9+); {@code jvmVersion} is the exact version when
 * an input states it, else null.
 */
public record DumpInfo(String path, String format, int idSize, Instant timestamp, String jvmVersion, String jdkRange,
                       boolean truncated, long fileSize, boolean compressed, long bytesRead, int heapDumps,
                       long objects, long garbageObjects) {
}
