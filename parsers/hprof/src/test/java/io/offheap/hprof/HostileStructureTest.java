package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-formed records arranged to hurt: a super chain thousands deep, super chains that loop, thousands
 * of classes sharing one enormous name, ids chosen to collide in a hash table, repeated class dumps.
 * Each file is small; {@link Reading} holds what reading it may allocate to a multiple of its size.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileStructureTest {
    private static final long FIELD_NAME = 1;

    @TempDir
    Path tmp;

    /** Each class adds one int field; the leaf's instance carries them all. */
    @Test
    void superChainThousandsDeep() throws IOException {
        int depth = 8_000;
        DumpWriter w = new DumpWriter(8).utf8(FIELD_NAME, "f").utf8(2, "Root").loadClass(1, classId(0), 2);
        for (int i = 0; i < depth; i++) {
            w.classDump(classId(i), i == 0 ? 0 : classId(i - 1), new long[] {FIELD_NAME}, new int[] {DumpWriter.INT});
        }
        w.instance(0x10, classId(depth - 1), new byte[4 * depth]);
        HeapGraph g = Reading.read(write("deep.hprof", w.finish()));
        assertFalse(g.outcome().truncated());
        assertEquals(depth + 1, g.objectCount());
        int leaf = g.indexOf(0x10);
        Field rootField = g.field(g.classOf(leaf), "Root", "f");
        assertNotNull(rootField);
        assertEquals(4 * (depth - 1), rootField.offset(), "the root class's field comes last");
        assertEquals(List.of(), g.warnings());
    }

    /**
     * The chain dumped leaf first, an instance of the leaf after each CLASS DUMP: while the chain is
     * incomplete no instance can be laid out, and finding that out must not mean walking up the chain
     * again for each instance (quadratic: minutes for these 60,000 classes).
     */
    @Test
    void superChainDumpedLeafFirstBetweenInstances() throws IOException {
        int depth = 60_000;
        DumpWriter w = new DumpWriter(8).utf8(FIELD_NAME, "f");
        for (int i = depth - 1; i >= 0; i--) {
            w.classDump(classId(i), i == 0 ? 0 : classId(i - 1), new long[0], new int[0]);
            w.instance(0x10 + 16L * i, classId(depth - 1), new byte[0]);
        }
        HeapGraph g = Reading.read(write("leaf-first.hprof", w.finish()));
        assertEquals(2 * depth, g.objectCount());
        assertEquals(List.of(), g.warnings());
    }

    @Test
    void superChainsThatLoop() throws IOException {
        byte[] dump = new DumpWriter(8)
                .utf8(FIELD_NAME, "f")
                .classDump(classId(1), classId(2), new long[] {FIELD_NAME}, new int[] {DumpWriter.INT})
                .classDump(classId(2), classId(1), new long[] {FIELD_NAME}, new int[] {DumpWriter.INT})
                .classDump(classId(3), classId(3), new long[] {FIELD_NAME}, new int[] {DumpWriter.INT})
                .instance(0x10, classId(1), new byte[8])
                .instance(0x20, classId(3), new byte[4])
                .finish();
        HeapGraph g = Reading.read(write("loop.hprof", dump));
        assertEquals(5, g.objectCount());
        assertTrue(g.warnings().stream().anyMatch(w -> w.startsWith("2 instances") && w.contains("no CLASS DUMP")),
                g.warnings()::toString);
        assertTrue(g.warnings().stream().anyMatch(w -> w.startsWith("2 superclass chains loop")), g.warnings()::toString);
        for (int c = 0; c < g.classCount(); c++) {
            assertFalse(g.isSubclassOf(g.heapClass(c), "java.lang.Object"), "walking up a looping chain ends");
        }
    }

    /** Names are normalized once per name record: 2,000 classes must not make 2,000 copies of 1 MB. */
    @Test
    void thousandsOfClassesShareOneHugeName() throws IOException {
        int classes = 2_000;
        String huge = "a/".repeat(500_000);
        DumpWriter w = new DumpWriter(8).utf8(7, huge);
        for (int i = 0; i < classes; i++) {
            w.loadClass(i, classId(i), 7);
        }
        for (int i = 0; i < classes; i++) {
            w.instance(0x10 + 16L * i, classId(i), new byte[0]);
        }
        HeapGraph g = Reading.read(write("names.hprof", w.finish()));
        assertEquals(classes, g.objectCount());
        String expected = huge.replace('/', '.');
        assertEquals(expected, g.classOf(0).name());
        assertTrue(g.classOf(0).name() == g.classOf(classes - 1).name(), "one shared name");
    }

    /**
     * Ids chosen so that the golden-ratio multiplicative hash the id index once used put all of them in
     * one slot: building the index was quadratic (minutes for these 200,000 objects).
     */
    @Test
    void idsCraftedToCollide() throws IOException {
        int objects = 200_000;
        long golden = 0x9E3779B97F4A7C15L;
        long inverse = golden; // Newton's iteration for the inverse modulo 2^64
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - golden * inverse;
        }
        assertEquals(1L, golden * inverse);
        DumpWriter w = new DumpWriter(8).classDump(classId(0), 0, new long[0], new int[0]);
        long[] ids = new long[objects];
        for (int i = 0; i < objects; i++) {
            ids[i] = (i + 1) * inverse; // id * golden == i + 1: bits 33 and up are all zero
            w.instance(ids[i], classId(0), new byte[0]);
        }
        HeapGraph g = Reading.read(write("collide.hprof", w.finish()));
        assertEquals(objects + 1, g.objectCount());
        for (int i = 0; i < objects; i += 997) {
            assertEquals(ids[i], g.id(g.indexOf(ids[i])));
        }
    }

    @Test
    void repeatedClassDumpKeepsTheFirst() throws IOException {
        byte[] dump = new DumpWriter(8)
                .utf8(FIELD_NAME, "f")
                .classDump(classId(1), 0, new long[] {FIELD_NAME}, new int[] {DumpWriter.INT})
                .classDump(classId(1), 0, new long[] {FIELD_NAME, FIELD_NAME}, new int[] {11, 11})
                .instance(0x10, classId(1), new byte[4])
                .instance(0x10, classId(1), new byte[4])
                .finish();
        HeapGraph g = Reading.read(write("repeated.hprof", dump));
        assertEquals(3, g.objectCount());
        int first = g.indexOf(0x10);
        assertEquals(0x10, g.id(first + 1), "two objects with one id, side by side in id order");
        assertTrue(first == 0 || g.id(first - 1) != 0x10, "lookups find the first of them");
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("repeated CLASS DUMP")), g.warnings()::toString);
    }

    private static long classId(int i) {
        return 0x7000_0000L + 16L * i;
    }

    private Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }
}
