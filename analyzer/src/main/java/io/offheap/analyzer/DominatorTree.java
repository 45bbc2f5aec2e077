package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ObjectKind;

/**
 * The exact dominator tree of the strong object graph: Lengauer-Tarjan with path compression, iterative
 * throughout (a dump's reference chains are far deeper than any thread stack), on primitive arrays.
 * All GC roots hang below one virtual root. The edges are the graph's strong references
 * ({@code Reference.referent} is not one) plus each instance's edge to its class, as in
 * {@link Reachability}. Object {@code v} is dominated by {@code d} if every path from a GC root to
 * {@code v} passes through {@code d}: then {@code d} alone keeps {@code v} alive.
 */
final class DominatorTree {
    /** {@link #idom} of an object dominated by no object, only by the set of GC roots. */
    static final int VIRTUAL_ROOT = -2;
    static final int UNREACHED = -1;

    private final int[] idom;
    /** Objects in depth-first order (index 0 is the virtual root): parents come before their children. */
    private final int[] order;

    private DominatorTree(int[] idom, int[] order) {
        this.idom = idom;
        this.order = order;
    }

    /** The immediate dominator of {@code object}: an object, {@link #VIRTUAL_ROOT} or {@link #UNREACHED}. */
    int idom(int object) {
        return idom[object];
    }

    /**
     * Sums {@code values} (one per object) up the tree, in place: afterwards the entry of {@code v} is the total
     * over {@code v} and every object it dominates, i.e. what it alone keeps alive. In place because on a large
     * dump each such array is hundreds of megabytes.
     */
    long[] retained(long[] values) {
        long[] sum = values;
        for (int i = order.length - 1; i >= 1; i--) {
            int v = order[i];
            int d = idom[v];
            if (d >= 0) {
                sum[d] += sum[v];
            }
        }
        return sum;
    }

    static DominatorTree of(HeapGraph g) {
        int n = g.objectCount();
        int root = n;
        // Depth-first numbering from the virtual root. dfn: object -> number; vertex: number -> object.
        int[] dfn = new int[n + 1];
        java.util.Arrays.fill(dfn, -1);
        int[] vertex = new int[n + 1];
        int[] parent = new int[n + 1];
        int reached = depthFirst(g, root, dfn, vertex, parent);

        int[] predStart = new int[reached + 1];
        int[] preds = predecessors(g, root, dfn, vertex, reached, predStart);

        int[] semi = new int[reached];
        int[] label = new int[reached];
        int[] ancestor = new int[reached];
        int[] idom = new int[reached];
        int[] bucketHead = new int[reached];
        int[] bucketNext = new int[reached];
        int[] stack = new int[reached];
        for (int i = 0; i < reached; i++) {
            semi[i] = i;
            label[i] = i;
            ancestor[i] = -1;
            bucketHead[i] = -1;
        }
        for (int w = reached - 1; w >= 1; w--) {
            for (int p = predStart[w]; p < predStart[w + 1]; p++) {
                int u = eval(preds[p], ancestor, label, semi, stack);
                if (semi[u] < semi[w]) {
                    semi[w] = semi[u];
                }
            }
            bucketNext[w] = bucketHead[semi[w]];
            bucketHead[semi[w]] = w;
            int pw = parent[w];
            ancestor[w] = pw;
            for (int v = bucketHead[pw]; v >= 0; v = bucketNext[v]) {
                int u = eval(v, ancestor, label, semi, stack);
                idom[v] = semi[u] < semi[v] ? u : pw;
            }
            bucketHead[pw] = -1;
        }
        for (int w = 1; w < reached; w++) {
            if (idom[w] != semi[w]) {
                idom[w] = idom[idom[w]];
            }
        }

        int[] result = new int[n];
        java.util.Arrays.fill(result, UNREACHED);
        for (int w = 1; w < reached; w++) {
            int d = vertex[idom[w]];
            result[vertex[w]] = d == root ? VIRTUAL_ROOT : d;
        }
        return new DominatorTree(result, java.util.Arrays.copyOf(vertex, reached));
    }

