package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.Totals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Native bytes by kind (one bar each for owners, mapped and unowned buffers) split by state. The
 * owners' figures are the census totals; mapped and unowned are summed by state the way the census
 * sums them (mapped: reserved bytes of mappings not freed; unowned: each native block once, by address),
 * so each bar adds up to its total in {@link Totals}. Views own nothing and have no bar.
 */
final class KindStateChart {
    static final double WIDTH = 960;
    private static final double LABEL_W = 150;
    private static final double VALUE_W = 120;
    private static final double ROW_H = 38;
    private static final double BAR_H = 22;
    private static final double TOP = 6;

    /** One segment of a bar. */
    record Part(String css, String state, long bytes, int count, String noun) {
    }

    /** One bar: a kind and its parts. */
    record Row(String kind, String meaning, List<Part> parts) {
        long total() {
            return parts.stream().mapToLong(Part::bytes).sum();
        }
    }

    private KindStateChart() {
    }

    static List<Row> rows(Diagnosis d) {
        Totals t = d.totals();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("owner", "allocateDirect", List.of(
                new Part("s-live", "live", t.liveBytes(), t.liveOwners(), "buffer"),
                new Part("s-awaiting-gc", "awaiting-gc", t.awaitingGcBytes(), t.awaitingGcOwners(), "buffer"),
                new Part("s-pending", "pending cleaner", t.pendingCleanerBytes(), t.pendingCleaners(), "cleaner"),
                new Part("s-freed", "freed (released)", t.freedBytes(), t.freedOwners(), "buffer"))));
        if (t.mapped() > 0) {
            rows.add(new Row("mapped", "file mappings", byState(d.buffers(), BufferKind.MAPPED)));
        }
        if (t.unowned() > 0) {
            rows.add(new Row("unowned", "no GC frees it", byState(d.buffers(), BufferKind.UNOWNED)));
        }
        return rows;
    }

    private static List<Part> byState(List<Buffer> buffers, BufferKind kind) {
        Map<BufferState, long[]> sums = new EnumMap<>(BufferState.class);
        Set<Long> addresses = new HashSet<>();
        for (Buffer b : buffers) {
            if (b.kind() != kind) {
                continue;
            }
            long[] s = sums.computeIfAbsent(b.state(), k -> new long[2]);
            s[1]++;
            if (kind == BufferKind.MAPPED && b.state() != BufferState.FREED) {
                s[0] += b.reservedBytes();
            } else if (kind == BufferKind.UNOWNED && b.address() != 0 && addresses.add(b.address())) {
                s[0] += b.capacity();
            }
        }
        List<Part> parts = new ArrayList<>();
        for (BufferState state : BufferState.values()) {
            long[] s = sums.get(state);
            if (s != null) {
                parts.add(new Part("s-" + state.label(), state.label(), s[0], (int) s[1], "buffer"));
            }
        }
        return parts;
    }

    static Svg.Chart of(Diagnosis d) {
        List<Row> rows = rows(d);
        double scale = Math.max(1, rows.stream().mapToLong(Row::total).max().orElse(0));
        double barW = WIDTH - LABEL_W - VALUE_W;
        List<Svg.Shape> shapes = new ArrayList<>();
        double y = TOP;
        for (Row row : rows) {
            double barY = y + (ROW_H - BAR_H) / 2;
            shapes.add(new Svg.Label(0, barY + 10, row.kind(), "t-strong"));
            shapes.add(new Svg.Label(0, barY + 23, row.meaning(), "t-small t-muted"));
            shapes.add(new Svg.Rect(LABEL_W, barY, barW, BAR_H, "track", null));
            double x = LABEL_W;
            for (Part p : row.parts()) {
                if (p.bytes() <= 0) {
                    continue;
                }
                double w = Math.max(p.bytes() / scale * barW, 1.5);
                shapes.add(new Svg.Rect(x, barY, w, BAR_H, p.css(), row.kind() + ", " + p.state() + ": " + Text.bytes(p.bytes())
                        + " (" + Text.exact(p.bytes()) + ") in " + Text.count(p.count(), p.noun())));
                x += w;
            }
            shapes.add(new Svg.Label(WIDTH, barY + 16, Text.bytes(row.total()), "t-end t-strong"));
            y += ROW_H;
        }
        List<Svg.Legend> legend = List.of(new Svg.Legend("s-live", "live"), new Svg.Legend("s-awaiting-gc", "awaiting-gc"),
                new Svg.Legend("s-pending", "pending cleaner"), new Svg.Legend("s-unreachable", "unreachable"),
                new Svg.Legend("s-freed", "freed (already released)"));
        return new Svg.Chart("chart-kinds", "Native bytes by kind and state", WIDTH, y + TOP, List.copyOf(shapes), legend);
    }
}
