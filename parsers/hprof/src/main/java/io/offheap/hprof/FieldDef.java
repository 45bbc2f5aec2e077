package io.offheap.hprof;

/** An instance field as a CLASS DUMP declares it. */
public record FieldDef(String name, BasicType type) {
}
