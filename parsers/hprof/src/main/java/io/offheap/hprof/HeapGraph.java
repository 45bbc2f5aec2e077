package io.offheap.hprof;

import java.util.ArrayList;
import java.util.List;

/**
 * The object graph of one heap dump, in primitive arrays indexed by object number (0..objectCount-1,
 * in identifier order, so numbers follow addresses): no Java object per heap object. References are CSR edges; each instance's edges are its strong
 * reference fields in layout order, null slots included (target -1), so a path step can be named by
 * its field. Class objects have edges to their super, loader and static references. Object arrays
 * list their non-null elements.
 *
 * <p>Field values are only available for instances of the classes named in
 * {@link HprofReader.Options#keepFieldsOf()} (and their subclasses).
 */
public final class HeapGraph {
    private final HprofHeader header;
    private final ReadOutcome outcome;
    private final List<String> warnings;
    private final long[] ids;
    private final int[] classAndKind;
    private final ShallowSizes shallowSizes;
    private final IdIndex index;
    private final int[] edgeStart;
    private final int[] edges;
    private final HeapClass[] classes;
    private final ClassLayout[] layouts;
    private final int[] classObjects;
    private final int[] rootObjects;
    private final byte[] rootKinds;
    private final KeptFields kept;
    private final DumpSegments segments;

    HeapGraph(HprofHeader header, ReadOutcome outcome, List<String> warnings, long[] ids, int[] classAndKind,
              ShallowSizes shallowSizes, IdIndex index, int[] edgeStart, int[] edges, HeapClass[] classes, ClassLayout[] layouts,
              int[] classObjects, int[] rootObjects, byte[] rootKinds, KeptFields kept, DumpSegments segments) {
        this.header = header;
        this.outcome = outcome;
        this.warnings = warnings;
        this.ids = ids;
        this.classAndKind = classAndKind;
        this.shallowSizes = shallowSizes;
        this.index = index;
        this.edgeStart = edgeStart;
        this.edges = edges;
        this.classes = classes;
        this.layouts = layouts;
        this.classObjects = classObjects;
        this.rootObjects = rootObjects;
        this.rootKinds = rootKinds;
        this.kept = kept;
        this.segments = segments;
    }

    /** Where the heap dump's records lie in the file: what a second pass over it needs to read. */
    DumpSegments segments() {
        return segments;
    }

    public HprofHeader header() {
        return header;
    }

    public ReadOutcome outcome() {
        return outcome;
    }

    /** Things the reader noticed and worked around (multiple dumps, dangling roots, missing classes). */
    public List<String> warnings() {
        return warnings;
    }

    // ---- objects ----

    public int objectCount() {
        return edgeStart.length - 1; // ids and classAndKind may be longer: the reader does not trim them
    }

    public long id(int object) {
        return ids[object];
    }

    /** The object with this identifier, or -1 if the dump has none. */
    public int indexOf(long id) {
        return id == 0 ? -1 : index.indexOf(id);
    }

    public ObjectKind kind(int object) {
        return KINDS[classAndKind[object] >>> GraphBuilder.KIND_SHIFT];
    }

    private static final ObjectKind[] KINDS = ObjectKind.values();
    private static final RootKind[] ROOT_KINDS = RootKind.values();

    /** The object's class; for a {@link ObjectKind#CLASS} node, the class it is the mirror of. */
    public HeapClass classOf(int object) {
        return classes[classAndKind[object] & GraphBuilder.CLASS_MASK];
    }

    /**
     * Estimated bytes the object takes in the JVM's heap (header, fields or elements at the identifier size,
     * 8-byte alignment); 0 for class mirrors. HPROF records no sizes: an estimate, and labelled so.
     */
    public int shallowSize(int object) {
        return shallowSizes.of(object, classAndKind[object]);
    }

    public int classNumberOf(int object) {
        return classAndKind[object] & GraphBuilder.CLASS_MASK;
    }

    // ---- edges ----

    public int edgeStart(int object) {
        return edgeStart[object];
    }

    public int edgeEnd(int object) {
        return edgeStart[object + 1];
    }

