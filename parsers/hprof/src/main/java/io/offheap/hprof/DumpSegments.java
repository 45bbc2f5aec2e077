package io.offheap.hprof;

import java.util.Arrays;

/**
 * Where the records of the heap dump lie in the (uncompressed) file and the least and greatest id of the
 * instances and primitive arrays in each, in file order: {@link ObjectContents} reads only the records that
 * can hold what it wants. HotSpot writes the heap in segments of about a megabyte, each from one stretch of
 * addresses, so a few names cost a few megabytes of reading instead of the whole file again. About 32 bytes
 * per segment. A file of one HEAP DUMP record (the old hprof agent) is one entry: read whole, as before.
 */
final class DumpSegments {
    private final LongList entries = new LongList(64); // start, end, min id, max id per segment
    private final GzipMembers members;

    /** {@code members}: where the members of a gzip dump begin; null for an uncompressed one. */
    DumpSegments(GzipMembers members) {
        this.members = members;
    }

    GzipMembers members() {
        return members;
    }

    /** A record whose body spans {@code [start, end)}; min > max when it holds no instance or primitive array. */
    void add(long start, long end, long minId, long maxId) {
        entries.add(start);
        entries.add(end);
        entries.add(minId);
        entries.add(maxId);
    }

    int count() {
        return entries.size() / 4;
    }

    long start(int segment) {
        return entries.get(4 * segment);
    }

    long end(int segment) {
        return entries.get(4 * segment + 1);
    }

    /** True if the segment may hold an object with one of {@code sortedIds} (ids compared as signed, like IdIndex). */
    boolean mayHold(int segment, long[] sortedIds) {
        long min = entries.get(4 * segment + 2);
        long max = entries.get(4 * segment + 3);
        int i = Arrays.binarySearch(sortedIds, min);
        int first = i >= 0 ? i : -i - 1;
        return first < sortedIds.length && sortedIds[first] <= max;
    }
}
