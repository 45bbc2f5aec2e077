package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.GcPoint;
import io.offheap.analyzer.Totals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charts' geometry, computed in Java: what each shape stands for, where it is and how big. */
class ChartsTest {
    private static final double EPSILON = 0.01;

    @Test
    void gaugeScalesToTheLimit() {
        long mib = 1 << 20;
        Totals t = new Totals(3, 3, 0, 0, 0, 1, 2, 0, 25 * mib, 50 * mib, 0, 0, 0, 0, 0);
        Svg.Chart gauge = LimitGauge.of(t, new Accounting(75 * mib, 75 * mib, 3L, 100 * mib));
        List<Svg.Rect> bars = shapes(gauge, Svg.Rect.class).stream().filter(r -> r.css().startsWith("s-")).toList();
        assertEquals(List.of("s-live", "s-awaiting-gc"), bars.stream().map(Svg.Rect::css).toList());
        assertEquals(0.25 * LimitGauge.WIDTH, bars.get(0).w(), EPSILON);
        assertEquals(0.50 * LimitGauge.WIDTH, bars.get(1).w(), EPSILON);
        assertEquals(bars.get(0).w(), bars.get(1).x(), EPSILON, "stacked");
        Svg.Line limit = shapes(gauge, Svg.Line.class).get(0);
        assertEquals(LimitGauge.WIDTH, limit.x1(), EPSILON);
        assertTrue(gauge.label().contains("(75%)"), gauge.label());

        Totals over = new Totals(1, 1, 0, 0, 0, 1, 0, 0, 200 * mib, 0, 0, 0, 0, 0, 0);
        Svg.Chart overLimit = LimitGauge.of(over, new Accounting(null, null, null, 100 * mib));
        assertEquals(LimitGauge.WIDTH / 2, shapes(overLimit, Svg.Line.class).get(0).x1(), EPSILON,
                "past the limit the bar runs on and the limit line moves in");
        Svg.Chart noLimit = LimitGauge.of(t, new Accounting(null, null, null, null));
        assertTrue(shapes(noLimit, Svg.Line.class).isEmpty());
        assertTrue(noLimit.label().contains("the limit is not in the dump"));
    }

    @Test
    void capacityBucketsArePowersOfTwo() {
        assertEquals(0, CapacityHistogram.bucketOf(0));
        assertEquals(1, CapacityHistogram.bucketOf(1));
        assertEquals(2, CapacityHistogram.bucketOf(2));
        assertEquals(2, CapacityHistogram.bucketOf(3));
        assertEquals(11, CapacityHistogram.bucketOf(1024));
        assertEquals(10, CapacityHistogram.bucketOf(1023));
        assertEquals("1–2 KiB", CapacityHistogram.range(1024, 2048));
        assertEquals("512 B–1 KiB", CapacityHistogram.range(512, 1024));
        assertEquals("≥ 4 EiB", new CapacityHistogram.Bucket(1L << 62, -1, new int[4], new long[4]).label());
    }

    @Test
    void histogramCountsEveryBufferButViewsOnce() throws Exception {
        Diagnosis d = Dumps.analyze(Dumps.bufferZoo().dump());
        List<CapacityHistogram.Bucket> buckets = CapacityHistogram.buckets(d.buffers());
        long notViews = d.buffers().stream().filter(b -> b.kind() != BufferKind.VIEW).count();
        assertEquals(notViews, buckets.stream().mapToInt(CapacityHistogram.Bucket::total).sum());
        for (Buffer b : d.buffers()) {
            if (b.kind() != BufferKind.VIEW) {
                assertTrue(buckets.stream().anyMatch(k -> b.capacity() >= k.from() && (k.to() < 0 || b.capacity() < k.to())),
                        b.capacity() + " has a bucket");
            }
        }
        for (int i = 1; i < buckets.size(); i++) {
            assertEquals(buckets.get(i - 1).to(), buckets.get(i).from(), "buckets are contiguous");
        }
        assertTrue(buckets.size() <= 16, buckets.size() + " bars");
    }

    @Test
    void kindBarsAddUpToTheCensusTotals() throws Exception {
        Diagnosis d = Dumps.analyze(Dumps.bufferZoo().dump());
        Map<String, Long> totals = KindStateChart.rows(d).stream()
                .collect(Collectors.toMap(KindStateChart.Row::kind, KindStateChart.Row::total));
        Totals t = d.totals();
        assertEquals(t.liveBytes() + t.awaitingGcBytes() + t.pendingCleanerBytes() + t.freedBytes(), totals.get("owner"));
        assertEquals(t.mappedBytes(), totals.get("mapped"));
        assertEquals(t.unownedBytes(), totals.get("unowned"));
    }

