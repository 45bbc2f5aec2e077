package io.offheap.analyzer;

/**
 * The four byte figures a comparison follows from dump to dump (DESIGN.md totals): live and awaiting-gc
 * owners count against the limit; unowned memory no GC frees; mapped files do not count against it.
 * As a change between two dumps, each figure is the newer minus the older.
 */
public record Footprint(long liveBytes, long awaitingGcBytes, long unownedBytes, long mappedBytes) {

    static Footprint of(Totals t) {
        return new Footprint(t.liveBytes(), t.awaitingGcBytes(), t.unownedBytes(), t.mappedBytes());
    }

    Footprint minus(Footprint older) {
        return new Footprint(liveBytes - older.liveBytes, awaitingGcBytes - older.awaitingGcBytes,
                unownedBytes - older.unownedBytes, mappedBytes - older.mappedBytes);
    }
}
