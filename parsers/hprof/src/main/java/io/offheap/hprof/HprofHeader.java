package io.offheap.hprof;

import java.time.Instant;

/**
 * The fixed header of an HPROF file: format string, identifier size (the JVM's oop size, which is
 * 8 on 64-bit HotSpot even with compressed oops, 4 for the old hprof agent; DOMAIN.md 6.1) and the
 * moment the dump was written.
 */
public record HprofHeader(String format, int idSize, Instant timestamp) {
}