    /** Iterative DFS; parent[] is filled in dfs numbers (parent[number] = number of the DFS parent). */
    private static int depthFirst(HeapGraph g, int root, int[] dfn, int[] vertex, int[] parent) {
        int[] stackNode = new int[dfn.length];
        int[] stackCursor = new int[dfn.length];
        int top = 0;
        int count = 0;
        dfn[root] = count;
        vertex[count++] = root;
        stackNode[0] = root;
        stackCursor[0] = 0;
        while (top >= 0) {
            int v = stackNode[top];
            int w = successor(g, root, v, stackCursor[top]++);
            if (w == END) {
                top--;
            } else if (w >= 0 && dfn[w] < 0) {
                dfn[w] = count;
                vertex[count] = w;
                parent[count] = dfn[v];
                count++;
                top++;
                stackNode[top] = w;
                stackCursor[top] = 0;
            }
        }
        return count;
    }

    private static final int END = Integer.MIN_VALUE;

    /**
     * The k-th successor of {@code v}: for the virtual root its GC roots; for an object its reference slots
     * (-1 for null ones) and then, for instances and object arrays, its class. {@link #END} past the last.
     */
    private static int successor(HeapGraph g, int root, int v, int k) {
        if (v == root) {
            return k < g.rootCount() ? g.rootObject(k) : END;
        }
        int start = g.edgeStart(v);
        int degree = g.edgeEnd(v) - start;
        if (k < degree) {
            return g.edgeTarget(start + k);
        }
        return k == degree ? classEdge(g, v) : END;
    }

    /** Reverse edges among reached objects, in dfs numbers (CSR): two passes, counting then filling. */
    private static int[] predecessors(HeapGraph g, int root, int[] dfn, int[] vertex, int reached, int[] predStart) {
        int[] count = new int[reached + 1];
        for (int r = 0; r < g.rootCount(); r++) {
            count[dfn[g.rootObject(r)] + 1]++;
        }
        for (int i = 1; i < reached; i++) {
            int v = vertex[i];
            for (int e = g.edgeStart(v), end = g.edgeEnd(v); e < end; e++) {
                int w = g.edgeTarget(e);
                if (w >= 0 && dfn[w] >= 0) {
                    count[dfn[w] + 1]++;
                }
            }
            int c = classEdge(g, v);
            if (c >= 0 && dfn[c] >= 0) {
                count[dfn[c] + 1]++;
            }
        }
        for (int i = 0; i < reached; i++) {
            count[i + 1] += count[i];
        }
        System.arraycopy(count, 0, predStart, 0, reached + 1);
        int[] preds = new int[count[reached]];
        for (int r = 0; r < g.rootCount(); r++) {
            preds[count[dfn[g.rootObject(r)]]++] = 0;
        }
        for (int i = 1; i < reached; i++) {
            int v = vertex[i];
            for (int e = g.edgeStart(v), end = g.edgeEnd(v); e < end; e++) {
                int w = g.edgeTarget(e);
                if (w >= 0 && dfn[w] >= 0) {
                    preds[count[dfn[w]]++] = i;
                }
            }
            int c = classEdge(g, v);
            if (c >= 0 && dfn[c] >= 0) {
                preds[count[dfn[c]]++] = i;
            }
        }
        return preds;
    }

    /** The class object an instance or object array implicitly references, or -1. */
    private static int classEdge(HeapGraph g, int v) {
        ObjectKind kind = g.kind(v);
        return kind == ObjectKind.INSTANCE || kind == ObjectKind.OBJECT_ARRAY ? g.classObject(g.classOf(v)) : -1;
    }

    /** The vertex with the smallest semi-dominator on the compressed ancestor path of v. */
    private static int eval(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        if (ancestor[v] < 0) {
            return v;
        }
        int depth = 0;
        int x = v;
        while (ancestor[ancestor[x]] >= 0) {
            stack[depth++] = x;
            x = ancestor[x];
        }
        while (depth > 0) {
            int y = stack[--depth];
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
        return label[v];
    }
}
