package io.offheap.hprof;

/** An instance field resolved against one class's layout: where its value sits in the instance data. */
public record Field(String declaringClass, String name, BasicType type, int offset) {
}
