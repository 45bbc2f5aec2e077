package io.offheap.analyzer;

/**
 * One dump of a comparison: what it is, when relative to the first dump ({@code hours}; null when the
 * dumps' timestamps do not strictly increase), its census totals and the JDK's own counters at that moment.
 */
public record Snapshot(DumpInfo dump, Double hours, Totals totals, Accounting accounting) {

    public Footprint footprint() {
        return Footprint.of(totals);
    }
}
