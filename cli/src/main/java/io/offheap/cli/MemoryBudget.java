package io.offheap.cli;

import io.offheap.hprof.HeapGraph;

/**
 * Checks, once the graph is read, that the analysis will fit in this JVM's heap, so that a dump too big
 * for the memory given fails at once with how much to give, not minutes later with an OutOfMemoryError.
 * The analysis allocates about 18 ints per object (reachability, dominator tree) and one per edge
 * (predecessors): measured with bench/profile.sh on the BigHeap sample.
 */
final class MemoryBudget {
    private static final long BYTES_PER_OBJECT = 72;
    private static final long BYTES_PER_EDGE = 4;
    private static final long GIB = 1L << 30;

    private MemoryBudget() {
    }

    static void check(HeapGraph graph, String dump) throws CommandException {
        long need = BYTES_PER_OBJECT * graph.objectCount() + BYTES_PER_EDGE * graph.edgeCount();
        Runtime rt = Runtime.getRuntime();
        if (need <= available(rt)) {
            return;
        }
        System.gc(); // what is still in use, not what is merely not collected yet
        long available = available(rt);
        if (need <= available) {
            return;
        }
        long suggest = (rt.maxMemory() + need - available + GIB - 1) / GIB + 1;
        throw new CommandException(ExitCode.BAD_INPUT, String.format(java.util.Locale.ROOT,
                "%s: analysing %,d objects needs about %d MiB more than this JVM may use (Java heap limit %d MiB); "
                        + "run with OFFHEAP_OPTS=-Xmx%dg", dump, graph.objectCount(), (need - available) >> 20,
                rt.maxMemory() >> 20, suggest));
    }

    private static long available(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