    /**
     * The class mirror an instance or object array keeps alive (the JVM reaches an object's class through its
     * header, an edge the dump does not list), or -1 for other objects and classes the dump does not describe.
     */
    public int classEdge(int object) {
        int k = classAndKind[object];
        int kind = k >>> GraphBuilder.KIND_SHIFT;
        return kind == INSTANCE || kind == OBJECT_ARRAY ? classObjects[k & GraphBuilder.CLASS_MASK] : -1;
    }

    private static final int INSTANCE = ObjectKind.INSTANCE.ordinal();
    private static final int OBJECT_ARRAY = ObjectKind.OBJECT_ARRAY.ordinal();

    /** Target object of an edge, or -1 for a null (or dangling) reference slot. */
    public int edgeTarget(int edge) {
        return edges[edge];
    }

    public long edgeCount() {
        return edges.length;
    }

    /** A readable name for the reference slot that edge {@code edge} of {@code object} comes from. */
    public String slotName(int object, int edge) {
        int slot = edge - edgeStart[object];
        HeapClass c = classOf(object);
        return switch (kind(object)) {
            case OBJECT_ARRAY, PRIMITIVE_ARRAY -> "[]";
            case INSTANCE -> {
                ClassLayout layout = layouts[c.number()];
                yield layout != null && slot < layout.slotNames().length ? layout.slotNames()[slot] : "?";
            }
            case CLASS -> classSlotName(c, slot);
        };
    }

    private static String classSlotName(HeapClass c, int slot) {
        if (slot == 0) {
            return "<super>";
        }
        if (slot == 1) {
            return "<classloader>";
        }
        int n = 2;
        for (StaticValue s : c.statics()) {
            if (s.type() == BasicType.OBJECT && n++ == slot) {
                return s.name();
            }
        }
        return "?";
    }

    // ---- classes ----

    public int classCount() {
        return classes.length;
    }

    public HeapClass heapClass(int number) {
        return classes[number];
    }

    /** Every class with this (dotted) name; more than one when several loaders define it. */
    public List<HeapClass> classesNamed(String name) {
        List<HeapClass> found = new ArrayList<>(1);
        for (HeapClass c : classes) {
            if (c.name().equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The object node of a class's mirror, or -1 for classes the dump does not describe. */
    public int classObject(HeapClass c) {
        return classObjects[c.number()];
    }

    public HeapClass superclass(HeapClass c) {
        return c.superNumber() < 0 ? null : classes[c.superNumber()];
    }

    /** True if the class is the named class or extends it. */
    public boolean isSubclassOf(HeapClass c, String name) {
        for (HeapClass k = c; k != null; k = superclass(k)) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- roots ----

    public int rootCount() {
        return rootObjects.length;
    }

    public int rootObject(int root) {
        return rootObjects[root];
    }

    public RootKind rootKind(int root) {
        return ROOT_KINDS[rootKinds[root]];
    }

    // ---- field values of kept instances ----

    /**
     * The field declared by {@code declaringClass} in the layout of class {@code c}, or null. Layouts exist
     * for the classes that have instances in the dump, which are the ones whose field values can be read.
     */
    public Field field(HeapClass c, String declaringClass, String name) {
        ClassLayout layout = layouts[c.number()];
        if (layout == null) {
            return null;
        }
        for (Field f : layout.fields()) {
            if (f.name().equals(name) && f.declaringClass().equals(declaringClass)) {
                return f;
            }
        }
        return null;
    }

    /** True if the object's field values were kept (its class was asked for). */
    public boolean hasFields(int object) {
        return kept.offset(object) >= 0;
    }

    /**
     * The raw value of a kept instance's field: identifiers for references, sign-extended integers,
     * IEEE bits for floating point. Throws if the object's fields were not kept.
     */
    public long value(int object, Field f) {
        int at = kept.offset(object);
        if (at < 0) {
            throw new IllegalArgumentException("fields of object 0x" + Long.toHexString(ids[object]) + " were not kept");
        }
        return kept.value(at, f);
    }
}
