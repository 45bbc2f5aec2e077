package io.offheap.analyzer;

import java.util.BitSet;

/**
 * Dominators straight from their definition, to check {@link DominatorTree} against: {@code d} dominates
 * {@code v} if {@code v} is reachable from the roots, but no longer once {@code d} is taken out of the
 * graph. One search per object, O(n·(n+m)): for graphs of up to a few thousand objects.
 */
final class NaiveDominators {
    /** Per object: its immediate dominator, {@link DominatorTree#VIRTUAL_ROOT} or {@link DominatorTree#UNREACHED}. */
    final int[] idom;
    /** Per object: 1 for itself plus the number of objects it dominates, i.e. retained() of all ones. */
    final long[] retained;

    private NaiveDominators(int[] idom, long[] retained) {
        this.idom = idom;
        this.retained = retained;
    }

    static NaiveDominators of(int[][] successors, int[] roots) {
        int n = successors.length;
        BitSet reachable = reach(successors, roots, -1);
        BitSet[] dominated = new BitSet[n];
        BitSet[] dominators = new BitSet[n];
        for (int v = 0; v < n; v++) {
            dominators[v] = new BitSet(n);
        }
        for (int d = 0; d < n; d++) {
            dominated[d] = (BitSet) reachable.clone();
            dominated[d].andNot(reach(successors, roots, d));
            dominated[d].clear(d);
            for (int v = dominated[d].nextSetBit(0); v >= 0; v = dominated[d].nextSetBit(v + 1)) {
                dominators[v].set(d);
            }
        }

        int[] idom = new int[n];
        long[] retained = new long[n];
        for (int v = 0; v < n; v++) {
            retained[v] = 1 + dominated[v].cardinality();
            idom[v] = !reachable.get(v) ? DominatorTree.UNREACHED
                    : dominators[v].isEmpty() ? DominatorTree.VIRTUAL_ROOT : immediate(v, dominators);
        }
        return new NaiveDominators(idom, retained);
    }

    /**
     * The strict dominator of {@code v} that all its other strict dominators dominate. Only the one with
     * the most dominators of its own can be it, so that one is picked and then held to the definition.
     */
    private static int immediate(int v, BitSet[] dominators) {
        int best = -1;
        for (int d = dominators[v].nextSetBit(0); d >= 0; d = dominators[v].nextSetBit(d + 1)) {
            if (best < 0 || dominators[d].cardinality() > dominators[best].cardinality()) {
                best = d;
            }
        }
        BitSet others = (BitSet) dominators[v].clone();
        others.clear(best);
        others.andNot(dominators[best]);
        if (!others.isEmpty()) {
            throw new IllegalStateException("no strict dominator of " + v + " is dominated by all the others");
        }
        return best;
    }

    /** Objects reachable from the roots without passing through {@code removed} (-1: none removed). */
    private static BitSet reach(int[][] successors, int[] roots, int removed) {
        BitSet seen = new BitSet(successors.length);
        int[] queue = new int[successors.length];
        int tail = 0;
        for (int r : roots) {
            if (r != removed && !seen.get(r)) {
                seen.set(r);
                queue[tail++] = r;
            }
        }
        for (int head = 0; head < tail; head++) {
            for (int w : successors[queue[head]]) {
                if (w != removed && !seen.get(w)) {
                    seen.set(w);
                    queue[tail++] = w;
                }
            }
        }
        return seen;
    }
}
