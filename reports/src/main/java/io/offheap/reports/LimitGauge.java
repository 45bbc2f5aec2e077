package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Totals;

import java.util.ArrayList;
import java.util.List;

/**
 * The bar at the top of the report: the direct memory that counts against {@code MaxDirectMemorySize}
 * (live owners, owners awaiting a GC, cleaners pending) against the limit. Mapped and unowned memory
 * do not count against it (DESIGN.md) and are shown beside the bar, not in it.
 */
final class LimitGauge {
    static final double WIDTH = 960;
    static final double HEIGHT = 58;
    private static final double BAR_Y = 16;
    private static final double BAR_H = 24;

    private LimitGauge() {
    }

    /** Reserved bytes in the census: what the bar adds up. */
    static long counted(Totals t) {
        return t.censusReservedBytes();
    }

    static Svg.Chart of(Totals t, Accounting a) {
        Long limit = a.maxDirectMemory() != null && a.maxDirectMemory() > 0 ? a.maxDirectMemory() : null;
        long counted = counted(t);
        double scale = Math.max(Math.max(limit == null ? 0 : limit, counted), 1);
        List<Svg.Shape> shapes = new ArrayList<>();
        shapes.add(new Svg.Rect(0, BAR_Y, WIDTH, BAR_H, "track",
                limit == null ? "the limit is not in the dump" : "limit: " + Text.exact(limit)));
        double x = 0;
        x = segment(shapes, x, t.liveBytes(), scale, "s-live", "live: in use", t.liveOwners(), "buffer");
        x = segment(shapes, x, t.awaitingGcBytes(), scale, "s-awaiting-gc", "awaiting-gc: garbage waiting for a GC",
                t.awaitingGcOwners(), "buffer");
        segment(shapes, x, t.pendingCleanerBytes(), scale, "s-pending", "pending: buffer collected, cleaner not yet run",
                t.pendingCleaners(), "cleaner");
        shapes.add(new Svg.Label(0, BAR_Y + BAR_H + 15, "0", "t-small"));
        if (limit != null) {
            double lx = limit / scale * WIDTH;
            shapes.add(new Svg.Line(lx, 4, lx, BAR_Y + BAR_H + 4, "limit-line", "MaxDirectMemorySize: " + Text.exact(limit)));
            shapes.add(new Svg.Label(Math.min(lx, WIDTH), 11, "limit " + Text.bytes(limit), "t-end t-small t-strong"));
            if (counted > limit) {
                shapes.add(new Svg.Label(WIDTH, BAR_Y + BAR_H + 15, Text.bytes(counted) + " (over the limit)", "t-end t-small"));
            } else {
                shapes.add(new Svg.Label(lx, BAR_Y + BAR_H + 15, Text.percent((double) counted / limit) + " used", "t-end t-small"));
            }
        } else {
            shapes.add(new Svg.Label(WIDTH, BAR_Y + BAR_H + 15, Text.bytes(counted) + " (no limit in the dump)", "t-end t-small"));
        }
        String label = limit == null
                ? Text.bytes(counted) + " of direct memory reserved; the limit is not in the dump"
                : Text.bytes(counted) + " of the " + Text.bytes(limit) + " direct memory limit reserved ("
                + Text.percent((double) counted / limit) + ")";
        return new Svg.Chart("gauge", label, WIDTH, HEIGHT, List.copyOf(shapes), List.of());
    }

    private static double segment(List<Svg.Shape> shapes, double x, long bytes, double scale, String css, String what,
                                  int count, String noun) {
        if (bytes <= 0) {
            return x;
        }
        double w = Math.max(bytes / scale * WIDTH, 1.5);
        shapes.add(new Svg.Rect(x, BAR_Y, w, BAR_H, css, what + ": " + Text.bytes(bytes) + " (" + Text.exact(bytes) + ") in "
                + Text.count(count, noun)));
        return x + w;
    }
}
