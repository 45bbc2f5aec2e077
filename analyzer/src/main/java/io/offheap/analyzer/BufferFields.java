package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;

import java.util.List;
import java.util.Set;

/**
 * The fields of one direct-buffer class, resolved by declaring class across JDK versions
 * (DOMAIN.md 1.2): the attachment is {@code viewedBuffer} in JDK 5/6 and {@code att} from 7; a
 * mapping is marked by {@code isAMappedBuffer} in 5/6 and {@code fd} from 7. Typed views of direct
 * memory ({@code asLongBuffer()} and the like: {@code DirectLongBufferU}, its read-only subclass
 * {@code DirectLongBufferRU}, and the {@code S} variants for the other byte order) are direct buffers too,
 * outside DirectByteBuffer's hierarchy: their {@code att} is declared by the {@code U} or {@code S} class.
 */
record BufferFields(Field capacity, Field address, Field cleaner, Field attachment, Field fd, Field isAMappedBuffer) {
    static final String BUFFER = "java.nio.Buffer";
    static final String MAPPED = "java.nio.MappedByteBuffer";
    static final String DIRECT = "java.nio.DirectByteBuffer";
    /** The typed direct buffer classes, for the reader to keep their fields. */
    static final Set<String> TYPED = typedClasses();

    static BufferFields of(HeapGraph g, HeapClass c) {
        String declaring = TYPED.contains(c.name()) ? c.name().replace("BufferR", "Buffer") : DIRECT;
        Field att = g.field(c, declaring, "att");
        return new BufferFields(
                g.field(c, BUFFER, "capacity"),
                g.field(c, BUFFER, "address"),
                g.field(c, DIRECT, "cleaner"),
                att != null ? att : g.field(c, declaring, "viewedBuffer"),
                g.field(c, MAPPED, "fd"),
                g.field(c, MAPPED, "isAMappedBuffer"));
    }

    private static Set<String> typedClasses() {
        Set<String> names = new java.util.HashSet<>();
        for (String type : List.of("Char", "Short", "Int", "Long", "Float", "Double")) {
            for (String variant : List.of("U", "S", "RU", "RS")) {
                names.add("java.nio.Direct" + type + "Buffer" + variant);
            }
        }
        return Set.copyOf(names);
    }

    static long read(HeapGraph g, int object, Field f) {
        return f == null ? 0 : g.value(object, f);
    }
}
