package io.offheap.analyzer;

import java.util.List;

/** One sentence a person on call can paste into the incident. */
final class Verdict {
    private Verdict() {
    }

    static String of(Totals t, Accounting a, List<Retainer> retainers, List<Finding> findings) {
        if (t.buffers() == 0) {
            return "The dump holds no direct buffers: off-heap memory, if any, is not held by java.nio direct buffers.";
        }
        String limit = a.maxDirectMemory() != null ? " of a " + Bytes.human(a.maxDirectMemory()) + " limit" : "";
        String holder = retainers.isEmpty() ? "" : ", most of it held by " + holderName(retainers.get(0));
        if (t.awaitingGcBytes() > t.liveBytes()) {
            return Bytes.human(t.awaitingGcBytes()) + " of direct memory" + limit + " is held by "
                    + t.awaitingGcOwners() + " buffers that are already garbage and wait for a GC that has not run; "
                    + "live buffers hold " + Bytes.human(t.liveBytes()) + holder + ".";
        }
        boolean leak = findings.stream().anyMatch(f -> f.id().equals("live-growth"));
        return "Live direct buffers hold " + Bytes.human(t.liveBytes()) + limit + holder
                + (leak ? " (likely leak or unbounded cache)" : "")
                + (t.awaitingGcBytes() > 0 ? "; " + Bytes.human(t.awaitingGcBytes()) + " more waits for a GC" : "")
                + (t.unownedBytes() > 0 ? "; " + Bytes.human(t.unownedBytes()) + " is unowned native memory no GC frees" : "")
                + ".";
    }

    static String holderName(Retainer r) {
        return (r.staticHolder() ? "class " : "") + r.className() + (r.field() != null ? "#" + r.field() : "");
    }
}
