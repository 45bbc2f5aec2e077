package io.offheap.hprof;

/**
 * Where the members of a gzip dump begin, noted while the first pass inflates it, so that the second pass
 * ({@link SeekableGzipStream}) can start inflating near the records it wants instead of at the start of the
 * file. {@code jcmd GC.heap_dump -gz} writes one member per block of the dump (1 MiB; the first header says
 * {@code HPROF BLOCKSIZE=1048576}), each inflatable alone; a file from gzip(1) is one member, and the second
 * pass then inflates from the start as before. At most one member is noted per {@link #SPACING} bytes of
 * uncompressed data, 24 bytes each: 240 KB for a 10 GB dump, however many members the file holds. Noted on
 * the first pass's read-ahead thread and read by the second pass: synchronized, as nothing else orders the two
 * if that thread outlives the first pass (its reader waits for it, but not forever).
 */
final class GzipMembers {
    /** Inflating this much costs a few milliseconds: starting a new member closer than that saves nothing. */
    static final long SPACING = 1 << 20;

    private final LongList dataStarts = new LongList(64); // file offset of the member's deflate data
    private final LongList offsets = new LongList(64); // uncompressed offset of its first byte
    private final LongList firstBytes = new LongList(64); // its first 8 bytes, to check the seek landed right

    /**
     * A member whose deflate data begins at file offset {@code dataStart} and inflates, from uncompressed
     * offset {@code offset} on, to bytes that begin with {@code first} (8 bytes, big-endian). Members are noted
     * in file order; one closer than {@link #SPACING} to the last one noted is left out.
     */
    synchronized void note(long dataStart, long offset, long first) {
        int n = offsets.size();
        if (n == 0 || offset >= offsets.get(n - 1) + SPACING) {
            dataStarts.add(dataStart);
            offsets.add(offset);
            firstBytes.add(first);
        }
    }

    synchronized int count() {
        return offsets.size();
    }

    /** The last member noted that begins at or before uncompressed {@code offset}, or -1. */
    synchronized int floor(long offset) {
        int lo = 0;
        int hi = offsets.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets.get(mid) <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    synchronized long dataStart(int member) {
        return dataStarts.get(member);
    }

    synchronized long offset(int member) {
        return offsets.get(member);
    }

    synchronized long firstBytes(int member) {
        return firstBytes.get(member);
    }
}
