package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;

import java.util.ArrayList;
import java.util.List;

/**
 * How many buffers of each size: capacities in power-of-two buckets ({@code [2^(k-1), 2^k)}; bucket 0
 * holds capacity 0), merged pairwise when the range is wide, bars stacked by state. Views are left out:
 * they share their owner's memory.
 */
final class CapacityHistogram {
    static final double WIDTH = 960;
    static final double HEIGHT = 250;
    private static final double LEFT = 56;
    private static final double RIGHT = 8;
    private static final double TOP = 18;
    private static final double BOTTOM = 44;
    /** Room an axis label needs, in viewBox units. */
    private static final double LABEL_ROOM = 58;
    private static final int MAX_BARS = 16;
    private static final BufferState[] STACK = {BufferState.LIVE, BufferState.AWAITING_GC, BufferState.UNREACHABLE,
            BufferState.FREED};

    /** One bar: capacities in [{@code from}, {@code to}) (to = -1: unbounded), counts by state. */
    record Bucket(long from, long to, int[] counts, long[] bytes) {
        int total() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }

        String label() {
            if (to < 0) {
                return "≥ " + pow2(from);
            }
            if (from == 0 && to == 1) {
                return "0 B";
            }
            return range(from, to);
        }
    }

    private CapacityHistogram() {
    }

    /** Bucket of a capacity: 0 for 0, else floor(log2(c)) + 1. */
    static int bucketOf(long capacity) {
        return capacity <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(capacity);
    }

    static List<Bucket> buckets(List<Buffer> buffers) {
        int[][] counts = new int[65][STACK.length];
        long[][] bytes = new long[65][STACK.length];
        int lo = 65, hi = -1;
        for (Buffer b : buffers) {
            if (b.kind() == BufferKind.VIEW) {
                continue;
            }
            int k = bucketOf(b.capacity());
            int s = stackIndex(b.state());
            counts[k][s]++;
            bytes[k][s] += b.capacity();
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        List<Bucket> result = new ArrayList<>();
        if (hi < 0) {
            return result;
        }
        int step = hi - lo + 1 > MAX_BARS ? 2 : 1;
        for (int k = lo; k <= hi; k += step) {
            int last = Math.min(k + step - 1, hi);
            int[] c = new int[STACK.length];
            long[] by = new long[STACK.length];
            for (int j = k; j <= last; j++) {
                for (int s = 0; s < STACK.length; s++) {
                    c[s] += counts[j][s];
                    by[s] += bytes[j][s];
                }
            }
            long from = k == 0 ? 0 : 1L << (k - 1);
            long to = last >= 63 ? -1 : 1L << last;
            result.add(new Bucket(from, to, c, by));
        }
        return result;
    }

    private static int stackIndex(BufferState s) {
        for (int i = 0; i < STACK.length; i++) {
            if (STACK[i] == s) {
                return i;
            }
        }
        throw new IllegalArgumentException(s.toString());
    }

    static Svg.Chart of(List<Buffer> buffers) {
        List<Bucket> buckets = buckets(buffers);
        List<Svg.Shape> shapes = new ArrayList<>();
        int max = buckets.stream().mapToInt(Bucket::total).max().orElse(0);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double baseline = TOP + plotH;
        long step = niceStep(Math.max(max, 1));
        long top = Math.max(step, (max + step - 1) / step * step);
        for (long v = 0; v <= top; v += step) {
            double y = baseline - v * plotH / top;
            shapes.add(new Svg.Line(LEFT, y, WIDTH - RIGHT, y, "grid", null));
            shapes.add(new Svg.Label(LEFT - 6, y + 4, Text.count(v), "t-end t-small t-muted"));
        }
        shapes.add(new Svg.Label(0, TOP - 6, "buffers", "t-small t-muted"));
        double slot = buckets.isEmpty() ? plotW : plotW / buckets.size();
        double barW = Math.min(slot * 0.8, 90);
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            double x = LEFT + i * slot + (slot - barW) / 2;
            double y = baseline;
            StringBuilder tip = new StringBuilder(b.label()).append(": ").append(Text.count(b.total(), "buffer"));
            for (int s = 0; s < STACK.length; s++) {
                if (b.counts()[s] > 0) {
                    tip.append("; ").append(STACK[s].label()).append(' ').append(Text.count(b.counts()[s]))
                            .append(" (").append(Text.bytes(b.bytes()[s])).append(')');
                }
            }
            for (int s = 0; s < STACK.length; s++) {
                int c = b.counts()[s];
                if (c == 0) {
                    continue;
                }
                double h = Math.max(c * plotH / top, 1.5);
                y -= h;
                shapes.add(new Svg.Rect(x, y, barW, h, "s-" + STACK[s].label(), tip.toString()));
            }
            if (b.total() > 0) {
                shapes.add(new Svg.Label(x + barW / 2, y - 4, Text.count(b.total()), "t-mid t-small"));
            }
        }
        // Labels on the bucket edges (powers of two), as many as fit.
        int every = (int) Math.ceil(LABEL_ROOM / slot);
        for (int i = 0; !buckets.isEmpty() && i <= buckets.size(); i += every) {
            double x = LEFT + i * slot;
            String edge = i < buckets.size() ? edgeLabel(buckets.get(i).from()) : buckets.get(i - 1).to() < 0 ? null
                    : edgeLabel(buckets.get(i - 1).to());
            if (edge != null) {
                shapes.add(new Svg.Line(x, baseline, x, baseline + 4, "axis", null));
                shapes.add(new Svg.Label(x, baseline + 16, edge, "t-mid t-small"));
            }
        }
        shapes.add(new Svg.Line(LEFT, baseline, WIDTH - RIGHT, baseline, "axis", null));
        shapes.add(new Svg.Label(LEFT + plotW / 2, HEIGHT - 6, "capacity, log scale: each bar holds sizes from its left edge to " + factor(buckets)
                + " times it",
                "t-mid t-small t-muted"));
        List<Svg.Legend> legend = List.of(new Svg.Legend("s-live", "live"), new Svg.Legend("s-awaiting-gc", "awaiting-gc"),
                new Svg.Legend("s-unreachable", "unreachable"), new Svg.Legend("s-freed", "freed"));
        return new Svg.Chart("chart-capacity", "Buffers by capacity", WIDTH, HEIGHT, List.copyOf(shapes), legend);
    }

    /** "twice" or "four" (times): the width of a bucket. */
    private static String factor(List<Bucket> buckets) {
        for (Bucket b : buckets) {
            if (b.from() > 0 && b.to() > 0) {
                return b.to() / b.from() == 2 ? "two" : "four";
            }
        }
        return "two";
    }

    private static String edgeLabel(long bytes) {
        return bytes == 0 ? "0" : pow2(bytes);
    }

    /** 1, 2 or 5 times a power of ten, giving at most about five grid lines. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= 5) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** 2^k bytes as "512 B", "4 KiB", "1 GiB". */
    static String pow2(long v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (v >= 1024 && v % 1024 == 0 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    /** "16–32 B", "1–2 KiB", "512 B–1 KiB". */
    static String range(long from, long to) {
        String a = pow2(from);
        String b = pow2(to);
        String ua = a.substring(a.indexOf(' '));
        String ub = b.substring(b.indexOf(' '));
        return ua.equals(ub) ? a.substring(0, a.indexOf(' ')) + "–" + b : a + "–" + b;
    }
}
