package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.Footprint;
import io.offheap.analyzer.RetainerGrowth;
import io.offheap.analyzer.Snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code diff.jte} shows, prepared from a {@link Comparison}: one column per dump, the figures and
 * the JDK's counters in rows, the chart, and the retainers biggest growth first. Strings from the dumps
 * pass through unchanged; the template output escapes them.
 */
record DiffPage(Comparison c, String title, List<Column> columns, List<Row> figures, Svg.Chart chart,
                List<RetainerRow> retainers, int moreRetainers, String css) {

    static final int TOP_RETAINERS = 50;

    /** A dump's column: its label, file path (tooltip) and when it was written. */
    record Column(String label, String path, String written) {
    }

    /** A figure in every dump (null where the dump does not hold it) and its change, oldest to newest. */
    record Row(String name, String css, boolean bytes, List<Long> values, Long change) {
    }

    record RetainerRow(int rank, RetainerGrowth r, String status) {
    }

    static DiffPage of(Comparison c, String css) {
        boolean trend = c.dumps().size() > 2;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < c.dumps().size(); i++) {
            Snapshot s = c.dumps().get(i);
            String label = trend ? "Dump " + (i + 1) : i == 0 ? "Older" : "Newer";
            String after = i > 0 && s.hours() != null ? " (+" + Text.duration(s.hours() * 3600) + ")" : "";
            columns.add(new Column(label, s.dump().path(), Text.time(s.dump().timestamp()) + after));
        }
        List<Row> figures = List.of(
                footprint("Live", "s-live", c, Footprint::liveBytes),
                footprint("Awaiting GC", "s-awaiting-gc", c, Footprint::awaitingGcBytes),
                footprint("Unowned", "k-unowned", c, Footprint::unownedBytes),
                footprint("Mapped", "k-mapped", c, Footprint::mappedBytes),
                counter("java.nio.Bits reserved memory", true, c, Accounting::reservedMemory),
                counter("java.nio.Bits total capacity", true, c, Accounting::totalCapacity),
                counter("java.nio.Bits count", false, c, Accounting::count),
                counter("Limit (MaxDirectMemorySize)", true, c, Accounting::maxDirectMemory));
        List<RetainerRow> retainers = new ArrayList<>();
        for (RetainerGrowth r : c.retainers()) {
            if (retainers.size() == TOP_RETAINERS) {
                break;
            }
            String status = r.appeared() ? "new" : r.vanished() ? "gone" : r.pathChanged() ? "path changed" : "";
            retainers.add(new RetainerRow(retainers.size() + 1, r, status));
        }
        String title = trend ? "trend over " + c.dumps().size() + " dumps" : "diff of two dumps";
        return new DiffPage(c, title, List.copyOf(columns), figures, GrowthChart.of(c), List.copyOf(retainers),
                c.retainers().size() - retainers.size(), css);
    }

    private static Row footprint(String name, String css, Comparison c, Function<Footprint, Long> figure) {
        List<Long> values = c.dumps().stream().map(s -> figure.apply(s.footprint())).toList();
        return new Row(name, css, true, values, figure.apply(c.change()));
    }

    private static Row counter(String name, boolean bytes, Comparison c, Function<Accounting, Long> figure) {
        List<Long> values = new ArrayList<>();
        c.dumps().forEach(s -> values.add(figure.apply(s.accounting())));
        Long first = values.get(0);
        Long last = values.get(values.size() - 1);
        return new Row(name, null, bytes, Collections.unmodifiableList(values), first == null || last == null ? null : last - first);
    }

    /** "+1.5 MiB", "−200 KiB", "0" for a change. */
    static String signedBytes(long change) {
        return change > 0 ? "+" + Text.bytes(change) : Text.bytes(change);
    }

    static String signedCount(long change) {
        return change > 0 ? "+" + Text.count(change) : Text.count(change);
    }

    /** A retainer's rate, or nothing when the dumps carry no usable times. */
    static String rate(RetainerGrowth r) {
        return r.bytesPerHour() == null ? "" : signedBytes(Math.round(r.bytesPerHour())) + "/h";
    }
}
