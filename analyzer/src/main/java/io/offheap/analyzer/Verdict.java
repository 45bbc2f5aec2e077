package io.offheap.analyzer;

import java.util.List;

/** One sentence a person on call can paste into the incident. */
final class Verdict {
    private Verdict() {
    }

    static String of(Totals t, Accounting a, List<Retainer> retainers, List<Finding> findings, GcSummary gc) {
        if (t.buffers() == 0) {
            return "The dump holds no direct buffers: off-heap memory, if any, is not held by java.nio direct buffers.";
        }
        String limit = a.maxDirectMemory() != null ? " of a " + Bytes.human(a.maxDirectMemory()) + " limit" : "";
        String holder = retainers.isEmpty() ? "" : ", most of it held by " + retainers.get(0).holderName();
        if (t.awaitingGcBytes() > t.liveBytes()) {
            return Bytes.human(t.awaitingGcBytes()) + " of direct memory" + limit + " is held by "
                    + t.awaitingGcOwners() + " buffers that are already garbage and wait for a GC that has not run"
                    + why(findings, gc) + "; live buffers hold " + Bytes.human(t.liveBytes()) + holder + ".";
        }
        boolean leak = findings.stream().anyMatch(f -> f.id().equals("live-growth"));
        return "Live direct buffers hold " + Bytes.human(t.liveBytes()) + limit + holder
                + (leak ? " (likely leak or unbounded cache)" : "")
                + (t.awaitingGcBytes() > 0 ? "; " + Bytes.human(t.awaitingGcBytes()) + " more waits for a GC" : "")
                + (t.unownedBytes() > 0 ? "; " + Bytes.human(t.unownedBytes()) + " is unowned native memory no GC frees" : "")
                + ".";
    }

    /** Why the GC has not come, from the GC log: no old collection, and nothing allowed to ask for one. */
    private static String why(List<Finding> findings, GcSummary gc) {
        if (gc == null) {
            return "";
        }
        List<String> reasons = new java.util.ArrayList<>();
        if (gc.lastOldCollectionBeforeDump() == null) {
            reasons.add("no old-generation collection in the GC log before the dump");
        } else if (gc.dumpUptime() != null) {
            reasons.add("the last old-generation collection ran "
                    + GcFindings.duration(gc.dumpUptime() - gc.lastOldCollectionBeforeDump()) + " before the dump");
        }
        if (findings.stream().anyMatch(f -> f.id().equals("explicit-gc-disabled"))) {
            reasons.add("-XX:+DisableExplicitGC stops the JDK from asking for one");
        }
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    static String ofGc(GcSummary gc, List<Finding> findings) {
        String counts = String.format(java.util.Locale.ROOT, "%s log: %d young, %d full collections, %d concurrent cycles, "
                + "%d caused by System.gc()", gc.collector(), gc.youngCollections(), gc.fullCollections(),
                gc.concurrentCycles(), gc.explicitGcCalls());
        return counts + (findings.isEmpty() ? "; no configuration problem found." : "; " + findings.get(0).title() + ".");
    }
}
