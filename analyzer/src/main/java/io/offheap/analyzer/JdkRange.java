package io.offheap.analyzer;

import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;

/**
 * Which JDKs could have written the dump, from the classes and layouts it holds (HotSpot dumps carry
 * no version record): {@code jdk.internal.ref.Cleaner} exists from 9 (DOMAIN.md 2.1), the Deallocator is
 * a record from 21 (2.2), {@code att} replaced {@code viewedBuffer} in 7 (1.2).
 */
final class JdkRange {
    private JdkRange() {
    }

    static String infer(HeapGraph g) {
        if (!g.classesNamed(CleanerFacts.JDK_INTERNAL_CLEANER).isEmpty() || !g.classesNamed("java.lang.Module").isEmpty()) {
            for (HeapClass c : g.classesNamed(CleanerFacts.DEALLOCATOR)) {
                if (c.dumped()) {
                    return g.isSubclassOf(c, "java.lang.Record") ? "21 or later" : "9 to 20";
                }
            }
            return "9 or later";
        }
        for (HeapClass c : g.classesNamed(BufferFields.DIRECT)) {
            if (c.dumped()) {
                boolean att = c.fields().stream().anyMatch(f -> f.name().equals("att"));
                return att ? "7 or 8" : "5 or 6";
            }
        }
        return g.classCount() == 0 ? null : "8 or earlier";
    }
}
