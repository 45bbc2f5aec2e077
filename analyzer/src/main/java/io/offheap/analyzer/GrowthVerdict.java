package io.offheap.analyzer;

import java.util.List;

/** The one sentence of a comparison: which holder's live memory grew, by how much, in how long. */
final class GrowthVerdict {
    private GrowthVerdict() {
    }

    static String of(List<Snapshot> dumps, List<RetainerGrowth> retainers, Double hours) {
        Footprint older = dumps.get(0).footprint();
        Footprint newer = dumps.get(dumps.size() - 1).footprint();
        String span = hours != null ? "in " + GcFindings.duration(hours * 3600)
                : dumps.size() == 2 ? "between the two dumps" : "across the " + dumps.size() + " dumps";
        String total = Bytes.human(older.liveBytes()) + " then " + Bytes.human(newer.liveBytes());
        StringBuilder s = new StringBuilder();
        RetainerGrowth top = retainers.isEmpty() ? null : retainers.get(0);
        if (top != null && top.deltaBytes() > 0) {
            s.append("Live direct memory held by ").append(top.holderName()).append(" grew by ")
                    .append(Bytes.human(top.deltaBytes()));
            if (top.deltaBuffers() > 0) {
                s.append(" (").append(top.deltaBuffers()).append(" more buffer").append(top.deltaBuffers() == 1 ? "" : "s").append(')');
            }
            s.append(' ').append(span);
            if (top.bytesPerHour() != null && top.bytesPerHour() > 0) {
                s.append(", ").append(Bytes.human(Math.round(top.bytesPerHour()))).append(" per hour");
            }
            s.append("; all live direct memory: ").append(total);
        } else {
            s.append("Live direct memory did not grow ").append(span).append(": ").append(total);
        }
        long awaiting = newer.awaitingGcBytes() - older.awaitingGcBytes();
        if (awaiting > 0) {
            s.append("; memory awaiting a GC grew by ").append(Bytes.human(awaiting))
                    .append(" (garbage that a collection frees, not a leak)");
        }
        long unowned = newer.unownedBytes() - older.unownedBytes();
        if (unowned > 0) {
            s.append("; unowned memory, which no GC frees, grew by ").append(Bytes.human(unowned));
        }
        return s.append('.').toString();
    }
}
