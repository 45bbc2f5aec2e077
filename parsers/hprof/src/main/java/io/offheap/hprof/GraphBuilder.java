package io.offheap.hprof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates one heap dump into primitive arrays while it streams by (MAT's arrays-per-concern
 * design): object ids, class-and-kind, CSR edge offsets with target ids, roots, and the raw field
 * bytes of the few instances the caller asked to keep. {@link #build} turns target ids into indices.
 */
final class GraphBuilder {
    static final int KIND_SHIFT = 28;
    static final int CLASS_MASK = (1 << KIND_SHIFT) - 1;
    private static final String[] ARRAY_SLOTS = {"[]"};

    private final int idSize;
    private final Map<Long, String> loadedClassNames;
    private final Set<String> keepFieldsOf;
    final List<String> warnings = new ArrayList<>();

    private final LongList ids;
    private final IntList classAndKind;
    private final IntList edgeStart;
    private final LongList edgeTargets;

    private final List<ClassDraft> classes = new ArrayList<>();
    private final Map<Long, Integer> classNumbers = new HashMap<>();
    private final int[] primitiveArrayClass = new int[12];
    private int lastClassNumber = -1;
    private long lastClassId;

    private final LongList rootIds = new LongList(1024);
    private final IntList rootKinds = new IntList(1024);

    private final LongList kept = new LongList(1024);
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;

    private final List<Deferred> deferred = new ArrayList<>();

    private record Deferred(int object, long classId, byte[] data) {
    }

    GraphBuilder(int idSize, Map<Long, String> loadedClassNames, Set<String> keepFieldsOf, long expectedBytes) {
        this.idSize = idSize;
        this.loadedClassNames = loadedClassNames;
        this.keepFieldsOf = keepFieldsOf;
        int objects = (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1 << 16, expectedBytes / 48));
        ids = new LongList(objects);
        classAndKind = new IntList(objects);
        edgeStart = new IntList(objects + 1);
        edgeTargets = new LongList(objects * 2);
        Arrays.fill(primitiveArrayClass, -1);
    }

    int idSize() {
        return idSize;
    }

    // ---- classes ----

    /** The class number for a class id, creating a placeholder named from LOAD CLASS if not yet dumped. */
    int classNumber(long classId) {
        if (classId == lastClassId && lastClassNumber >= 0) {
            return lastClassNumber;
        }
        Integer n = classNumbers.get(classId);
        if (n == null) {
            n = newClass(classId, ClassNames.normalize(loadedClassNames.get(classId), classId));
            classNumbers.put(classId, n);
        }
        lastClassId = classId;
        lastClassNumber = n;
        return n;
    }

    private int newClass(long classId, String name) {
        int n = classes.size();
        if (n > CLASS_MASK) {
            throw new IllegalStateException("more than " + CLASS_MASK + " classes");
        }
        classes.add(new ClassDraft(n, classId, name));
        return n;
    }

    ClassDraft draft(int number) {
        return classes.get(number);
    }

    /** Records a CLASS DUMP and adds the class object as a node with edges to its super, loader and static references. */
    void addClassDump(long classId, long superId, long loaderId, int instanceSize, List<FieldDef> fields,
                      List<StaticValue> statics) {
        ClassDraft c = draft(classNumber(classId));
        c.superId = superId;
        c.loaderId = loaderId;
        c.instanceSize = instanceSize;
        c.fields = List.copyOf(fields);
        c.statics = List.copyOf(statics);
        c.dumped = true;
        startNode(classId, ObjectKind.CLASS, c.number);
        edgeTargets.add(superId);
        edgeTargets.add(loaderId);
        for (StaticValue s : statics) {
            if (s.type() == BasicType.OBJECT) {
                edgeTargets.add(s.value());
            }
        }
    }

    /** The layout of a class and all its supers, or null while a CLASS DUMP in the chain is missing. */
    ClassLayout layout(int number) {
        ClassDraft c = classes.get(number);
        if (c.layout != null || !c.dumped) {
            return c.layout;
        }
        ClassLayout parent = null;
        if (c.superId != 0) {
            Integer s = classNumbers.get(c.superId);
            if (s == null || s == number || chainDepth(c) < 0) {
                return null;
            }
            parent = layout(s);
            if (parent == null) {
                return null;
            }
        }
        List<Field> all = new ArrayList<>();
        int offset = 0;
        for (FieldDef f : c.fields) {
            all.add(new Field(c.name, f.name(), f.type(), offset));
            offset += f.type().size(idSize);
        }
        int own = offset;
        boolean keep = keepFieldsOf.contains(c.name);
        if (parent != null) {
            for (Field f : parent.fields()) {
                all.add(new Field(f.declaringClass(), f.name(), f.type(), f.offset() + own));
            }
            offset += parent.size();
            keep |= parent.keepFields();
        }
        IntList refs = new IntList(8);
        List<String> names = new ArrayList<>();
        for (Field f : all) {
            if (f.type() == BasicType.OBJECT && ClassLayout.isStrong(f)) {
                refs.add(f.offset());
                names.add(f.name());
            }
        }
        c.layout = new ClassLayout(offset, all.toArray(Field[]::new), refs.toArray(), names.toArray(String[]::new), keep);
        return c.layout;
    }

    /** Guards against a corrupt super chain that loops; -1 if it does. */
    private int chainDepth(ClassDraft c) {
        int depth = 0;
        long superId = c.superId;
        while (superId != 0) {
            Integer s = classNumbers.get(superId);
            if (s == null) {
                return depth;
            }
            if (++depth > 10_000) {
                return -1;
            }
            superId = classes.get(s).superId;
        }
        return depth;
    }

    int primitiveArrayClass(BasicType type) {
        int code = type.ordinal();
        if (primitiveArrayClass[code] < 0) {
            primitiveArrayClass[code] = newClass(0, type.javaName() + "[]");
        }
        return primitiveArrayClass[code];
    }

    // ---- objects ----

    private int startNode(long id, ObjectKind kind, int classNumber) {
        int index = ids.size();
        ids.add(id);
        classAndKind.add(kind.ordinal() << KIND_SHIFT | classNumber);
        edgeStart.add(edgeTargets.size());
        return index;
    }

    /** An instance whose layout is known: its reference slots are read straight out of the input buffer. */
    void addInstance(long id, int classNumber, ClassLayout layout, byte[] data, int at) {
        int index = startNode(id, ObjectKind.INSTANCE, classNumber);
        for (int off : layout.refOffsets()) {
            edgeTargets.add(idSize == 8 ? RecordInput.readLong(data, at + off) : RecordInput.readInt(data, at + off) & 0xFFFF_FFFFL);
        }
        if (layout.keepFields()) {
            keep(index, data, at, layout.size());
        }
    }

    /** An instance whose class (or a superclass) has not been dumped yet: resolved in {@link #build}. */
    void addDeferredInstance(long id, long classId, byte[] data) {
        int index = startNode(id, ObjectKind.INSTANCE, classNumber(classId));
        deferred.add(new Deferred(index, classId, data));
    }

    void startObjectArray(long id, long arrayClassId) {
        startNode(id, ObjectKind.OBJECT_ARRAY, classNumber(arrayClassId));
    }

    void addArrayElement(long elementId) {
        if (elementId != 0) {
            edgeTargets.add(elementId);
        }
    }

    void addPrimitiveArray(long id, BasicType type) {
        startNode(id, ObjectKind.PRIMITIVE_ARRAY, primitiveArrayClass(type));
    }

    void addRoot(RootKind kind, long id) {
        rootIds.add(id);
        rootKinds.add(kind.ordinal());
    }

    private void keep(int index, byte[] data, int at, int length) {
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaSize + length, LongList.grow(arena.length)));
        }
        System.arraycopy(data, at, arena, arenaSize, length);
        kept.add((long) index << 32 | arenaSize);
        arenaSize += length;
    }

    // ---- finishing ----

    HeapGraph build(HprofHeader header, ReadOutcome outcome) {
        int n = ids.size();
        long[] idArray = ids.toArray();
        int[] kinds = classAndKind.toArray();
        IdIndex index = new IdIndex(idArray, n);
        int[] starts = new int[n + 1];
        int[] edges = resolveEdges(index, starts, n);

        HeapClass[] heapClasses = new HeapClass[classes.size()];
        ClassLayout[] layouts = new ClassLayout[classes.size()];
        int[] classObjects = new int[classes.size()];
        for (ClassDraft c : classes) {
            Integer s = c.superId == 0 ? null : classNumbers.get(c.superId);
            heapClasses[c.number] = c.toHeapClass(s == null ? -1 : s);
            layouts[c.number] = layout(c.number);
            classObjects[c.number] = c.id == 0 ? -1 : index.indexOf(c.id);
        }

        int[] rootObjects = new int[rootIds.size()];
        byte[] rootKindArray = new byte[rootIds.size()];
        int roots = 0;
        int missingRoots = 0;
        for (int i = 0; i < rootIds.size(); i++) {
            int o = index.indexOf(rootIds.get(i));
            if (o < 0) {
                missingRoots++;
                continue;
            }
            rootObjects[roots] = o;
            rootKindArray[roots++] = (byte) rootKinds.get(i);
        }
        if (missingRoots > 0) {
            warnings.add(missingRoots + " GC root records name objects that are not in the dump; ignored");
        }
        long[] keptArray = kept.toArray();
        Arrays.sort(keptArray);
        return new HeapGraph(header, outcome, List.copyOf(warnings), idArray, kinds, index, starts, edges,
                heapClasses, layouts, classObjects, Arrays.copyOf(rootObjects, roots),
                Arrays.copyOf(rootKindArray, roots), keptArray, arena);
    }

    /** Converts target ids to indices (-1 for null or absent) and splices in deferred instances' edges. */
    private int[] resolveEdges(IdIndex index, int[] starts, int n) {
        List<long[]> late = new ArrayList<>(deferred.size());
        int lateEdges = 0;
        for (Deferred d : deferred) {
            ClassLayout layout = layout(classNumber(d.classId));
            if (layout == null || layout.size() != d.data.length) {
                warnings.add("instance 0x" + Long.toHexString(ids.get(d.object)) + " has no usable CLASS DUMP for "
                        + draft(classNumber(d.classId)).name + "; its references are ignored");
                late.add(new long[0]);
                continue;
            }
            long[] targets = new long[layout.refOffsets().length];
            for (int i = 0; i < targets.length; i++) {
                int off = layout.refOffsets()[i];
                targets[i] = idSize == 8 ? RecordInput.readLong(d.data, off) : RecordInput.readInt(d.data, off) & 0xFFFF_FFFFL;
            }
            if (layout.keepFields()) {
                keep(d.object, d.data, 0, d.data.length);
            }
            late.add(targets);
            lateEdges += targets.length;
        }
        int total = edgeTargets.size() + lateEdges;
        int[] edges = new int[total];
        int next = 0;
        int d = 0;
        for (int o = 0; o < n; o++) {
            starts[o] = next;
            int from = edgeStart.get(o);
            int to = o + 1 < n ? edgeStart.get(o + 1) : edgeTargets.size();
            for (int e = from; e < to; e++) {
                edges[next++] = resolve(index, edgeTargets.get(e));
            }
            if (d < deferred.size() && deferred.get(d).object == o) {
                for (long t : late.get(d)) {
                    edges[next++] = resolve(index, t);
                }
                d++;
            }
        }
        starts[n] = next;
        return edges;
    }

    private static int resolve(IdIndex index, long id) {
        return id == 0 ? -1 : index.indexOf(id);
    }

    static String[] arraySlots() {
        return ARRAY_SLOTS;
    }
}
