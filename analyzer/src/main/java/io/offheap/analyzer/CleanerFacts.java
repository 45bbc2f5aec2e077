package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;

/**
 * What a buffer's Cleaner and its thunk say (DOMAIN.md 2.1-2.4). {@code freed}: the Cleaner is
 * unlinked from the live list (its {@code next} and {@code prev} point at itself) and, where the thunk
 * zeroes its {@code address} when done (Deallocator up to JDK 17, Unmapper), that address is 0. {@code pending}: the GC cleared the referent (9+) but
 * the cleaner has not run. {@code reservedBytes}: Deallocator {@code size} (7+) or Unmapper {@code size},
 * -1 where the thunk does not say.
 */
record CleanerFacts(boolean mapped, boolean freed, boolean pending, long reservedBytes) {
    static final String SUN_MISC_CLEANER = "sun.misc.Cleaner";
    static final String JDK_INTERNAL_CLEANER = "jdk.internal.ref.Cleaner";
    static final String DEALLOCATOR = "java.nio.DirectByteBuffer$Deallocator";
    static final String UNMAPPER = "sun.nio.ch.FileChannelImpl$Unmapper";

    /** Facts for the cleaner object {@code cleaner} (-1 when the dump lacks it: treated as not yet run). */
    static CleanerFacts of(HeapGraph g, int cleaner, long cleanerId) {
        if (cleaner < 0 || !g.hasFields(cleaner)) {
            return new CleanerFacts(false, false, false, -1);
        }
        HeapClass c = g.classOf(cleaner);
        String base = g.isSubclassOf(c, JDK_INTERNAL_CLEANER) ? JDK_INTERNAL_CLEANER : SUN_MISC_CLEANER;
        boolean selfLinked = BufferFields.read(g, cleaner, g.field(c, base, "next")) == cleanerId
                && BufferFields.read(g, cleaner, g.field(c, base, "prev")) == cleanerId;
        boolean pending = !selfLinked && BufferFields.read(g, cleaner, g.field(c, Reachability.REFERENCE, "referent")) == 0;
        int thunk = g.indexOf(BufferFields.read(g, cleaner, g.field(c, base, "thunk")));
        if (thunk < 0 || !g.hasFields(thunk)) {
            return new CleanerFacts(false, selfLinked, pending, -1);
        }
        HeapClass t = g.classOf(thunk);
        if (g.isSubclassOf(t, UNMAPPER)) {
            return new CleanerFacts(true, selfLinked && zeroed(g, thunk, g.field(t, UNMAPPER, "address")), pending,
                    sizeOf(g, thunk, t, UNMAPPER));
        }
        if (t.name().equals(DEALLOCATOR)) {
            // Up to 17 run() zeroes address after the cleaner unlinked itself: self-linked with an address still
            // set is a clean in progress, memory still reserved. From 21 the Deallocator is a record and keeps
            // its address, so self-linked alone means freed (DOMAIN.md 2.2, 2.4).
            boolean record = g.isSubclassOf(t, "java.lang.Record");
            return new CleanerFacts(false, selfLinked && (record || zeroed(g, thunk, g.field(t, DEALLOCATOR, "address"))),
                    pending, sizeOf(g, thunk, t, DEALLOCATOR));
        }
        return new CleanerFacts(false, selfLinked, pending, -1);
    }

    private static long sizeOf(HeapGraph g, int thunk, HeapClass t, String declaring) {
        Field size = g.field(t, declaring, "size");
        return size == null ? -1 : g.value(thunk, size);
    }

    /** A thunk whose address field is missing (JDK 6 spells it otherwise) cannot say: trust the cleaner's link. */
    private static boolean zeroed(HeapGraph g, int thunk, Field address) {
        return address == null || g.value(thunk, address) == 0;
    }
}
