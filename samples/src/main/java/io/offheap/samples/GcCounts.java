package io.offheap.samples;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Collection counts from the GarbageCollectorMXBeans, to prove which collections ran before a dump. */
final class GcCounts {

    /** Parallel GC's young collector: a stop-the-world scavenge of eden and survivors. */
    static final String PS_SCAVENGE = "PS Scavenge";
    /** Parallel GC's full collector: the only one that discovers garbage in the old generation. */
    static final String PS_MARK_SWEEP = "PS MarkSweep";

    private GcCounts() {
    }

    /** Collections (and concurrent cycles) of every collector so far. */
    static long total() {
        long total = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += bean.getCollectionCount();
        }
        return total;
    }

    /** Collections by the named collector; fails when the JVM runs another GC. */
    static long of(String collector) {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean.getName().equals(collector)) {
                return bean.getCollectionCount();
            }
        }
        throw new IllegalStateException("no collector named '" + collector + "': run with -XX:+UseParallelGC");
    }
}
