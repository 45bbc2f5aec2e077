package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;

/**
 * The fields of one direct-buffer class, resolved by declaring class across JDK versions
 * (DOMAIN.md 1.2): the attachment is {@code viewedBuffer} in JDK 5/6 and {@code att} from 7; a
 * mapping is marked by {@code isAMappedBuffer} in 5/6 and {@code fd} from 7.
 */
record BufferFields(Field capacity, Field address, Field cleaner, Field attachment, Field fd, Field isAMappedBuffer) {
    static final String BUFFER = "java.nio.Buffer";
    static final String MAPPED = "java.nio.MappedByteBuffer";
    static final String DIRECT = "java.nio.DirectByteBuffer";

    static BufferFields of(HeapGraph g, HeapClass c) {
        Field att = g.field(c, DIRECT, "att");
        return new BufferFields(
                g.field(c, BUFFER, "capacity"),
                g.field(c, BUFFER, "address"),
                g.field(c, DIRECT, "cleaner"),
                att != null ? att : g.field(c, DIRECT, "viewedBuffer"),
                g.field(c, MAPPED, "fd"),
                g.field(c, MAPPED, "isAMappedBuffer"));
    }

    static long read(HeapGraph g, int object, Field f) {
        return f == null ? 0 : g.value(object, f);
    }
}