    @Test
    void timelineMarksCollectionsTheDumpAndTheStretchWithoutAnOldCollection() {
        long mib = 1 << 20;
        List<GcPoint> points = List.of(
                new GcPoint(10, "young", "Allocation Failure", 0.01, 4 * mib, 32 * mib, mib, 24 * mib),
                new GcPoint(20, "young", "Allocation Failure", 0.01, 6 * mib, 32 * mib, 3 * mib, 24 * mib),
                new GcPoint(Double.NaN, "young", null, 0.01, 6 * mib, 32 * mib, 3 * mib, 24 * mib),
                new GcPoint(40, "full", "System.gc()", 0.2, 2 * mib, 32 * mib, 2 * mib, 24 * mib),
                new GcPoint(55, "concurrent-cycle", null, 0.5, -1, -1, -1, -1),
                new GcPoint(60, "young", "Allocation Failure", 0.01, 5 * mib, 32 * mib, 4 * mib, 24 * mib));
        Svg.Chart chart = GcTimeline.of(Fixtures.gc(100.0, 55.0, points));
        List<Svg.Line> lines = shapes(chart, Svg.Line.class);
        Svg.Line dump = lines.stream().filter(l -> "dump-line".equals(l.css())).findFirst().orElseThrow();
        Svg.Line full = lines.stream().filter(l -> "m-full-line".equals(l.css())).findFirst().orElseThrow();
        List<Svg.Line> young = lines.stream().filter(l -> "m-young".equals(l.css())).toList();
        assertEquals(3, young.size(), "the young collection without an uptime is left out");
        assertTrue(young.get(0).x1() < young.get(1).x1() && young.get(1).x1() < full.x1() && full.x1() < dump.x1());
        double perSecond = (young.get(1).x1() - young.get(0).x1()) / 10;
        assertEquals(young.get(0).x1() + 30 * perSecond, full.x1(), EPSILON, "x is linear in uptime");
        assertEquals(young.get(0).x1() + 90 * perSecond, dump.x1(), EPSILON);
        assertEquals(1, shapes(chart, Svg.Dot.class).stream().filter(c -> c.css().equals("m-old")).count());

        Svg.Rect gap = shapes(chart, Svg.Rect.class).stream().filter(r -> r.css().equals("gap")).findFirst().orElseThrow();
        assertEquals(young.get(0).x1() + 45 * perSecond, gap.x(), EPSILON, "from the last old-generation collection");
        assertEquals(dump.x1(), gap.x() + gap.w(), EPSILON, "to the dump");
        assertTrue(gap.title().contains("45.0 s"), gap.title());

        Svg.Path heap = shapes(chart, Svg.Path.class).stream().filter(p -> p.css().equals("line-heap")).findFirst().orElseThrow();
        assertEquals(2, heap.d().chars().filter(c -> c == 'M').count(), "the point without sizes breaks the line: " + heap.d());
    }

    @Test
    void timelineWithoutAnOldCollectionShadesFromTheStart() {
        List<GcPoint> points = List.of(new GcPoint(5, "young", null, 0.01, 100, 1000, 10, 800));
        Svg.Chart chart = GcTimeline.of(Fixtures.gc(50.0, null, points));
        Svg.Rect gap = shapes(chart, Svg.Rect.class).stream().filter(r -> r.css().equals("gap")).findFirst().orElseThrow();
        assertEquals(GcTimeline.LEFT, gap.x(), 1, "from the start of the axis");
        assertTrue(gap.title().contains("no old-generation collection in the log"), gap.title());
        assertNull(GcTimeline.of(Fixtures.gc(50.0, null, List.of())), "no chart without collections");
    }

    @Test
    void longLogsAreThinnedToAFewPointsPerPixel() {
        List<GcPoint> points = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            points.add(new GcPoint(i, "young", null, 0.001, (i % 97) * 1000L, 100_000, (i % 13) * 1000L, 80_000));
        }
        Svg.Chart chart = GcTimeline.of(Fixtures.gc(100_000.0, null, points));
        Svg.Path heap = shapes(chart, Svg.Path.class).stream().filter(p -> p.css().equals("line-heap")).findFirst().orElseThrow();
        long vertices = heap.d().chars().filter(c -> c == 'L' || c == 'M').count();
        assertTrue(vertices <= 2 * GcTimeline.WIDTH, vertices + " vertices");
        assertTrue(shapes(chart, Svg.Line.class).stream().noneMatch(l -> "m-young".equals(l.css())),
                "this many young collections are one path");
    }

    @Test
    void textHelpers() {
        assertEquals("a\\u0000b\\u001bc\\u202ed\\u2028e", Text.visible("a\u0000b\u001bc\u202ed\u2028e"));
        assertEquals("😀 ok", Text.visible("😀 ok"), "surrogate pairs stay");
        assertEquals("\\ud800x", Text.visible("\ud800x"), "a lone surrogate is shown");
        assertEquals("Awaiting GC bytes", Text.words("awaitingGcBytes"));
        assertEquals("Disable explicit GC", Text.words("disableExplicitGC"));
        assertEquals("Max direct memory", Text.words("maxDirectMemory"));
        assertEquals(new HtmlPage.Fact("DisableExplicitGC", "true", null, false), HtmlPage.evidence("DisableExplicitGC", true));
        assertEquals(HtmlPage.Fact.bytes("MaxDirectMemorySize", 1 << 20), HtmlPage.evidence("MaxDirectMemorySize", 1L << 20));
        assertEquals("3.3%", HtmlPage.evidence("oldGenerationPercentUsed", 3.29).value());
        assertEquals("1 min 30 s", HtmlPage.evidence("secondsSinceLastOldCollection", 90.0).value());
        assertEquals("Old generation used bytes", HtmlPage.evidence("oldGenerationUsedBytes", 5L).label());
        assertEquals("850 ms", Text.duration(0.85));
        assertEquals("4 min 05 s", Text.duration(245));
        assertEquals("2 h 03 min", Text.duration(7380));
        assertEquals("−1.0 KiB", Text.bytes(-1024));
        assertEquals("1 byte", Text.exact(1));
        assertEquals("DirectByteBuffer", Text.simpleName("java.nio.DirectByteBuffer"));
        assertEquals("a.hprof", Text.fileName("/tmp/x/a.hprof"));
    }

    private static <T extends Svg.Shape> List<T> shapes(Svg.Chart chart, Class<T> type) {
        return chart.shapes().stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }
}
