package io.offheap.analyzer;

import io.offheap.hprof.BasicType;
import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.StaticValue;

import java.util.List;

/**
 * Reads {@link Accounting} from class statics, in every spelling the JDKs used (DOMAIN.md 3.1, 3.3):
 * plain longs in 6/7, {@code AtomicLong} in 8 (lower case) and 9+ (upper case); the limit in
 * {@code sun.misc.VM.directMemory} up to 8 and {@code jdk.internal.misc.VM.directMemory} from 9.
 */
final class JdkCounters {
    static final String ATOMIC_LONG = "java.util.concurrent.atomic.AtomicLong";

    private JdkCounters() {
    }

    static Accounting read(HeapGraph g) {
        HeapClass bits = first(g, "java.nio.Bits");
        Long limit = null;
        for (String vm : List.of("jdk.internal.misc.VM", "sun.misc.VM")) {
            HeapClass c = first(g, vm);
            if (c != null && limit == null) {
                limit = number(g, c, "directMemory");
            }
        }
        if (bits == null) {
            return new Accounting(null, null, null, limit);
        }
        Long reserved = number(g, bits, "RESERVED_MEMORY", "reservedMemory");
        Long total = number(g, bits, "TOTAL_CAPACITY", "totalCapacity");
        Long count = number(g, bits, "COUNT", "count");
        if (limit == null) {
            limit = number(g, bits, "MAX_MEMORY", "maxMemory");
        }
        return new Accounting(reserved, total, count, limit);
    }

    private static HeapClass first(HeapGraph g, String name) {
        for (HeapClass c : g.classesNamed(name)) {
            if (c.dumped()) {
                return c;
            }
        }
        return null;
    }

    /** A static long, or the value of the AtomicLong a static field points to; null if neither is there (also Netty's, DOMAIN.md 5). */
    static Long number(HeapGraph g, HeapClass c, String... names) {
        for (String name : names) {
            StaticValue s = c.staticField(name);
            if (s == null) {
                continue;
            }
            if (s.type() == BasicType.LONG || s.type() == BasicType.INT) {
                return s.value();
            }
            int atomic = g.indexOf(s.value());
            if (s.type() == BasicType.OBJECT && atomic >= 0 && g.hasFields(atomic)) {
                Field value = g.field(g.classOf(atomic), ATOMIC_LONG, "value");
                if (value != null) {
                    return g.value(atomic, value);
                }
            }
        }
        return null;
    }
}
