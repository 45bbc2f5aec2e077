package io.offheap.analyzer;

import java.util.List;

/** One part of a {@link Holder}: a thread's cache, a file mapping, a buffer nothing explains. */
public sealed interface HolderDetail {

    /** The temporary-buffer cache of one thread; {@code thread} is null when the dump does not name it. */
    record ThreadCache(String thread, int buffers, long bytes, long largestBytes) implements HolderDetail {
    }

    /**
     * One mapped buffer: {@code bytes} the mapping length (Unmapper {@code size}, else the capacity),
     * {@code file} the path where the dump links one to the buffer, {@code fileFrom} where it was found
     * (null with the file); {@code state} live, or awaiting-gc: unreachable but not yet unmapped.
     */
    record MappedFile(long buffer, long bytes, long capacity, BufferState state, String file, String fileFrom)
            implements HolderDetail {
    }

    /** A buffer with no cleaner and no owner nothing explains, with its shortest path from a GC root. */
    record UnexplainedBuffer(long buffer, long capacity, BufferState state, List<String> path) implements HolderDetail {
    }
}
