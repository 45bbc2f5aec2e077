package io.offheap.reports;

import io.offheap.analyzer.GcPoint;
import io.offheap.analyzer.GcSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Heap and old-generation occupancy after each collection over JVM uptime, with the collections marked
 * (young pauses as ticks, collections that reach the old generation as dots, full collections as red
 * lines), the heap dump as a dashed line, and the stretch before the dump in which no collection reached
 * the old generation shaded: buffers promoted there stay reserved through it (DOMAIN.md 3.5).
 */
final class GcTimeline {
    static final double WIDTH = 960;
    static final double HEIGHT = 300;
    static final double LEFT = 64;
    static final double RIGHT = 14;
    static final double TOP = 34;
    static final double BOTTOM = 40;
    /** Above this many young collections they are drawn as one path without tooltips. */
    private static final int TITLED_MARKERS = 400;
    private static final double[] TIME_STEPS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30,
            60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};

    /** How a collection is marked: by whether it reaches the old generation (GcEvent.Kind#collectsOld). */
    enum Mark {
        YOUNG, OLD, FULL;

        static Mark of(String kind) {
            if (kind == null) {
                return YOUNG;
            }
            return switch (kind) {
                case "full" -> FULL;
                case "concurrent-cycle", "mixed", "remark" -> OLD;
                default -> YOUNG;
            };
        }
    }

    private final GcSummary gc;
    private final long awaitingGcBytes;
    private final double t0;
    private final double t1;
    private final double yMax;
    private final double plotW = WIDTH - LEFT - RIGHT;
    private final double plotH = HEIGHT - TOP - BOTTOM;

    private GcTimeline(GcSummary gc, long awaitingGcBytes, double t0, double t1, double yMax) {
        this.gc = gc;
        this.awaitingGcBytes = awaitingGcBytes;
        this.t0 = t0;
        this.t1 = t1;
        this.yMax = yMax;
    }

    static Svg.Chart of(GcSummary gc) {
        return of(gc, 0);
    }

    /**
     * The chart, or null when the log has no collection placed on the uptime axis. {@code awaitingGcBytes}
     * (the dump's) labels the dump's moment.
     */
    static Svg.Chart of(GcSummary gc, long awaitingGcBytes) {
        List<GcPoint> points = placed(gc);
        if (points.isEmpty()) {
            return null;
        }
        double t0 = points.get(0).uptime();
        double t1 = points.get(points.size() - 1).uptime();
        for (Double t : new Double[] {gc.logStart(), gc.logEnd(), gc.dumpUptime(), gc.lastOldCollectionBeforeDump()}) {
            if (t != null && !t.isNaN()) {
                t0 = Math.min(t0, t);
                t1 = Math.max(t1, t);
            }
        }
        t0 = Math.max(0, t0 - (t1 - t0) * 0.01);
        t1 = t1 + Math.max((t1 - t0) * 0.02, 0.001);
        long max = 1;
        for (GcPoint p : points) {
            max = Math.max(max, Math.max(Math.max(p.heapAfter(), p.heapCapacity()), Math.max(p.oldAfter(), p.oldCapacity())));
        }
        long step = byteStep(max);
        double yMax = Math.ceil((double) max / step) * step;
        return new GcTimeline(gc, awaitingGcBytes, t0, t1, yMax).draw(points, step);
    }

    /** Collections with a known uptime, in time order. */
    static List<GcPoint> placed(GcSummary gc) {
        List<GcPoint> points = new ArrayList<>();
        if (gc.timeline() != null) {
            for (GcPoint p : gc.timeline()) {
                if (!Double.isNaN(p.uptime()) && !Double.isInfinite(p.uptime())) {
                    points.add(p);
                }
            }
        }
        points.sort((a, b) -> Double.compare(a.uptime(), b.uptime()));
        return points;
    }

    double x(double uptime) {
        return LEFT + (uptime - t0) / (t1 - t0) * plotW;
    }

    double y(double bytes) {
        return TOP + plotH - bytes / yMax * plotH;
    }

    private Svg.Chart draw(List<GcPoint> points, long step) {
        List<Svg.Shape> shapes = new ArrayList<>();
        double baseline = TOP + plotH;
        Double dump = gc.dumpUptime();
        Svg.Label gapLabel = null;
        if (dump != null && !dump.isNaN()) {
            Double last = gc.lastOldCollectionBeforeDump();
            double from = last != null ? last : t0;
            if (dump > from) {
                String text = last != null
                        ? "no old-generation collection for " + Text.duration(dump - last) + " before the dump"
                        : "no old-generation collection in the log before the dump";
                shapes.add(new Svg.Rect(x(from), TOP, x(dump) - x(from), plotH, "gap", text));
                gapLabel = new Svg.Label((x(from) + x(dump)) / 2, TOP + 16, text, "t-mid t-small t-gap");
            }
        }
        for (double v = 0; v <= yMax + 0.5; v += step) {
            shapes.add(new Svg.Line(LEFT, y(v), WIDTH - RIGHT, y(v), "grid", null));
            shapes.add(new Svg.Label(LEFT - 6, y(v) + 4, Text.bytes((long) v), "t-end t-small t-muted"));
        }
        double tStep = timeStep(t1 - t0);
        for (double t = Math.ceil(t0 / tStep) * tStep; t <= t1 + 1e-9; t += tStep) {
            shapes.add(new Svg.Line(x(t), baseline, x(t), baseline + 4, "axis", null));
            shapes.add(new Svg.Label(x(t), baseline + 17, timeLabel(t), "t-mid t-small t-muted"));
        }
        shapes.add(new Svg.Label(LEFT + plotW / 2, HEIGHT - 4, "JVM uptime", "t-mid t-small t-muted"));
        shapes.add(new Svg.Line(LEFT, baseline, WIDTH - RIGHT, baseline, "axis", null));

        shapes.add(line(points, p -> p.heapCapacity(), "line-capacity", "heap capacity", true));
        shapes.add(line(points, p -> p.oldAfter(), "line-old", "old generation after GC", false));
        shapes.add(line(points, p -> p.heapAfter(), "line-heap", "heap after GC", false));
        markers(points, shapes, baseline);
        shapes.add(gapLabel);

        if (dump != null && !dump.isNaN()) {
            shapes.add(new Svg.Line(x(dump), TOP - 14, x(dump), baseline, "dump-line", "heap dump at " + Text.duration(dump)
                    + " uptime"));
            String label = "heap dump" + (awaitingGcBytes > 0 ? ": " + Text.bytes(awaitingGcBytes) + " awaiting GC" : "");
            boolean nearRight = x(dump) > WIDTH - 240;
            shapes.add(new Svg.Label(x(dump) + (nearRight ? -4 : 4), TOP - 18, label, (nearRight ? "t-end " : "")
                    + "t-small t-strong"));
        }
        List<Svg.Legend> legend = new ArrayList<>(List.of(
                new Svg.Legend("line-heap", "heap after GC"), new Svg.Legend("line-old", "old generation after GC"),
                new Svg.Legend("line-capacity", "heap capacity"), new Svg.Legend("m-young", "young collection"),
                new Svg.Legend("m-old", "old-generation / concurrent collection"), new Svg.Legend("m-full", "full GC")));
        if (dump != null && !dump.isNaN()) {
            legend.add(new Svg.Legend("dump-line", "heap dump"));
            legend.add(new Svg.Legend("gap", "no old-generation collection"));
        }
        return new Svg.Chart("chart-gc", "Heap occupancy and collections over JVM uptime", WIDTH, HEIGHT,
                shapes.stream().filter(s -> s != null).toList(), List.copyOf(legend));
    }

    /** {@code holdToEnd}: the last value holds until the dump or the end of the log (the heap's capacity does). */
    private Svg.Shape line(List<GcPoint> points, ToLongFunction<GcPoint> value, String css, String title, boolean holdToEnd) {
        Svg.PathBuilder path = new Svg.PathBuilder();
        // At most a few points per pixel column: the highest of each column keeps peaks visible.
        double column = -1;
        double best = -1;
        double bestX = 0;
        for (GcPoint p : points) {
            long v = value.applyAsLong(p);
            if (v < 0) {
                if (best >= 0) {
                    path.lineTo(bestX, y(best));
                    best = -1;
                }
                path.gap();
                continue;
            }
            double px = x(p.uptime());
            double col = Math.floor(px);
            if (col != column && best >= 0) {
                path.lineTo(bestX, y(best));
                best = -1;
            }
            column = col;
            if (v > best) {
                best = v;
                bestX = px;
            }
        }
        if (best >= 0) {
            path.lineTo(bestX, y(best));
            double end = Math.max(orZero(gc.dumpUptime()), orZero(gc.logEnd()));
            if (holdToEnd && x(end) > bestX) {
                path.lineTo(x(end), y(best));
            }
        }
        return path.isEmpty() ? null : new Svg.Path(path.build(), css, title);
    }

    private static double orZero(Double v) {
        return v == null || v.isNaN() ? 0 : v;
    }

    private void markers(List<GcPoint> points, List<Svg.Shape> shapes, double baseline) {
        long young = points.stream().filter(p -> Mark.of(p.kind()) == Mark.YOUNG).count();
        Svg.PathBuilder ticks = new Svg.PathBuilder();
        for (GcPoint p : points) {
            double px = x(p.uptime());
            switch (Mark.of(p.kind())) {
                case YOUNG -> {
                    if (young <= TITLED_MARKERS) {
                        shapes.add(new Svg.Line(px, baseline, px, baseline - 9, "m-young", title(p)));
                    } else {
                        ticks.moveTo(px, baseline).lineTo(px, baseline - 9).gap();
                    }
                }
                case OLD -> shapes.add(new Svg.Dot(px, TOP + 4, 4.5, "m-old", title(p)));
                case FULL -> {
                    shapes.add(new Svg.Line(px, TOP, px, baseline, "m-full-line", null));
                    shapes.add(new Svg.Dot(px, TOP + 4, 5, "m-full", title(p)));
                }
            }
        }
        if (!ticks.isEmpty()) {
            shapes.add(new Svg.Path(ticks.build(), "m-young", young + " young collections"));
        }
    }

    private static String title(GcPoint p) {
        StringBuilder b = new StringBuilder();
        b.append(p.kind() == null ? "collection" : p.kind()).append(" at ").append(Text.duration(p.uptime()));
        if (p.cause() != null) {
            b.append(" (").append(p.cause()).append(')');
        }
        if (!Double.isNaN(p.pauseSeconds()) && p.pauseSeconds() >= 0) {
            b.append(", ").append(Text.duration(p.pauseSeconds()));
        }
        if (p.heapAfter() >= 0) {
            b.append("; heap after ").append(Text.bytes(p.heapAfter()));
            if (p.heapCapacity() > 0) {
                b.append(" of ").append(Text.bytes(p.heapCapacity()));
            }
        }
        if (p.oldAfter() >= 0) {
            b.append("; old generation ").append(Text.bytes(p.oldAfter()));
        }
        return b.toString();
    }

    /** A round binary step (1, 2, 4, 8 ... of KiB, MiB, GiB) giving at most six grid lines. */
    static long byteStep(long max) {
        long step = 1;
        while (max / step > 6) {
            step *= 2;
        }
        return step;
    }

    static double timeStep(double span) {
        for (double s : TIME_STEPS) {
            if (span / s <= 8) {
                return s;
            }
        }
        double s = TIME_STEPS[TIME_STEPS.length - 1];
        while (span / s > 8) {
            s *= 2;
        }
        return s;
    }

    /** Axis labels: "250 ms", "12 s", "5 min", "1 h 30 min". */
    static String timeLabel(double t) {
        if (t < 1 && t > 0) {
            return String.format(Locale.ROOT, "%.0f ms", t * 1000);
        }
        if (t < 60) {
            return (t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.1f", t)) + " s";
        }
        long s = Math.round(t);
        if (s < 3600) {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s % 3600 == 0 ? s / 3600 + " h" : s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s % 86_400 == 0 ? s / 86_400 + " d" : s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }
}
