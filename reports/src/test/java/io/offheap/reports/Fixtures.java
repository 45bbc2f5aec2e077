package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.GcPoint;
import io.offheap.analyzer.GcSummary;
import io.offheap.analyzer.Generation;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;
import io.offheap.analyzer.HolderKind;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Severity;
import io.offheap.analyzer.Totals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnoses built by hand, for what real dumps cannot give on demand: a given string in every text
 * field (class and field names, paths, flags, causes, warnings, titles), or an exact GC timeline. The
 * figures are arbitrary; the tests of real dumps check figures.
 */
final class Fixtures {
    /** Markup that would run or restyle the page, entities, controls, bidi and line separators. */
    static final String HOSTILE = "</style></script><script>pwned=1</script><img src=x onerror=pwned=2>"
            + "<svg onload=pwned=3>\"'&amp;&lt\u0000\u0007\u001b[31m\u202e\u2028]]><!-- ${x}";

    private Fixtures() {
    }

    /** {@code text} in every string of a diagnosis that comes from a dump or a log, with a GC log. */
    static Diagnosis everywhere(String text) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("retainer", text);
        evidence.put("awaitingGcBytes", 25L << 20);
        evidence.put("percentOfLimit", 78.4);
        evidence.put(text, text);
        List<Buffer> buffers = List.of(
                new Buffer(0x1000, text, 4096, 0x7f00, BufferKind.OWNER, BufferState.LIVE, 0, 4096, Generation.OLD, 0x2000),
                new Buffer(0x1100, "java.nio.DirectByteBuffer", 1 << 20, 0x7f10, BufferKind.OWNER, BufferState.AWAITING_GC, 0,
                        1 << 20, Generation.OLD, 0),
                new Buffer(0x1200, text, 100, 0x7f00, BufferKind.VIEW, BufferState.LIVE, 0x1000, 0, Generation.YOUNG, 0x2000));
        Retainer retainer = new Retainer(0x2000, text, true, text, 4096, 4096, 1, 0, text,
                List.of(text + "#" + text, "java.util.ArrayList#elementData", "class " + text), 96);
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(text, text);
        flags.put("MaxDirectMemorySize", "33554432");
        GcSummary gc = new GcSummary(List.of("/var/log/" + text + ".log"), text, text, flags, 3, 2, 1, 0, 0, 0.5, 90.0, 100.0,
                40.0, text, List.of(new GcPoint(10, "young", text, 0.01, 1 << 20, 32 << 20, 0, 24 << 20),
                new GcPoint(40, "full", text, 0.2, 2 << 20, 32 << 20, 1 << 20, 24 << 20),
                new GcPoint(60, text, text, 0.01, 3 << 20, 32 << 20, 1 << 20, 24 << 20)), List.of(text));
        return new Diagnosis(dump("/tmp/" + text + ".hprof", text), totals(), new Accounting(1L << 21, 1L << 21, 2L, 32L << 20),
                buffers, List.of(retainer), gc,
                List.of(new Finding("live-growth", Severity.WARNING, text, evidence, text),
                        new Finding(text, Severity.CRITICAL, text, Map.of(), text)),
                text, List.of(text), holders(text));
    }

    /** One holder of each kind (Netty with one detail of each sort) with {@code text} in every string: description, advice, facts and details. */
    static List<Holder> holders(String text) {
        return List.of(
                new Holder(HolderKind.THREAD_IO_CACHE, text, 3 << 20, 3, text, Map.of("largestThread", text, "largestThreadBytes", 2L << 20),
                        List.of(new HolderDetail.ThreadCache(text, 2, 2 << 20, 1 << 20), new HolderDetail.ThreadCache(null, 1, 1 << 20, 1 << 20))),
                new Holder(HolderKind.MAPPED_FILES, text, 8192, 2, text, Map.of(),
                        List.of(new HolderDetail.MappedFile(0xabc, 4096, 4000, BufferState.AWAITING_GC, "/data/" + text, text),
                                new HolderDetail.MappedFile(0xabd, 4096, 4096, BufferState.LIVE, null, null))),
                new Holder(HolderKind.NETTY, text, 9 << 20, 3, text, Map.of("noCleanerBytes", 4L << 20),
                        List.of(new HolderDetail.NettyArena(0x100, 0x200, 0, 2, 4 << 20, 3 << 20, 5 << 20, 1, 1 << 20, 1, 2, 3, 3 << 10),
                                new HolderDetail.NettyThreadCache(0x110, text, 0x100, 0, 3, 3 << 10),
                                new HolderDetail.NettyBuffer(0x300, text, 1000, BufferState.UNREACHABLE, true),
                                new HolderDetail.NettyCounter(text, 4L << 20, 32L << 20, true, 32L << 20))),
                new Holder(HolderKind.FOREIGN_MEMORY, text, 1 << 20, 1, text, Map.of("openSegmentBytes", 1L << 20),
                        List.of(new HolderDetail.ForeignBuffer(0x400, 1 << 20, BufferState.LIVE, 0x500, 0x7f0000001000L, 1 << 20, text,
                                "open"))),
                new Holder(HolderKind.UNEXPLAINED_UNOWNED, text, 10, 1, text, Map.of(),
                        List.of(new HolderDetail.UnexplainedBuffer(0xdef, 10, BufferState.LIVE, List.of("class " + text + "#" + text,
                                "java.nio.DirectByteBuffer")))));
    }

    static DumpInfo dump(String path, String jvmVersion) {
        return new DumpInfo(path, "JAVA PROFILE 1.0.2", 8, Instant.parse("2026-11-27T10:00:00Z"), jvmVersion, "9 to 20",
                false, 1 << 20, true, 6 << 20, 1, 50_000, 20_000);
    }

    static Totals totals() {
        return new Totals(3, 2, 1, 0, 0, 1, 1, 0, 4096, 1 << 20, 0, 0, 0, 0, 0);
    }

    /** {@code n} owners with distinct capacities (1 to n bytes), alternately live and awaiting a GC, and no GC log. */
    static Diagnosis manyBuffers(int n) {
        List<Buffer> buffers = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            buffers.add(new Buffer(0x10_0000L + 64L * i, "java.nio.DirectByteBuffer", i, 0x7f00_0000L + i, BufferKind.OWNER,
                    i % 2 == 0 ? BufferState.LIVE : BufferState.AWAITING_GC, 0, i, Generation.UNKNOWN, 0));
        }
        return new Diagnosis(dump("/tmp/many.hprof", null), totals(), new Accounting(null, null, null, null), buffers, List.of(),
                null, List.of(), "many buffers", List.of(), List.of());
    }

    /** The same diagnosis with another GC summary. */
    static Diagnosis withGc(Diagnosis d, GcSummary gc) {
        return new Diagnosis(d.dump(), d.totals(), d.accounting(), d.buffers(), d.retainers(), gc, d.findings(), d.verdict(),
                d.warnings(), d.holders());
    }

    static GcSummary gc(Double dumpUptime, Double lastOld, List<GcPoint> timeline) {
        return new GcSummary(List.of("gc.log"), "PARALLEL", "17.0.15", Map.of(), timeline.size(), timeline.size(), 0, 0, 0,
                timeline.isEmpty() ? null : timeline.get(0).uptime(),
                timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).uptime(), dumpUptime, lastOld, null, timeline,
                List.of());
    }
}
