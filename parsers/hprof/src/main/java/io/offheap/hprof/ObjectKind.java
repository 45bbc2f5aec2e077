package io.offheap.hprof;

/** What a node of the heap graph is. */
public enum ObjectKind {
    INSTANCE, OBJECT_ARRAY, PRIMITIVE_ARRAY, CLASS
}
