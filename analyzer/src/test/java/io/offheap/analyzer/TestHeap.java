package io.offheap.analyzer;

import io.offheap.hprof.DumpWriter;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.HprofReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A heap made up by a test: classes, instances, object arrays and byte arrays, numbered 0.. in the order
 * they are made, with reference slots (instance fields, array elements, class statics; -1 for null) and
 * GC roots. It is written as a real HPROF file with {@link DumpWriter} and read back with
 * {@link HprofReader}, and it lists its own edges, so that a test can judge the graph the reader built
 * against the one it meant.
 */
final class TestHeap {
    enum Kind { CLASS, INSTANCE, ARRAY, BYTES }

    private final List<Kind> kinds = new ArrayList<>();
    /** An instance's or array's class; a class's superclass. -1 for none. */
    private final List<Integer> classes = new ArrayList<>();
    private final List<Integer> loaders = new ArrayList<>();
    private final List<int[]> slots = new ArrayList<>();
    /** Instance fields of a class with those of its superclasses: the slots each of its instances has. */
    private final List<Integer> fieldCounts = new ArrayList<>();
    private final List<Integer> roots = new ArrayList<>();

    /** A class with {@code ownFields} reference fields of its own and {@code statics} static reference fields. */
    int newClass(int superclass, int ownFields, int statics) {
        int inherited = superclass < 0 ? 0 : fieldCounts.get(superclass);
        return add(Kind.CLASS, superclass, inherited + ownFields, statics);
    }

    int instance(int heapClass) {
        return add(Kind.INSTANCE, heapClass, 0, fieldCounts.get(heapClass));
    }

    int array(int arrayClass, int length) {
        return add(Kind.ARRAY, arrayClass, 0, length);
    }

    int bytes() {
        return add(Kind.BYTES, -1, 0, 0);
    }

    /** Points a slot (field, element or static, by position) of {@code object} at {@code target}. */
    void set(int object, int slot, int target) {
        slots.get(object)[slot] = target;
    }

    void loader(int heapClass, int loader) {
        loaders.set(heapClass, loader);
    }

    void root(int object) {
        roots.add(object);
    }

    int size() {
        return kinds.size();
    }

    int slotCount(int object) {
        return slots.get(object).length;
    }

    Kind kind(int object) {
        return kinds.get(object);
    }

    int[] roots() {
        return roots.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Each object's successors as DominatorTree's class comment defines them, made from this model rather
     * than from the reader's graph: a class's superclass, loader and statics; an instance's fields and an
     * array's elements, then its class (it keeps its class alive); nothing for a byte array.
     */
    int[][] successors() {
        int[][] out = new int[size()][];
        for (int v = 0; v < size(); v++) {
            List<Integer> to = new ArrayList<>();
            if (kind(v) == Kind.CLASS) {
                to.add(classes.get(v));
                to.add(loaders.get(v));
            }
            for (int s : slots.get(v)) {
                to.add(s);
            }
            if (kind(v) == Kind.INSTANCE || kind(v) == Kind.ARRAY) {
                to.add(classes.get(v));
            }
            out[v] = to.stream().mapToInt(Integer::intValue).filter(t -> t >= 0).toArray();
        }
        return out;
    }

    /** The heap as read back: the reader's graph and, per object of this heap, its index in that graph. */
    record Dump(HeapGraph graph, int[] index) {
    }

    /**
     * Writes the heap to {@code file} and reads it back. Ids are a shuffle of the object numbers and the
     * objects are written in another shuffled order (classes first, as HotSpot does), so that nothing can
     * pass by confusing this heap's numbers with the graph's.
     */
    Dump dump(Path file, int idSize, Random random) throws IOException {
        int n = size();
        long[] ids = new long[n];
        int[] order = shuffled(n, random);
        for (int v = 0; v < n; v++) {
            ids[order[v]] = 0x1000_0000L + 16L * v;
        }
        DumpWriter w = new DumpWriter(idSize);
        for (int c = 0; c < n; c++) {
            if (kind(c) == Kind.CLASS) {
                int own = fieldCounts.get(c) - (classes.get(c) < 0 ? 0 : fieldCounts.get(classes.get(c)));
                int[] types = new int[own];
                Arrays.fill(types, DumpWriter.OBJECT);
                w.classDump(ids[c], id(ids, classes.get(c)), id(ids, loaders.get(c)), ids(ids, slots.get(c)), new long[own], types);
            }
        }
        for (int v : shuffled(n, random)) {
            switch (kind(v)) {
                case CLASS -> { } // dumped above
                case INSTANCE -> w.instance(ids[v], ids[classes.get(v)], ids(ids, slots.get(v)));
                case ARRAY -> w.objectArray(ids[v], ids[classes.get(v)], ids(ids, slots.get(v)));
                case BYTES -> w.byteArray(ids[v], 16);
            }
        }
        for (int r : roots) {
            w.root(kind(r) == Kind.CLASS ? DumpWriter.ROOT_STICKY_CLASS : DumpWriter.ROOT_UNKNOWN, ids[r]);
        }
        Files.write(file, w.finish());

        HeapGraph g = HprofReader.read(file, new HprofReader.Options(Set.of(), null));
        if (g.objectCount() != n || !g.warnings().isEmpty()) {
            throw new AssertionError("the reader saw " + g.objectCount() + " objects of " + n + ", warnings " + g.warnings());
        }
        int[] index = new int[n];
        for (int v = 0; v < n; v++) {
            index[v] = g.indexOf(ids[v]);
        }
        return new Dump(g, index);
    }

    private int add(Kind kind, int heapClass, int fieldCount, int slotCount) {
        kinds.add(kind);
        classes.add(heapClass);
        loaders.add(-1);
        fieldCounts.add(fieldCount);
        int[] s = new int[slotCount];
        Arrays.fill(s, -1);
        slots.add(s);
        return size() - 1;
    }

    private static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i + 1);
            a[i] = a[j];
            a[j] = i;
        }
        return a;
    }

    private static long id(long[] ids, int object) {
        return object < 0 ? 0 : ids[object];
    }

    private static long[] ids(long[] ids, int[] objects) {
        long[] out = new long[objects.length];
        for (int i = 0; i < objects.length; i++) {
            out[i] = id(ids, objects[i]);
        }
        return out;
    }
}
