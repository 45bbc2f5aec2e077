package io.offheap.gclog;

/** Where an object lives. {@code WHOLE_HEAP} marks a printed range that spans both generations (G1). */
public enum Generation {
    YOUNG, OLD, WHOLE_HEAP, UNKNOWN
}
