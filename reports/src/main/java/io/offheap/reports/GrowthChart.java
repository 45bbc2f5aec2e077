package io.offheap.reports;

import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.RetainerGrowth;
import io.offheap.analyzer.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Memory over the dumps of a comparison: live and awaiting-gc bytes in every dump and the series of the
 * retainer that grew most. Dumps are placed by their time when the timestamps allow, else evenly.
 */
final class GrowthChart {
    static final double WIDTH = 960;
    static final double HEIGHT = 280;
    private static final double LEFT = 84;
    private static final double RIGHT = 24;
    private static final double TOP = 14;
    private static final double BOTTOM = 40;
    private static final int GRID_LINES = 4;

    private GrowthChart() {
    }

    static Svg.Chart of(Comparison c) {
        List<Snapshot> dumps = c.dumps();
        int n = dumps.size();
        double[] x = new double[n];
        double span = c.hours() != null ? c.hours() : n - 1;
        for (int i = 0; i < n; i++) {
            double at = c.hours() != null ? dumps.get(i).hours() : i;
            x[i] = LEFT + at / span * (WIDTH - LEFT - RIGHT);
        }
        RetainerGrowth top = c.retainers().isEmpty() || c.retainers().get(0).deltaBytes() <= 0 ? null : c.retainers().get(0);
        long max = 1;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.max(dumps.get(i).totals().liveBytes(), dumps.get(i).totals().awaitingGcBytes()));
        }
        double scale = max;
        List<Svg.Shape> shapes = new ArrayList<>();
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int g = 0; g <= GRID_LINES; g++) {
            double y = TOP + plotHeight - plotHeight * g / GRID_LINES;
            shapes.add(new Svg.Line(LEFT, y, WIDTH - RIGHT, y, g == 0 ? "axis" : "grid", null));
            shapes.add(new Svg.Label(LEFT - 8, y + 4, Text.bytes(Math.round(scale * g / GRID_LINES)), "t-end t-small t-muted"));
        }
        for (int i = 0; i < n; i++) {
            String when = c.hours() != null ? (i == 0 ? "first dump" : "+" + Text.duration(dumps.get(i).hours() * 3600))
                    : "dump " + (i + 1);
            shapes.add(new Svg.Label(x[i], HEIGHT - BOTTOM + 18, when, i == 0 ? "t-small" : i == n - 1 ? "t-end t-small" : "t-mid t-small"));
        }
        series(shapes, x, n, i -> dumps.get(i).totals().awaitingGcBytes(), scale, "line-capacity", "s-awaiting-gc", "awaiting-gc");
        series(shapes, x, n, i -> dumps.get(i).totals().liveBytes(), scale, "line-heap", "s-live", "live");
        List<Svg.Legend> legend = new ArrayList<>(List.of(new Svg.Legend("line-heap", "live (all holders)"),
                new Svg.Legend("line-capacity", "awaiting-gc")));
        if (top != null) {
            series(shapes, x, n, i -> top.bytes().get(i), scale, "line-old", "s-live", top.holderName());
            legend.add(new Svg.Legend("line-old", "held by " + top.holderName()));
        }
        String label = "Live direct memory over " + n + " dumps: " + Text.bytes(dumps.get(0).totals().liveBytes()) + " to "
                + Text.bytes(dumps.get(n - 1).totals().liveBytes());
        return new Svg.Chart("growth", label, WIDTH, HEIGHT, List.copyOf(shapes), List.copyOf(legend));
    }

    private static void series(List<Svg.Shape> shapes, double[] x, int n, IntToLongFunction bytes, double scale,
                               String line, String dot, String what) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Svg.PathBuilder path = new Svg.PathBuilder();
        List<Svg.Shape> dots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long v = bytes.applyAsLong(i);
            double y = TOP + plotHeight - v / scale * plotHeight;
            path.lineTo(x[i], y);
            dots.add(new Svg.Dot(x[i], y, 3.5, dot, what + " in dump " + (i + 1) + ": " + Text.bytes(v) + " (" + Text.exact(v) + ")"));
        }
        shapes.add(new Svg.Path(path.build(), line, what));
        shapes.addAll(dots);
    }
}
