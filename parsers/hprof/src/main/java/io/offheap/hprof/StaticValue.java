package io.offheap.hprof;

/** A static field and its value in the dump; object values are identifiers (0 = null). */
public record StaticValue(String name, BasicType type, long value) {
}
