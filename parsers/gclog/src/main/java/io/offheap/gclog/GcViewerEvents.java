package io.offheap.gclog;

import com.tagtraum.perf.gcviewer.imp.DataReader;
import com.tagtraum.perf.gcviewer.imp.DataReaderSun1_6_0;
import com.tagtraum.perf.gcviewer.imp.DataReaderSun1_6_0G1;
import com.tagtraum.perf.gcviewer.imp.GcLogType;
import com.tagtraum.perf.gcviewer.model.AbstractGCEvent;
import com.tagtraum.perf.gcviewer.model.ConcurrentGCEvent;
import com.tagtraum.perf.gcviewer.model.GCEvent;
import com.tagtraum.perf.gcviewer.model.GCModel;
import com.tagtraum.perf.gcviewer.model.GcResourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collections of a pre-unified log as GCViewer 1.36 parses them, turned into {@link GcEvent}s.
 *
 * <p>GCViewer reads our own capped lines, not the file, so a hostile file cannot make it allocate more
 * than a line's worth, and with {@code -XX:+PrintGCID}'s {@code #N: } prefixes removed, which 1.36 does
 * not know, and without lines nested deeper than any record (see {@link #nestsTooDeeply}). Its reader is chosen by us, since the format is already known to be HotSpot: the G1 reader
 * when the log shows G1 records anywhere (GCViewer's own sniffing looks only at the first kilobytes),
 * else the reader GCViewer uses for all JDK 1.4-8 formats (its JDK 1.3.1 reader prints stack traces to
 * stderr and fails on the one 1.3.1 log we have anyway). Each event is located in the file by its stamp among
 * the records {@link LegacyPauses} found; where GCViewer parses nothing from a file that has records,
 * those records become the events, with sizes unknown.
 */
final class GcViewerEvents {
    private static final int MAX_NESTING = 32;
    private static final Pattern GC_ID = Pattern.compile("(?<=: )#\\d{1,12}: ");
    private static final Pattern QUALIFIER = Pattern.compile("\\(((?:[^()]|\\(\\))*)\\)");
    private static final Set<String> SUBTYPES = Set.of("young", "mixed", "partial", "initial-mark",
            "to-space overflow", "to-space exhausted");

    private GcViewerEvents() {
    }

    static void read(FileHistory out, List<LegacyPauses.PauseLine> records) throws IOException {
        GCModel model = null;
        int problems = 0;
        if (!records.isEmpty()) {
            ProblemCount count = new ProblemCount();
            try {
                model = parse(out.file, out.collector == Collector.G1, count);
            } catch (IOException | RuntimeException e) {
                out.warnings.add(out.file + ": GCViewer could not parse the log (" + e.getMessage() + ").");
            } catch (StackOverflowError e) {
                // Its recursion also runs over records it joins from several lines, which nestsTooDeeply cannot
                // see; the half-built model goes with the stack.
                out.warnings.add(out.file + ": GCViewer could not parse the log (a record nests too deeply).");
            }
            problems = count.problems;
        }
        Locator locator = new Locator(records);
        if (model != null) {
            for (Iterator<AbstractGCEvent<?>> it = model.getEvents(); it.hasNext(); ) {
                GcEvent e = convert(it.next(), locator, out.file);
                if (e != null) {
                    out.events.add(e);
                }
            }
        }
        if (out.events.isEmpty() && !records.isEmpty()) {
            out.warnings.add(out.file + ": GCViewer parsed no collection; the " + records.size()
                    + " pause and cycle records of the file are listed without heap sizes.");
            for (LegacyPauses.PauseLine p : records) {
                out.events.add(new GcEvent(p.uptimeSeconds(), p.wallClock(), p.kind(), p.cause(), Double.NaN,
                        -1, -1, -1, -1, -1, -1, out.file, p.line()));
            }
        } else if (problems > 0) {
            out.warnings.add(out.file + ": GCViewer could not parse " + problems + " record(s).");
        }
    }

    private static GCModel parse(Path file, boolean g1, ProblemCount count) throws IOException {
        GcResourceFile resource = new GcResourceFile(file.toFile());
        Logger quiet = Logger.getAnonymousLogger();
        quiet.setUseParentHandlers(false);
        quiet.setLevel(Level.WARNING);
        quiet.addHandler(count);
        resource.setLogger(quiet);
        try (InputStream in = feed(file)) {
            DataReader reader = g1
                    ? new DataReaderSun1_6_0G1(resource, in, GcLogType.SUN1_6G1)
                    : new DataReaderSun1_6_0(resource, in, GcLogType.SUN1_6);
            return reader.read();
        }
    }

    private static GcEvent convert(AbstractGCEvent<?> e, Locator locator, Path file) {
        String type = e.getTypeAsString();
        GcEvent.Kind kind;
        if (e instanceof ConcurrentGCEvent) {
            if (!type.endsWith("concurrent-mark-start")) {
                return null; // one event per cycle, at the start of its marking
            }
            kind = GcEvent.Kind.CONCURRENT_CYCLE;
        } else if (!(e instanceof GCEvent)) {
            return null; // safepoint (VM operation) records are not collections
        } else if (e.isFull()) {
            kind = GcEvent.Kind.FULL;
        } else if (type.contains("CMS-initial-mark")) {
            kind = GcEvent.Kind.INITIAL_MARK;
        } else if (type.contains("CMS-remark") || type.startsWith("GC remark")) {
            kind = GcEvent.Kind.REMARK;
        } else if (type.startsWith("GC cleanup")) {
            kind = GcEvent.Kind.CLEANUP;
        } else if (type.contains("(mixed)") || type.contains("(partial)")) {
            kind = GcEvent.Kind.MIXED;
        } else {
            kind = GcEvent.Kind.YOUNG;
        }
        Instant wall = e.getDatestamp() == null ? null : e.getDatestamp().toInstant();
        LegacyPauses.PauseLine at = locator.find(kind, e.getTimestamp(), wall);
        if (type.equals("GC") && at != null && at.kind() != GcEvent.Kind.FULL) {
            kind = at.kind(); // GCViewer types some records just "GC" (iCMS's ASCMS-initial-mark); the text knows better
        }
        double uptime = at != null ? at.uptimeSeconds() : e.getTimestamp();
        String cause = cause(e);
        if (cause == null && at != null) {
            cause = at.cause();
        }
        GCEvent tenured = e instanceof GCEvent g ? g.getTenured() : null;
        boolean sized = e.getTotal() > 0;
        boolean oldSized = tenured != null && tenured.getTotal() > 0;
        return new GcEvent(uptime, wall, kind, cause, kind == GcEvent.Kind.CONCURRENT_CYCLE ? Double.NaN : e.getPause(),
                sized ? kib(e.getPreUsed()) : -1, sized ? kib(e.getPostUsed()) : -1, sized ? kib(e.getTotal()) : -1,
                oldSized ? kib(tenured.getPreUsed()) : -1, oldSized ? kib(tenured.getPostUsed()) : -1,
                oldSized ? kib(tenured.getTotal()) : -1, file, at == null ? 0 : at.line());
    }

    /** GCViewer keeps the cause in the event's type name: {@code Full GC (System.gc())}, {@code GC pause (G1 ...) (young)}. */
    private static String cause(AbstractGCEvent<?> e) {
        Matcher q = QUALIFIER.matcher(e.getExtendedType().getName());
        while (q.find()) {
            if (!SUBTYPES.contains(q.group(1))) {
                return "System".equals(q.group(1)) ? "System.gc()" : q.group(1);
            }
        }
        return e.isSystem() ? "System.gc()" : null;
    }

    /**
     * GCViewer's KiB as bytes, or -1 (unknown) for a negative value: GCViewer derives the old generation as
     * heap minus young, which a record missing its heap-before size makes negative.
     */
    private static long kib(int value) {
        return value < 0 ? -1 : (long) value << 10;
    }

    /** The file as GCViewer should see it: our capped lines, without PrintGCID prefixes. */
    private static InputStream feed(Path file) throws IOException {
        LogLines lines = LogLines.open(file);
        return new InputStream() {
            private byte[] buffer = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                return fill() ? buffer[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, buffer.length - pos);
                System.arraycopy(buffer, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() throws IOException {
                while (pos >= buffer.length) {
                    String line = lines.next();
                    if (line == null) {
                        return false;
                    }
                    buffer = (nestsTooDeeply(line) ? "\n" : GC_ID.matcher(line).replaceAll("") + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return true;
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    /**
     * Whether a line nests more {@code [} than any HotSpot record (3 in the corpus). GCViewer parses nested
     * records recursively, copying the rest of the line at each level: a line of a few thousand levels
     * costs it a gigabyte and overflows its stack. Such a line is withheld from it, and the count check
     * reports its record as unparsed.
     */
    private static boolean nestsTooDeeply(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[' && ++depth > MAX_NESTING) {
                return true;
            }
            if (c == ']' && depth > 0) {
                depth--;
            }
        }
        return false;
    }

    /** Finds the record an event came from by its uptime stamp (or date stamp when the log has no uptimes). */
    private static final class Locator {
        private final Map<Long, Deque<LegacyPauses.PauseLine>> pauses = new HashMap<>();
        private final Map<Long, Deque<LegacyPauses.PauseLine>> cycles = new HashMap<>();

        Locator(List<LegacyPauses.PauseLine> records) {
            for (LegacyPauses.PauseLine p : records) {
                Map<Long, Deque<LegacyPauses.PauseLine>> map = p.kind() == GcEvent.Kind.CONCURRENT_CYCLE ? cycles : pauses;
                map.computeIfAbsent(key(p.uptimeSeconds(), p.wallClock()), k -> new ArrayDeque<>()).add(p);
            }
        }

        /** The first unclaimed record with the event's stamp, preferring one of the same kind (a CMS remark and
         *  the scavenge before it share a stamp). */
        LegacyPauses.PauseLine find(GcEvent.Kind kind, double uptime, Instant wall) {
            Map<Long, Deque<LegacyPauses.PauseLine>> map = kind == GcEvent.Kind.CONCURRENT_CYCLE ? cycles : pauses;
            Deque<LegacyPauses.PauseLine> q = map.get(Math.round(uptime * 1000));
            if ((q == null || q.isEmpty()) && wall != null) {
                q = map.get(wall.toEpochMilli());
            }
            if (q == null || q.isEmpty()) {
                return null;
            }
            for (Iterator<LegacyPauses.PauseLine> it = q.iterator(); it.hasNext(); ) {
                LegacyPauses.PauseLine p = it.next();
                if (p.kind() == kind) {
                    it.remove();
                    return p;
                }
            }
            return q.poll();
        }

        private static long key(double uptime, Instant wall) {
            return Double.isNaN(uptime) && wall != null ? wall.toEpochMilli() : Math.round(uptime * 1000);
        }
    }

    /** Counts the records GCViewer logs as unparseable instead of printing them. */
    private static final class ProblemCount extends Handler {
        int problems;

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
