package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The exact dominator tree of the strong object graph, by the semi-NCA algorithm (Georgiadis, Tarjan and
 * Werneck, "Finding dominators in practice", 2006): Lengauer-Tarjan's semidominators with path compression,
 * then each immediate dominator as the nearest common ancestor of its semidominator and DFS parent. It needs
 * no buckets and fewer arrays than Lengauer-Tarjan and is as fast on graphs like heaps. Iterative throughout
 * (a dump's reference chains are far deeper than any thread stack), on primitive arrays that are freed as
 * soon as the next step no longer needs them: this is the analysis's memory peak (DESIGN.md).
 *
 * <p>All GC roots hang below one virtual root. The edges are the graph's strong references
 * ({@code Reference.referent} is not one) plus each instance's edge to its class, as in {@link Reachability}.
 * Object {@code v} is dominated by {@code d} if every path from a GC root to {@code v} passes through
 * {@code d}: then {@code d} alone keeps {@code v} alive.
 */
final class DominatorTree {
    /** {@link #idom} of an object dominated by no object, only by the set of GC roots. */
    static final int VIRTUAL_ROOT = -2;
    static final int UNREACHED = -1;

    private final int[] idom;
    /** Objects in depth-first order from {@code order[1]} ({@code order[0]} is the virtual root): parents first. */
    private final int[] order;
    private final int reached;

    private DominatorTree(int[] idom, int[] order, int reached) {
        this.idom = idom;
        this.order = order;
        this.reached = reached;
    }

    /** The immediate dominator of {@code object}: an object, {@link #VIRTUAL_ROOT} or {@link #UNREACHED}. */
    int idom(int object) {
        return idom[object];
    }

    /**
     * What each of {@code holders} (distinct objects) alone keeps alive: the totals over it and every object it
     * dominates, of {@code perObject} (asked of every reached object) in {@code result[0][k]} and of
     * {@code sparse} (object to value, for the few objects that have one) in {@code result[1][k]}. An unreached
     * holder keeps only itself. One pass, dominators first, that remembers per object only the nearest holder at
     * or above it: 4 bytes per object, where a running total per object would cost 8 per value on a heap of
     * tens of millions of objects, to read a few of them.
     */
    long[][] retained(int[] holders, IntToLongFunction perObject, Map<Integer, Long> sparse) {
        int h = holders.length;
        long[] isHolder = new long[(idom.length + 63) >>> 6];
        Map<Integer, Integer> indexOf = new HashMap<>();
        for (int k = 0; k < h; k++) {
            isHolder[holders[k] >>> 6] |= 1L << holders[k];
            indexOf.put(holders[k], k);
        }
        long[] dense = new long[h];
        long[] few = new long[h];
        int[] nearest = new int[idom.length];
        int[] outer = new int[h]; // the nearest holder strictly above each holder, or -1
        int[] visited = new int[h]; // holders in the order visited: inner ones after the outer ones
        int seen = 0;
        for (int i = 1; i < reached; i++) {
            int v = order[i];
            int d = idom[v];
            int k = d >= 0 ? nearest[d] : -1; // d is before v in depth-first order: its entry is written
            if ((isHolder[v >>> 6] & 1L << v) != 0) {
                int own = indexOf.get(v);
                outer[own] = k;
                visited[seen++] = own;
                k = own;
            }
            nearest[v] = k;
            if (k >= 0) {
                dense[k] += perObject.applyAsLong(v);
            }
        }
        for (Map.Entry<Integer, Long> e : sparse.entrySet()) {
            int o = e.getKey();
            if (idom[o] != UNREACHED && nearest[o] >= 0) {
                few[nearest[o]] += e.getValue();
            }
        }
        for (int i = seen - 1; i >= 0; i--) {
            int k = visited[i];
            if (outer[k] >= 0) {
                dense[outer[k]] += dense[k];
                few[outer[k]] += few[k];
            }
        }
        for (int k = 0; k < h; k++) {
            if (idom[holders[k]] == UNREACHED) {
                dense[k] = perObject.applyAsLong(holders[k]);
                few[k] = sparse.getOrDefault(holders[k], 0L);
            }
        }
        return new long[][] {dense, few};
    }

    static DominatorTree of(HeapGraph g) {
        int n = g.objectCount();
        // Depth-first numbering: number 0 is the virtual root. dfn: object -> number (0: not reached, as no
        // object is the virtual root); vertex: number -> object; parent: number -> number of the DFS tree parent.
        // dfn has a slot more than there are objects: its memory later holds a value per number.
        int[] dfn = new int[n + 1];
        int[] vertex = new int[n + 1];
        int[] parent = new int[n + 1];
        // Nine in ten objects of a heap have one referrer. That one is their DFS parent and their semidominator:
        // they need no predecessor list, and the semidominator pass reads nothing of theirs but what lies in
        // order. The search marks the others, shared: those it meets again after numbering them.
        long[] shared = new long[(n + 63) >>> 6];
        int[] predStart = new int[n + 2];
        int reached = depthFirst(g, dfn, vertex, parent, shared, predStart);
        // A GC root's semidominator is the virtual root, whatever else reaches it: no list needed. Classes of
        // the boot loader are roots, and their instances' class edges are a fifth of all references.
        long[] listed = shared.clone();
        for (int r = 0; r < g.rootCount(); r++) {
            int root = g.rootObject(r);
            listed[root >>> 6] &= ~(1L << root);
        }
        int[] preds = predecessors(g, dfn, parent, predStart, shared, listed);

        // dfn is not needed again: its memory holds the semidominators, then the result (each array here is
        // 4-8 bytes per object, and each one not allocated is that much less to zero and for the GC to move).
        int[] semi = dfn;
        dfn = null;
        // The forest of linked vertices, one long per number: its ancestor (-1 while unlinked) in the high
        // half and, in the low half, the smallest semidominator on its compressed path up to that ancestor.
        // Lengauer-Tarjan's label[] keeps the vertex with that semidominator, but semi-NCA needs only the
        // value; side by side with the ancestor, a step up the forest costs one cache miss instead of three.
        long[] forest = new long[reached];
        Arrays.fill(forest, UNLINKED);
        int[] path = new int[64];
        for (int w = reached - 1; w >= 1; w--) {
            int o = vertex[w];
            int s = parent[w];
            if (!isShared(listed, o)) {
                if (isShared(shared, o)) {
                    s = 0; // a root that references reach too
                }
            } else {
                // Stops at 0, the least there is.
                for (int p = predStart[o], end = predStart[o + 1]; p < end && s > 0; p++) {
                    int v = preds[p];
                    if (v <= w) {
                        s = Math.min(s, v); // not yet linked: its own number is its candidate
                    } else {
                        long link = forest[v];
                        if (forest[ancestor(link)] != UNLINKED) {
                            path = compress(v, forest, path);
                            link = forest[v];
                        }
                        s = Math.min(s, best(link));
                    }
                }
            }
            semi[w] = s;
            forest[w] = link(parent[w], s);
        }
        preds = null;
        predStart = null;
        forest = null;

        int[] idom = parent; // filled in number order: every idom[idom[w]] read is final by then
        for (int w = 1; w < reached; w++) {
            int d = parent[w];
            while (d > semi[w]) {
                d = idom[d];
            }
            idom[w] = d;
        }
        int[] result = semi;
        semi = null;
        Arrays.fill(result, UNREACHED);
        for (int w = 1; w < reached; w++) {
            result[vertex[w]] = idom[w] == 0 ? VIRTUAL_ROOT : vertex[idom[w]];
        }
        return new DominatorTree(result, vertex, reached);
    }

    /**
     * Iterative DFS from the virtual root, whose successors are the GC roots in the dump's order. Marks the
     * objects reached more than once (by several references, or as a root and by a reference) as shared and
     * counts, in {@code again[object + 2]}, how many times each was reached after the first.
     */
    private static int depthFirst(HeapGraph g, int[] dfn, int[] vertex, int[] parent, long[] shared, int[] again) {
        int[] stackNode = new int[64];
        int[] stackEdge = new int[64];
        int numbers = 1;
        vertex[0] = -1;
        for (int r = 0; r < g.rootCount(); r++) {
            int root = g.rootObject(r);
            if (dfn[root] > 0) {
                shared[root >>> 6] |= 1L << root;
                again[root + 2]++;
                continue;
            }
            dfn[root] = numbers;
            vertex[numbers] = root;
            parent[numbers++] = 0;
            int top = 0;
            stackNode[0] = root;
            stackEdge[0] = g.edgeStart(root);
            while (top >= 0) {
                int v = stackNode[top];
                int e = stackEdge[top]++;
                int end = g.edgeEnd(v);
                int w;
                if (e < end) {
                    w = g.edgeTarget(e);
                } else if (e == end) {
                    w = g.classEdge(v);
                } else {
                    top--;
                    continue;
                }
                if (w < 0) {
                    continue;
                }
                if (dfn[w] > 0) {
                    shared[w >>> 6] |= 1L << w;
                    again[w + 2]++;
                } else {
                    dfn[w] = numbers;
                    vertex[numbers] = w;
                    parent[numbers++] = dfn[v];
                    if (++top == stackNode.length) {
                        stackNode = Arrays.copyOf(stackNode, top * 2);
                        stackEdge = Arrays.copyOf(stackEdge, top * 2);
                    }
                    stackNode[top] = w;
                    stackEdge[top] = g.edgeStart(w);
                }
            }
        }
        return numbers;
    }

    /**
     * Lists the predecessor numbers of each {@code listed} object (shared, and not a GC root), walking the
     * objects in memory order. An instance numbered after its class and reached only from its DFS parent is
     * listed among the class's predecessors as that parent. When the class is processed the instance is linked
     * and its semidominator is its parent's number p, so its candidate is p itself if p is not after the class
     * (p is then the root of its tree), and otherwise min(p, the parent's evaluation), which is the parent's
     * evaluation as a semidominator is below its vertex: either way what p listed as a predecessor gives. A
     * class's instances are most of all predecessors in a heap, and siblings share a parent, so the
     * semidominator pass meets the same few vertices again instead of millions of scattered ones. On entry
     * {@code start[o + 2]} counts the times the search reached o after the first; afterwards a listed o's
     * predecessors are {@code preds[start[o] .. start[o + 1])}, and every other object's list is empty.
     */
    private static int[] predecessors(HeapGraph g, int[] dfn, int[] parent, int[] start, long[] shared,
                                      long[] listed) {
        for (int o = 0; o < g.objectCount(); o++) {
            if (isShared(listed, o)) {
                start[o + 2]++; // the first time
            } else {
                start[o + 2] = 0; // a root's, or nothing
            }
        }
        for (int i = 2; i < start.length; i++) {
            start[i] += start[i - 1];
        }
        int[] preds = new int[start[start.length - 1]];
        for (int v = 0; v < g.objectCount(); v++) {
            int from = dfn[v];
            if (from == 0) {
                continue;
            }
            for (int e = g.edgeStart(v), end = g.edgeEnd(v); e < end; e++) {
                int w = g.edgeTarget(e);
                if (w >= 0 && isShared(listed, w)) {
                    preds[start[w + 1]++] = from;
                }
            }
            int c = g.classEdge(v);
            if (c >= 0 && isShared(listed, c)) {
                preds[start[c + 1]++] = from > dfn[c] && !isShared(shared, v) ? parent[from] : from;
            }
        }
        return preds;
    }

    private static boolean isShared(long[] shared, int object) {
        return (shared[object >>> 6] & 1L << object) != 0;
    }

    /** A forest entry of a vertex not linked yet; it is a tree's root. */
    private static final long UNLINKED = -1L;

    private static long link(int ancestor, int best) {
        return (long) ancestor << 32 | best & 0xFFFF_FFFFL;
    }

    private static int ancestor(long link) {
        return (int) (link >> 32);
    }

    private static int best(long link) {
        return (int) link;
    }

    /**
     * Path compression from linked vertex {@code v} up to the last linked vertex below the root of its tree,
     * leaving in {@code forest[v]} the smallest semidominator on that path. Returns the (maybe grown) scratch
     * stack.
     */
    private static int[] compress(int v, long[] forest, int[] path) {
        int depth = 0;
        for (int x = v; forest[ancestor(forest[x])] != UNLINKED; x = ancestor(forest[x])) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = x;
        }
        while (depth > 0) {
            int y = path[--depth];
            long a = forest[ancestor(forest[y])];
            forest[y] = link(ancestor(a), Math.min(best(a), best(forest[y])));
        }
        return path;
    }
}
