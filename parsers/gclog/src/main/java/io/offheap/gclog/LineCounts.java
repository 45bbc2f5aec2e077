package io.offheap.gclog;

/**
 * Pause and cycle lines counted straight from the text, independently of the parsers, as a check
 * against silent under-parsing (DESIGN.md: both public parsers return nothing on some real logs).
 * Unified logs are counted by distinct {@code GC(n)} id, so start and end lines of one pause count once.
 */
public record LineCounts(int fullCollections, int youngCollections, int mixedCollections, int initialMarks,
                         int remarks, int concurrentCycles, int explicitGcCalls) {

    static final LineCounts ZERO = new LineCounts(0, 0, 0, 0, 0, 0, 0);

    LineCounts plus(LineCounts o) {
        return new LineCounts(fullCollections + o.fullCollections, youngCollections + o.youngCollections,
                mixedCollections + o.mixedCollections, initialMarks + o.initialMarks, remarks + o.remarks,
                concurrentCycles + o.concurrentCycles, explicitGcCalls + o.explicitGcCalls);
    }
}
