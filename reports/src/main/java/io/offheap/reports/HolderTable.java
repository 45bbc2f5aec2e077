package io.offheap.reports;

import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One well-known holder as the HTML report shows it: its description, figures, facts and advice, and its
 * details as tables, one per sort of detail (threads, files, buffers), with the columns that sort has.
 * Strings from the dump (thread names, file paths, class names on a path) pass through unchanged; the
 * template escapes them. Each table shows its first {@link #TOP_ROWS} details in the analyzer's order
 * (biggest first); the JSON report has all.
 */
record HolderTable(String kind, String description, long bytes, int buffers, String advice, List<HtmlPage.Fact> facts,
                   List<Details> details) {

    static final int TOP_ROWS = 50;

    /** The details of one sort: headings, the rows shown, and how many more there are. */
    record Details(List<Column> columns, List<List<Cell>> rows, int moreRows) {
    }

    /** A column heading; {@code numeric} right-aligns it. */
    record Column(String name, boolean numeric) {
    }

    /** One table cell: {@code title} its tooltip (null for none), {@code numeric} right-aligned, {@code code} a name from the dump. */
    record Cell(String text, String title, boolean numeric, boolean code) {
        static Cell text(String text) {
            return new Cell(text, null, false, false);
        }

        static Cell code(String text, String missing) {
            return text == null ? new Cell(missing, null, false, false) : new Cell(text, null, false, true);
        }

        static Cell bytes(long bytes) {
            return new Cell(Text.bytes(bytes), Text.exact(bytes), true, false);
        }

        static Cell number(long n) {
            return new Cell(Text.count(n), null, true, false);
        }

        static Cell id(long id) {
            return new Cell(Text.hex(id), null, false, false);
        }
    }

    static List<HolderTable> of(List<Holder> holders) {
        List<HolderTable> tables = new ArrayList<>();
        for (Holder h : holders) {
            tables.add(of(h));
        }
        return List.copyOf(tables);
    }

    static HolderTable of(Holder h) {
        List<HtmlPage.Fact> facts = new ArrayList<>();
        for (Map.Entry<String, Object> e : h.facts().entrySet()) {
            facts.add(HtmlPage.evidence(e.getKey(), e.getValue()));
        }
        Map<Class<?>, List<HolderDetail>> bySort = new LinkedHashMap<>();
        for (HolderDetail d : h.details()) {
            bySort.computeIfAbsent(d.getClass(), k -> new ArrayList<>()).add(d);
        }
        List<Details> details = new ArrayList<>();
        for (List<HolderDetail> sort : bySort.values()) {
            List<List<Cell>> rows = new ArrayList<>();
            for (HolderDetail d : sort.subList(0, Math.min(TOP_ROWS, sort.size()))) {
                rows.add(row(d));
            }
            details.add(new Details(columns(sort.get(0)), List.copyOf(rows), Math.max(0, sort.size() - TOP_ROWS)));
        }
        return new HolderTable(h.kind().label(), h.description(), h.bytes(), h.buffers(), h.advice(), List.copyOf(facts),
                List.copyOf(details));
    }

    private static List<Column> columns(HolderDetail d) {
        if (d instanceof HolderDetail.ThreadCache) {
            return List.of(new Column("Thread", false), new Column("Bytes", true), new Column("Buffers", true),
                    new Column("Largest buffer", true));
        }
        if (d instanceof HolderDetail.MappedFile) {
            return List.of(new Column("File", false), new Column("Mapped", true), new Column("Capacity", true),
                    new Column("State", false), new Column("Buffer", false));
        }
        if (d instanceof HolderDetail.NettyArena) {
            return List.of(new Column("Arena", false), new Column("Chunks", true), new Column("Chunk size", true),
                    new Column("Used", true), new Column("Free in chunks", true), new Column("Huge allocations", true),
                    new Column("Huge bytes", true), new Column("Thread caches", true), new Column("Netty counts", true),
                    new Column("Cached in threads", true), new Column("Allocator", false));
        }
        if (d instanceof HolderDetail.NettyThreadCache) {
            return List.of(new Column("Thread", false), new Column("Cached", true), new Column("Entries", true),
                    new Column("Arena", false), new Column("Cache", false));
        }
        if (d instanceof HolderDetail.NettyBuffer) {
            return List.of(new Column("Unpooled buffer", false), new Column("Capacity", true), new Column("State", false),
                    new Column("Cleaner", false), new Column("Buffer", false));
        }
        if (d instanceof HolderDetail.NettyCounter) {
            return List.of(new Column("Netty counter", false), new Column("Used", true), new Column("Limit", true),
                    new Column("No-cleaner buffers", false), new Column("JDK limit", true));
        }
        if (d instanceof HolderDetail.ForeignBuffer) {
            return List.of(new Column("Arena", false), new Column("Arena state", false), new Column("Capacity", true),
                    new Column("Segment length", true), new Column("Segment address", false), new Column("State", false),
                    new Column("Buffer", false));
        }
        return List.of(new Column("Path from a GC root", false), new Column("Capacity", true), new Column("State", false),
                new Column("Buffer", false));
    }

    private static List<Cell> row(HolderDetail d) {
        if (d instanceof HolderDetail.ThreadCache t) {
            return List.of(Cell.code(t.thread(), "(unnamed thread)"), Cell.bytes(t.bytes()), Cell.number(t.buffers()),
                    Cell.bytes(t.largestBytes()));
        }
        if (d instanceof HolderDetail.MappedFile m) {
            Cell file = m.file() == null ? Cell.text("(file not in the dump)")
                    : new Cell(m.file(), "found through " + m.fileFrom(), false, true);
            return List.of(file, Cell.bytes(m.bytes()), Cell.bytes(m.capacity()), Cell.text(m.state().label()), Cell.id(m.buffer()));
        }
        if (d instanceof HolderDetail.NettyArena a) {
            return List.of(Cell.text(a.index() < 0 ? Text.hex(a.arena()) : "#" + a.index()), Cell.number(a.chunks()),
                    Cell.bytes(a.chunkSize()), Cell.bytes(a.usedBytes()), Cell.bytes(a.freeBytes()), Cell.number(a.hugeChunks()),
                    Cell.bytes(a.hugeBytes()), Cell.number(a.threadCaches()),
                    a.numThreadCaches() == null ? Cell.text("unknown") : Cell.number(a.numThreadCaches()),
                    Cell.bytes(a.cachedBytes()), Cell.id(a.allocator()));
        }
        if (d instanceof HolderDetail.NettyThreadCache t) {
            return List.of(Cell.code(t.thread(), "(thread not in the dump)"), Cell.bytes(t.bytes()), Cell.number(t.entries()),
                    Cell.text(t.index() < 0 ? Text.hex(t.arena()) : "#" + t.index()), Cell.id(t.cache()));
        }
        if (d instanceof HolderDetail.NettyBuffer b) {
            return List.of(Cell.code(b.className(), ""), Cell.bytes(b.capacity()), Cell.text(b.state().label()),
                    Cell.text(b.noCleaner() ? "none: freed only by release()" : "yes"), Cell.id(b.buffer()));
        }
        if (d instanceof HolderDetail.NettyCounter c) {
            return List.of(Cell.code(c.className(), ""), c.usedBytes() == null ? Cell.text("none") : Cell.bytes(c.usedBytes()),
                    c.limitBytes() == null ? Cell.text("unknown") : Cell.bytes(c.limitBytes()),
                    Cell.text(c.noCleaner() == null ? "unknown" : c.noCleaner() ? "yes" : "no"),
                    c.jdkLimitBytes() == null ? Cell.text("unknown") : Cell.bytes(c.jdkLimitBytes()));
        }
        if (d instanceof HolderDetail.ForeignBuffer f) {
            return List.of(Cell.text(f.arena() == null ? "unknown" : f.arena()),
                    Cell.text(f.arenaState() == null ? "unknown" : f.arenaState()), Cell.bytes(f.capacity()), Cell.bytes(f.length()),
                    Cell.text(Text.hex(f.address())), Cell.text(f.state().label()), Cell.id(f.buffer()));
        }
        HolderDetail.UnexplainedBuffer u = (HolderDetail.UnexplainedBuffer) d;
        return List.of(Cell.code(u.path().isEmpty() ? null : String.join(" → ", u.path()), "(unreachable)"),
                Cell.bytes(u.capacity()), Cell.text(u.state().label()), Cell.id(u.buffer()));
    }
}
