package io.offheap.analyzer;

/** The well-known holders of off-heap memory Offheap names in plain words (DOMAIN.md 1.2, 1.3, 4, 5). */
public enum HolderKind {
    /** {@code sun.nio.ch.Util$BufferCache}: per-thread temporary direct buffers for channel I/O on heap buffers (DOMAIN.md 4). */
    THREAD_IO_CACHE("thread-io-cache"),
    /** {@code FileChannel.map} buffers: file mappings, live or awaiting unmapping (DOMAIN.md 1.3, 2.2). */
    MAPPED_FILES("mapped-files"),
    /** Netty 4.1's pooled arenas and chunks, unpooled and no-cleaner buffers, and its own counter (DOMAIN.md 5). */
    NETTY("netty"),
    /** Direct buffers over FFM memory segments ({@code MemorySegment.asByteBuffer()}, JDK 21+), freed with their arena (DOMAIN.md 1.2, 1.3). */
    FOREIGN_MEMORY("foreign-memory"),
    /** Buffers with no cleaner and no owner that nothing above explains: memory no GC will free (DOMAIN.md 1.3). */
    UNEXPLAINED_UNOWNED("unexplained-unowned");

    private final String label;

    HolderKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
