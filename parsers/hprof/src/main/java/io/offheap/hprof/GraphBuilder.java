package io.offheap.hprof;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Accumulates one heap dump into primitive arrays while it streams by (MAT's arrays-per-concern
 * design): object ids, class-and-kind, CSR edge offsets with target ids, roots, and the raw field
 * bytes of the few instances the caller asked to keep. {@link #build} numbers the objects in id order
 * ({@link IdOrder}) and turns target ids into those numbers.
 */
final class GraphBuilder {
    static final int KIND_SHIFT = 28;
    static final int CLASS_MASK = (1 << KIND_SHIFT) - 1;

    private final int idSize;
    private final Map<Long, String> loadedClassNames;
    private final Set<String> keepFieldsOf;
    /** The {@code "*"} entries of keepFieldsOf without their star: names ending so keep their fields too. */
    private final List<String> keepFieldsOfSuffixes;
    final List<String> warnings = new ArrayList<>();

    private final LongList ids;
    private final IntList classAndKind;
    private final IntList shallowSizes;
    private final IntList edgeStart;
    private final LongList edgeTargets;

    private final List<ClassDraft> classes = new ArrayList<>();
    private final ClassNumbers classNumbers = new ClassNumbers();
    private final int[] primitiveArrayClass = new int[12];
    private int lastClassNumber = -1;
    private long lastClassId;
    private int repeatedClassDumps;
    /** Dumped classes whose super chain is not settled yet, by the id of the super they wait for. */
    private final Map<Long, IntList> waitingForSuper = new HashMap<>();

    private final LongList rootIds = new LongList(1024);
    private final IntList rootKinds = new IntList(1024);

    private final LongList kept = new LongList(1024);
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;

    private final List<Deferred> deferred = new ArrayList<>();
    private final DumpSegments segments;

    private record Deferred(int object, long classId, byte[] data) {
    }

    GraphBuilder(int idSize, Map<Long, String> loadedClassNames, Set<String> keepFieldsOf, long expectedBytes,
                 GzipMembers members) {
        this.idSize = idSize;
        this.segments = new DumpSegments(members);
        this.loadedClassNames = loadedClassNames;
        this.keepFieldsOf = keepFieldsOf;
        this.keepFieldsOfSuffixes = keepFieldsOf.stream().filter(n -> n.startsWith("*")).map(n -> n.substring(1)).toList();
        // Sized for a typical service heap (the BigHeap benchmark: ~107 dump bytes and 1.7 references per
        // object), so that big dumps neither grow these lists many times nor reserve room they never use.
        int objects = (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1 << 16, expectedBytes / 100));
        ids = new LongList(objects);
        classAndKind = new IntList(objects);
        shallowSizes = new IntList(objects);
        edgeStart = new IntList(objects + 1);
        edgeTargets = new LongList(objects * 2);
        Arrays.fill(primitiveArrayClass, -1);
    }

    int idSize() {
        return idSize;
    }

    DumpSegments segments() {
        return segments;
    }

    // ---- classes ----

    /** The class number for a class id, creating a placeholder named from LOAD CLASS if not yet dumped. */
    int classNumber(long classId) {
        if (classId == lastClassId && lastClassNumber >= 0) {
            return lastClassNumber;
        }
        int n = classNumbers.get(classId);
        if (n < 0) {
            String name = loadedClassNames.get(classId);
            n = newClass(classId, name != null ? name : ClassNames.unnamed(classId));
            classNumbers.put(classId, n);
        }
        lastClassId = classId;
        lastClassNumber = n;
        return n;
    }

    private int newClass(long classId, String name) {
        int n = classes.size();
        if (n > CLASS_MASK) {
            throw new GraphLimit(String.format("more than %,d classes", CLASS_MASK));
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
        if (c.dumped) {
            // What was settled from the first CLASS DUMP must stay true; like duplicate objects, the first wins.
            repeatedClassDumps++;
            return;
        }
        c.superId = superId;
        c.loaderId = loaderId;
        c.instanceSize = instanceSize;
        c.fields = List.copyOf(fields);
        c.statics = List.copyOf(statics);
        c.dumped = true;
        for (FieldDef f : fields) {
            c.ownFieldBytes += f.type().size(idSize);
        }
        startNode(classId, ObjectKind.CLASS, c.number, 0); // the mirror's size is not in the dump
        edgeTargets.add(superId);
        edgeTargets.add(loaderId);
        for (StaticValue s : statics) {
            if (s.type() == BasicType.OBJECT) {
                edgeTargets.add(s.value());
            }
        }
        int s = superId == 0 ? -1 : classNumbers.get(superId);
        if (superId == 0 || s >= 0 && classes.get(s).fieldBytes >= 0) {
            settle(c, superId == 0 ? null : classes.get(s));
        } else {
            waitingForSuper.computeIfAbsent(superId, k -> new IntList(2)).add(c.number);
        }
    }

    /**
     * Settles what the layouts of a class need from its whole super chain, once the super's is settled,
     * then does the same for the subclasses that were dumped before and waited for it. Each class is
     * settled once, whatever order its chain was dumped in, so a hostile chain as deep as the dump has
     * classes costs time in proportion to its length. A chain that loops, or lacks a CLASS DUMP, never
     * settles: its instances wait for the end of the dump and are then warned about.
     */
    private void settle(ClassDraft c, ClassDraft superclass) {
        Deque<ClassDraft> settled = new ArrayDeque<>();
        settleOne(c, superclass);
        settled.push(c);
        while (!settled.isEmpty()) {
            ClassDraft k = settled.pop();
            IntList subclasses = waitingForSuper.remove(k.id);
            for (int i = 0; subclasses != null && i < subclasses.size(); i++) {
                ClassDraft sub = classes.get(subclasses.get(i));
                settleOne(sub, k);
                settled.push(sub);
            }
        }
    }

    private void settleOne(ClassDraft c, ClassDraft superclass) {
        c.superNumber = superclass == null ? -1 : superclass.number;
        long bytes = (superclass == null ? 0L : superclass.fieldBytes) + c.ownFieldBytes;
        c.fieldBytes = (int) Math.min(Integer.MAX_VALUE, bytes);
        c.keepFields = keepFieldsOf.contains(c.name) || keepFieldsOfSuffixes.stream().anyMatch(c.name::endsWith)
                || superclass != null && superclass.keepFields;
        c.fieldsFrom = !c.fields.isEmpty() ? c.number : superclass == null ? -1 : superclass.fieldsFrom;
    }

    /** Bytes of instance field data of a class with all its supers, or -1 while its chain is unsettled. */
    int fieldBytes(int number) {
        return classes.get(number).fieldBytes;
    }

    /**
     * The layout of a class and all its supers. Call only once {@link #fieldBytes} matched an instance's
     * length: built once per class that has instances, visiting only the classes that declare fields,
     * so it costs no more than that instance's bytes in the file (a layout for every ancestor of every
     * class would grow with the square of a hostile chain's depth).
     */
    ClassLayout layout(int number) {
        ClassDraft c = classes.get(number);
        if (c.layout != null) {
            return c.layout;
        }
        List<Field> all = new ArrayList<>();
        IntList refs = new IntList(8);
        List<String> names = new ArrayList<>();
        int offset = 0;
        for (int n = c.fieldsFrom; n >= 0; ) {
            ClassDraft k = classes.get(n);
            for (FieldDef f : k.fields) {
                Field field = new Field(k.name, f.name(), f.type(), offset);
                all.add(field);
                if (f.type() == BasicType.OBJECT && ClassLayout.isStrong(field)) {
                    refs.add(offset);
                    names.add(f.name());
                }
                offset += f.type().size(idSize);
            }
            n = k.superNumber < 0 ? -1 : classes.get(k.superNumber).fieldsFrom;
        }
        c.layout = new ClassLayout(offset, all.toArray(Field[]::new), refs.toArray(), names.toArray(String[]::new),
                c.keepFields);
        return c.layout;
    }

    int primitiveArrayClass(BasicType type) {
        int code = type.ordinal();
        if (primitiveArrayClass[code] < 0) {
            primitiveArrayClass[code] = newClass(0, type.javaName() + "[]");
        }
        return primitiveArrayClass[code];
    }

    // ---- objects ----

    private int startNode(long id, ObjectKind kind, int classNumber, long shallowBytes) {
        int index = ids.size();
        ids.add(id);
        classAndKind.add(kind.ordinal() << KIND_SHIFT | classNumber);
        edgeStart.add(edgeTargets.size());
        shallowSizes.add((int) Math.min(Integer.MAX_VALUE, shallowBytes));
        return index;
    }

    /**
     * An estimate of an object's size in the JVM's heap: HPROF records no object sizes, so take a header of
     * two words (one with 4-byte identifiers), the fields or elements as the dump encodes them (references
     * at the identifier size, so compressed oops are overestimated) and 8-byte alignment.
     */
    private long estimate(long payloadBytes, boolean array) {
        long header = (idSize == 8 ? 16 : 8) + (array ? 4 : 0);
        return (header + payloadBytes + 7) & ~7L;
    }

    /** An instance whose layout is known: its reference slots are read straight out of the input buffer. */
    void addInstance(long id, int classNumber, ClassLayout layout, byte[] data, int at) {
        int index = startNode(id, ObjectKind.INSTANCE, classNumber, estimate(layout.size(), false));
        for (int off : layout.refOffsets()) {
            edgeTargets.add(idSize == 8 ? RecordInput.readLong(data, at + off) : RecordInput.readInt(data, at + off) & 0xFFFF_FFFFL);
        }
        if (layout.keepFields()) {
            keep(index, data, at, layout.size());
        }
    }

    /** An instance whose class (or a superclass) has not been dumped yet: resolved in {@link #build}. */
    void addDeferredInstance(long id, long classId, byte[] data) {
        int index = startNode(id, ObjectKind.INSTANCE, classNumber(classId), estimate(data.length, false));
        deferred.add(new Deferred(index, classId, data));
    }

    void startObjectArray(long id, long arrayClassId, long length) {
        startNode(id, ObjectKind.OBJECT_ARRAY, classNumber(arrayClassId), estimate(length * idSize, true));
    }

    void addArrayElement(long elementId) {
        if (elementId != 0) {
            edgeTargets.add(elementId);
        }
    }

    void addPrimitiveArray(long id, BasicType type, long length) {
        startNode(id, ObjectKind.PRIMITIVE_ARRAY, primitiveArrayClass(type), estimate(length * type.size(idSize), true));
    }

    void addRoot(RootKind kind, long id) {
        rootIds.add(id);
        rootKinds.add(kind.ordinal());
    }

    private void keep(int index, byte[] data, int at, int length) {
        long needed = (long) arenaSize + length;
        if (needed > arena.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new GraphLimit(String.format("more than %,d bytes of field values to keep", Integer.MAX_VALUE - 16));
            }
            arena = Arrays.copyOf(arena, (int) Math.max(needed, LongList.grow(arena.length)));
        }
        System.arraycopy(data, at, arena, arenaSize, length);
        kept.add((long) index << 32 | arenaSize);
        arenaSize += length;
    }

    // ---- finishing ----

    HeapGraph build(HprofHeader header, ReadOutcome outcome) {
        int n = ids.size();
        edgeStart.add(edgeTargets.size());
        Map<Integer, long[]> late = deferredEdges();
        long[] idArray = ids.backing(); // not trimmed: a copy of a multi-gigabyte dump's ids costs more than the slack
        int[] from = IdOrder.sort(idArray, n);
        IdIndex index = new IdIndex(idArray, n);
        int[] kinds = inIdOrder(classAndKind.backing(), from, n);
        ShallowSizes sizes = ShallowSizes.of(kinds, shallowSizes.backing(), from, n, instanceSizes());
        long[] keptArray = kept.toArray();
        renumber(keptArray, from, classAndKind.backing(), n);
        Arrays.sort(keptArray);
        int[] starts = new int[n + 1];
        int[] edges = resolveEdges(index, from, late, starts, n);

        HeapClass[] heapClasses = new HeapClass[classes.size()];
        ClassLayout[] layouts = new ClassLayout[classes.size()];
        int[] classObjects = new int[classes.size()];
        int[] supers = superNumbers();
        for (ClassDraft c : classes) {
            heapClasses[c.number] = c.toHeapClass(supers[c.number]);
            layouts[c.number] = c.layout;
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
        if (repeatedClassDumps > 0) {
            warnings.add(repeatedClassDumps + " repeated CLASS DUMP records ignored; the first of each class is used");
        }
        if (missingRoots > 0) {
            warnings.add(missingRoots + " GC root records name objects that are not in the dump; ignored");
        }
        return new HeapGraph(header, outcome, List.copyOf(warnings), idArray, kinds, sizes, index, starts, edges,
                heapClasses, layouts, classObjects, Arrays.copyOf(rootObjects, roots),
                Arrays.copyOf(rootKindArray, roots), new KeptFields(keptArray, arena, n, idSize), segments);
    }

    /** Each class's estimated instance size, -1 where its field layout is not settled. */
    private int[] instanceSizes() {
        int[] sizes = new int[classes.size()];
        for (ClassDraft c : classes) {
            sizes[c.number] = c.fieldBytes < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, estimate(c.fieldBytes, false));
        }
        return sizes;
    }

    /** {@code values} (by position in the file) in id order; {@code from} as {@link IdOrder#sort} returned it. */
    private static int[] inIdOrder(int[] values, int[] from, int n) {
        if (from == null) {
            return values; // not trimmed, like the ids
        }
        int[] sorted = new int[n];
        inParallel(n, (start, end) -> {
            for (int k = start; k < end; k++) {
                sorted[k] = values[from[k]];
            }
        });
        return sorted;
    }

    /** A loop body over objects {@code [start, end)}. */
    @FunctionalInterface
    interface Range {
        void run(int start, int end);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into ranges, on every core: the per-object passes of the build
     * are independent random reads, which two cores do in about half the time.
     */
    static void inParallel(int n, Range body) {
        int parts = Math.max(1, Math.min(256, n / 65_536));
        IntStream.range(0, parts).parallel().forEach(p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Rewrites the object numbers of kept entries (number << 32 | offset) from file order to id order. The
     * file-order class-and-kind array is no longer needed by then and serves as the old-to-new table, which
     * would otherwise cost another 4 bytes per object at the build's peak.
     */
    private static void renumber(long[] keptEntries, int[] from, int[] scratch, int n) {
        if (from == null || keptEntries.length == 0) {
            return;
        }
        int[] newNumber = scratch;
        for (int k = 0; k < n; k++) {
            newNumber[from[k]] = k;
        }
        for (int i = 0; i < keptEntries.length; i++) {
            int old = (int) (keptEntries[i] >>> 32);
            keptEntries[i] = (long) newNumber[old] << 32 | (keptEntries[i] & 0xFFFF_FFFFL);
        }
    }

    /**
     * Each class's superclass number, -1 for none. A corrupt dump may make the super chain loop; the
     * link that closes a loop is dropped (with a warning), so that walking up from any class ends.
     */
    private int[] superNumbers() {
        int n = classes.size();
        int[] supers = new int[n];
        for (ClassDraft c : classes) {
            supers[c.number] = c.superId == 0 ? -1 : classNumbers.get(c.superId);
        }
        byte[] state = new byte[n]; // 0 not seen, 1 on the walk in progress, 2 ends at a root
        int loops = 0;
        for (int start = 0; start < n; start++) {
            int k = start;
            while (k >= 0 && state[k] == 0) {
                state[k] = 1;
                if (supers[k] >= 0 && state[supers[k]] == 1) {
                    supers[k] = -1;
                    loops++;
                }
                k = supers[k];
            }
            for (k = start; k >= 0 && state[k] == 1; k = supers[k]) {
                state[k] = 2;
            }
        }
        if (loops > 0) {
            warnings.add(loops + " superclass chains loop back on themselves; each loop was cut where it closes");
        }
        return supers;
    }

    /**
     * The reference targets of instances whose class was dumped after them, by their number in file order,
     * now that every layout is known; their field bytes are kept here too if their class asks for it.
     */
    private Map<Integer, long[]> deferredEdges() {
        Map<Integer, long[]> late = new HashMap<>();
        int unusable = 0;
        String example = null;
        for (Deferred d : deferred) {
            int cls = classNumber(d.classId);
            if (fieldBytes(cls) != d.data.length) {
                if (unusable++ == 0) {
                    example = "0x" + Long.toHexString(ids.get(d.object)) + " of " + HprofReader.printable(draft(cls).name, 200);
                }
                continue;
            }
            ClassLayout layout = layout(cls);
            long[] targets = new long[layout.refOffsets().length];
            for (int i = 0; i < targets.length; i++) {
                int off = layout.refOffsets()[i];
                targets[i] = idSize == 8 ? RecordInput.readLong(d.data, off) : RecordInput.readInt(d.data, off) & 0xFFFF_FFFFL;
            }
            if (layout.keepFields()) {
                keep(d.object, d.data, 0, d.data.length);
            }
            late.put(d.object, targets);
        }
        if (unusable > 0) {
            warnings.add(unusable + " instances (e.g. " + example + ") have no CLASS DUMP that matches their field "
                    + "data; their references are ignored");
        }
        deferred.clear();
        return late;
    }

    /**
     * Lays the edges out in id order and converts their target ids to object numbers (-1 for null or absent).
     * The lookups are most of the build's time and independent, so ranges of objects are resolved in parallel.
     */
    private int[] resolveEdges(IdIndex index, int[] from, Map<Integer, long[]> late, int[] starts, int n) {
        int[] fileStart = edgeStart.backing();
        inParallel(n, (start, end) -> {
            for (int k = start; k < end; k++) {
                int old = from == null ? k : from[k];
                long[] l = late.isEmpty() ? null : late.get(old);
                starts[k + 1] = l != null ? l.length : fileStart[old + 1] - fileStart[old];
            }
        });
        long total = 0;
        for (int k = 0; k < n; k++) {
            int degree = starts[k + 1];
            starts[k] = (int) total;
            total += degree;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new GraphLimit(String.format("more than %,d references", Integer.MAX_VALUE - 16));
        }
        starts[n] = (int) total;
        int[] edges = new int[(int) total];
        long[] targets = edgeTargets.backing();
        inParallel(n, (start, end) -> {
            for (int k = start; k < end; k++) {
                int old = from == null ? k : from[k];
                long[] l = late.isEmpty() ? null : late.get(old);
                int e = starts[k];
                if (l != null) {
                    for (long t : l) {
                        edges[e++] = resolve(index, t, k);
                    }
                } else {
                    for (int f = fileStart[old], to = fileStart[old + 1]; f < to; f++) {
                        edges[e++] = resolve(index, targets[f], k);
                    }
                }
            }
        });
        return edges;
    }

    private static int resolve(IdIndex index, long id, int source) {
        return id == 0 ? -1 : index.indexOf(id, source);
    }
}
