package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ObjectKind;

/**
 * Breadth-first search from every GC root over strong references only (the graph already leaves out
 * {@code Reference.referent}). An instance also reaches its class, as in the JVM, so static fields of
 * a class whose only user is a live object are live. The parent array gives each reached object a
 * shortest path from a root.
 */
final class Reachability {
    static final int UNREACHED = -1;
    static final int ROOT = -2;
    static final String REFERENCE = "java.lang.ref.Reference";

    private final HeapGraph graph;
    private final int[] parent;

    private Reachability(HeapGraph graph, int[] parent) {
        this.graph = graph;
        this.parent = parent;
    }

    static Reachability of(HeapGraph graph) {
        int n = graph.objectCount();
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, UNREACHED);
        int[] queue = new int[n];
        int tail = 0;
        for (int r = 0; r < graph.rootCount(); r++) {
            int o = graph.rootObject(r);
            if (parent[o] == UNREACHED) {
                parent[o] = ROOT;
                queue[tail++] = o;
            }
        }
        for (int head = 0; head < tail; head++) {
            int o = queue[head];
            int c = graph.classEdge(o);
            if (c >= 0 && parent[c] == UNREACHED) {
                parent[c] = o;
                queue[tail++] = c;
            }
            for (int e = graph.edgeStart(o), end = graph.edgeEnd(o); e < end; e++) {
                int t = graph.edgeTarget(e);
                if (t >= 0 && parent[t] == UNREACHED) {
                    parent[t] = o;
                    queue[tail++] = t;
                }
            }
        }
        return new Reachability(graph, parent);
    }

    /**
     * Objects reachable neither strongly nor through a live Reference (soft, weak, phantom, final): true
     * garbage. A dump taken after a full GC has none, whatever its weakly held objects (DOMAIN.md 6.2).
     * Strongly reached objects are closed under strong edges already: only their referents add anything,
     * then everything those reach, referents of References among them included. So only the objects found
     * that way are marked and queued (a bit each, and the queue grows with them), not every reached object:
     * this runs beside the dominator tree, at the analysis's memory peak.
     */
    long garbageCount() {
        int n = graph.objectCount();
        Field[] referentOf = new Field[graph.classCount()];
        for (int c = 0; c < referentOf.length; c++) {
            referentOf[c] = graph.field(graph.heapClass(c), REFERENCE, "referent");
        }
        Found found = new Found(n);
        long strong = 0;
        for (int o = 0; o < n; o++) {
            if (parent[o] != UNREACHED) {
                strong++;
                found.referentOf(o, referentOf);
            }
        }
        for (int head = 0; head < found.size; head++) {
            int o = found.queue[head];
            found.referentOf(o, referentOf);
            for (int e = graph.edgeStart(o), end = graph.edgeEnd(o); e < end; e++) {
                found.visit(graph.edgeTarget(e));
            }
            found.visit(graph.classEdge(o));
        }
        return n - strong - found.size;
    }

    /** The objects reached only through a Reference's referent, in the order found. */
    private final class Found {
        private final long[] marked;
        private int[] queue = new int[64];
        private int size;

        Found(int objects) {
            marked = new long[(objects + 63) >>> 6];
        }

        void referentOf(int o, Field[] referentOf) {
            Field referent = referentOf[graph.classNumberOf(o)];
            if (referent != null && graph.kind(o) == ObjectKind.INSTANCE && graph.hasFields(o)) {
                visit(graph.indexOf(graph.value(o, referent)));
            }
        }

        void visit(int t) {
            if (t < 0 || parent[t] != UNREACHED || (marked[t >>> 6] & 1L << t) != 0) {
                return;
            }
            marked[t >>> 6] |= 1L << t;
            if (size == queue.length) {
                queue = java.util.Arrays.copyOf(queue, size * 2);
            }
            queue[size++] = t;
        }
    }

    boolean reachable(int object) {
        return parent[object] != UNREACHED;
    }

    /** The object one step closer to a GC root on a shortest path, {@link #ROOT} for a root. */
    int parent(int object) {
        return parent[object];
    }

    HeapGraph graph() {
        return graph;
    }

    /** Root to {@code o} on its shortest path, each step {@code Class#field}; empty when unreachable. */
    java.util.List<String> path(int o) {
        if (!reachable(o)) {
            return java.util.List.of();
        }
        java.util.List<Integer> chain = new java.util.ArrayList<>();
        for (int cur = o; cur >= 0; cur = parent[cur]) {
            chain.add(cur);
        }
        java.util.List<String> steps = new java.util.ArrayList<>(chain.size());
        for (int i = chain.size() - 1; i >= 0; i--) {
            int cur = chain.get(i);
            String label = (graph.kind(cur) == ObjectKind.CLASS ? "class " : "") + graph.classOf(cur).name();
            steps.add(i > 0 ? label + "#" + slot(cur, chain.get(i - 1)) : label);
        }
        return steps;
    }

    /** The name of the reference slot of {@code from} that points at {@code to}. */
    String slot(int from, int to) {
        for (int e = graph.edgeStart(from), end = graph.edgeEnd(from); e < end; e++) {
            if (graph.edgeTarget(e) == to) {
                return graph.slotName(from, e);
            }
        }
        return "<class>"; // the implicit edge from an instance to its class
    }
}
