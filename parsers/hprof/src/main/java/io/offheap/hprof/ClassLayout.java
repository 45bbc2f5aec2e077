package io.offheap.hprof;

/**
 * The instance data layout of a class with all its superclasses: every field with its offset, the
 * offsets of the strong reference fields, and a name per reference slot for retaining paths.
 */
record ClassLayout(int size, Field[] fields, int[] refOffsets, String[] slotNames, boolean keepFields) {

    /**
     * {@code Reference.referent} is the one reference field that is not a strong edge: a buffer reachable
     * only through its Cleaner is garbage waiting for a GC (DESIGN.md decisions; DOMAIN.md 2.4).
     */
    static boolean isStrong(Field f) {
        return !(f.name().equals("referent") && f.declaringClass().equals("java.lang.ref.Reference"));
    }
}
