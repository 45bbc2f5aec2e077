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

    /**
     * One direct arena of a Netty {@code PooledByteBufAllocator} (DOMAIN.md 5): {@code index} its place in
     * the allocator's {@code directArenas} (-1 if not found); {@code chunks} pooled chunks of
     * {@code chunkSize} bytes, {@code usedBytes} and {@code freeBytes} inside them (PoolChunk
     * {@code chunkSize - freeBytes}, {@code freeBytes}); {@code hugeChunks} unpooled chunks of huge
     * allocations holding {@code hugeBytes}; {@code threadCaches} the thread caches in use found for it,
     * {@code numThreadCaches} the count Netty keeps ({@code PoolArena.numThreadCaches}, null where the dump lacks it;
     * it also counts unreachable caches not yet freed, which Offheap does not list), the found ones holding
     * {@code cachedEntries} released regions of {@code cachedBytes}: part of {@code usedBytes}, not more memory.
     */
    record NettyArena(long arena, long allocator, int index, int chunks, long chunkSize, long usedBytes, long freeBytes,
                      int hugeChunks, long hugeBytes, int threadCaches, Integer numThreadCaches, int cachedEntries,
                      long cachedBytes) implements HolderDetail {
    }

    /**
     * One thread's {@code PoolThreadCache} of a Netty direct arena (DOMAIN.md 5): {@code thread} its thread's name
     * (null when no living thread holds the cache or the dump lacks the name), {@code arena} and {@code index} as in
     * {@link NettyArena}, {@code entries} cached regions of {@code bytes} (their {@code normCapacity}) that the thread
     * released and keeps for its own reuse.
     */
    record NettyThreadCache(long cache, String thread, long arena, int index, int entries, long bytes)
            implements HolderDetail {
    }

    /**
     * A Netty unpooled direct buffer ({@code UnpooledDirectByteBuf} and subclasses): {@code className} the
     * ByteBuf's class, {@code buffer} and {@code capacity} the ByteBuffer under it; {@code noCleaner} when
     * that memory has no cleaner and is freed only by {@code release()} (DOMAIN.md 1.3, 5).
     */
    record NettyBuffer(long buffer, String className, long capacity, BufferState state, boolean noCleaner)
            implements HolderDetail {
    }

    /**
     * Netty's own direct-memory accounting in one copy of {@code PlatformDependent} (shaded copies keep their
     * own): {@code usedBytes} DIRECT_MEMORY_COUNTER (null when Netty keeps none), {@code limitBytes}
     * DIRECT_MEMORY_LIMIT, {@code noCleaner} USE_DIRECT_BUFFER_NO_CLEANER, {@code jdkLimitBytes}
     * MAX_DIRECT_MEMORY; null where the dump lacks the static.
     */
    record NettyCounter(String className, Long usedBytes, Long limitBytes, Boolean noCleaner, Long jdkLimitBytes)
            implements HolderDetail {
    }

    /**
     * A direct buffer over an FFM native segment (its non-null {@code Buffer.segment}, DOMAIN.md 1.2):
     * {@code address} and {@code length} the segment's ({@code NativeMemorySegmentImpl.min}, {@code length});
     * {@code arena} the kind of its session (confined, shared, global, implicit for {@code Arena.ofAuto()}, else the
     * session's class name) and {@code arenaState} open or closed ({@code MemorySessionImpl.state} 0 or
     * above, negative; null where the dump lacks it).
     */
    record ForeignBuffer(long buffer, long capacity, BufferState state, long segment, long address, long length, String arena,
                         String arenaState) implements HolderDetail {
    }
}
