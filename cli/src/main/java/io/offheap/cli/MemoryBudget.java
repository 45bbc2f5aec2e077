package io.offheap.cli;

import io.offheap.hprof.HeapGraph;

/**
 * Checks, once the graph is read, that the analysis will fit in this JVM's heap, so that a dump too big
 * for the memory given fails at once with how much to give, not minutes later with an OutOfMemoryError.
 * At its peak the analysis holds about 8 ints per object (reachability and the dominator tree's arrays; the
 * garbage count running beside them takes a bit per object) and the predecessor lists of shared objects (at
 * most one int per edge, per object for its class and per root; far fewer in practice, as most objects have
 * one referrer): measured with the GC log of bench/profile.sh on the BigHeap sample (about 31 bytes per
 * object there), with room.
 */
final class MemoryBudget {
    private static final long BYTES_PER_OBJECT = 48;
    private static final long BYTES_PER_EDGE = 4;
    private static final long GIB = 1L << 30;

    private MemoryBudget() {
    }

    static void check(HeapGraph graph, String dump) throws CommandException {
        long need = need(graph.objectCount(), graph.edgeCount());
        Runtime rt = Runtime.getRuntime();
        if (need <= available(rt)) {
            return;
        }
        System.gc(); // what is still in use, not what is merely not collected yet
        String shortfall = shortfall(dump, graph.objectCount(), need, available(rt), rt.maxMemory());
        if (shortfall != null) {
            throw new CommandException(ExitCode.BAD_INPUT, shortfall);
        }
    }

    /** Bytes the analysis of a graph of this size allocates at its peak. */
    static long need(long objects, long edges) {
        return BYTES_PER_OBJECT * objects + BYTES_PER_EDGE * edges;
    }

    /** The one-line error for a dump that needs more than is available, or null if it fits. */
    static String shortfall(String dump, long objects, long need, long available, long maxMemory) {
        if (need <= available) {
            return null;
        }
        long suggest = (maxMemory + need - available + GIB - 1) / GIB + 1;
        return String.format(java.util.Locale.ROOT,
                "%s: analysing %,d objects needs about %d MiB more than this JVM may use (Java heap limit %d MiB); "
                        + "run with OFFHEAP_OPTS=-Xmx%dg", dump, objects, (need - available + (1 << 20) - 1) >> 20,
                maxMemory >> 20, suggest);
    }

    private static long available(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
