package io.offheap.gclog;

import java.util.List;

/**
 * One heap printout: the JDK 8 {@code Heap} exit summary or a PrintHeapAtGC block, or the JDK 9+
 * {@code gc+heap=debug} / {@code gc+heap+exit} equivalent (DOMAIN.md 6.3).
 *
 * @param uptimeSeconds JVM uptime of the printout, NaN when the log gives none (an undated exit summary)
 * @param source        {@code file:line} where the printout starts
 */
public record HeapLayout(double uptimeSeconds, String source, List<Space> spaces) {

    public HeapLayout {
        spaces = List.copyOf(spaces);
    }

    /**
     * YOUNG or OLD when the address lies in a young or old generation range of this printout, else
     * UNKNOWN. Only Serial, Parallel and CMS print such ranges; they are fixed for the VM run, so any
     * printout of the run classifies an address (DOMAIN.md 6.4). A G1 {@code garbage-first heap} range
     * says nothing about generations and never answers.
     */
    public Generation generationOf(long address) {
        for (Space s : spaces) {
            if ((s.generation() == Generation.YOUNG || s.generation() == Generation.OLD) && s.contains(address)) {
                return s.generation();
            }
        }
        return Generation.UNKNOWN;
    }
}
