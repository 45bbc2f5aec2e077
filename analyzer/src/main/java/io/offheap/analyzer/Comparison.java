package io.offheap.analyzer;

import java.util.List;

/**
 * Two or more dumps of one JVM in time order ({@code offheap diff}, {@code offheap trend}): each dump's
 * figures, every retainer followed across them, biggest growth first, and a verdict sentence.
 * {@code hours} is the time from the oldest to the newest dump and {@code liveBytesPerHour} the
 * least-squares slope of live bytes over time; both null unless the dumps' timestamps strictly increase.
 */
public record Comparison(List<Snapshot> dumps, List<RetainerGrowth> retainers, Double hours, Double liveBytesPerHour,
                         String verdict, List<String> warnings) {

    public Snapshot older() {
        return dumps.get(0);
    }

    public Snapshot newer() {
        return dumps.get(dumps.size() - 1);
    }

    /** Newer minus older, figure by figure. */
    public Footprint change() {
        return newer().footprint().minus(older().footprint());
    }
}
