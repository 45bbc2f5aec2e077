package io.offheap.gclog;

import java.util.List;

/**
 * A G1 region table as printed by {@code -Xlog:gc+heap+region=trace} before and after each GC: the only
 * G1 output that tells which address belongs to which generation at that moment (DOMAIN.md 6.4).
 *
 * @param source {@code file:line} of the table's legend line
 */
public record RegionTable(double uptimeSeconds, String source, List<Region> regions) {

    public RegionTable {
        regions = List.copyOf(regions);
    }

    /** YOUNG for eden/survivor, OLD for old/humongous/archive regions, UNKNOWN for free regions and outside. */
    public Generation generationOf(long address) {
        for (Region r : regions) {
            if (r.contains(address)) {
                return r.generation();
            }
        }
        return Generation.UNKNOWN;
    }
}
