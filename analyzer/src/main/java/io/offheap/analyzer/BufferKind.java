package io.offheap.analyzer;

/** What a direct buffer is to its native memory (DESIGN.md, buffer kind; DOMAIN.md 1.3). */
public enum BufferKind {
    /** Has a Cleaner whose thunk frees the memory: made by {@code allocateDirect}. */
    OWNER("owner"),
    /** Slice, duplicate, read-only or typed view: points to its owner through {@code att}; owns nothing. */
    VIEW("view"),
    /** A file mapping: Unmapper thunk or {@code fd} set. */
    MAPPED("mapped"),
    /** No cleaner, no attachment: memory from JNI, Netty no-cleaner buffers, JDK 24+ temporary buffers. No GC frees it. */
    UNOWNED("unowned");

    private final String label;

    BufferKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
