package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * How the hostile-input tests read a file and judge the outcome. Every read is measured with the
 * JVM's per-thread allocation counter: the reader runs on the calling thread, so the counter bounds
 * everything it allocated. The bound is a fixed allowance plus a multiple of the data really there (the
 * file's size, or for gzip what it decoded to), far below the gigabytes that the patched length fields
 * claim, so a test fails if the reader ever allocates what a length field says instead of what the
 * file holds.
 */
final class Reading {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The 1 MiB input buffer, the stream buffers and the graph arrays pre-sized for small files. */
    static final long ALLOWANCE = 16L << 20;
    /**
     * Every record costs a few primitive slots of the graph (and their growth), a UTF8 record a String:
     * tens of bytes for a record of at least 5 bytes of data.
     */
    static final long PER_DATA_BYTE = 16;
    private static volatile long lastAllocated;

    private Reading() {
    }

    static HeapGraph read(Path file) throws IOException {
        return read(file, Set.of());
    }

    static HeapGraph read(Path file, Set<String> keepFieldsOf) throws IOException {
        return read(file, keepFieldsOf, ALLOWANCE);
    }

    static HeapGraph read(Path file, Set<String> keepFieldsOf, long allowance) throws IOException {
        long size = Files.size(file);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        HeapGraph g = null;
        try {
            g = HprofReader.read(file, new HprofReader.Options(keepFieldsOf, null));
            return g;
        } finally {
            long used = THREADS.getCurrentThreadAllocatedBytes() - before;
            long data = g == null ? size : Math.max(size, g.outcome().bytesDecoded());
            long budget = allowance + PER_DATA_BYTE * data;
            lastAllocated = used;
            assertTrue(used <= budget, () -> "reading " + file.getFileName() + " allocated " + used
                    + " bytes, more than its budget " + budget);
        }
    }

    /** Bytes the last {@link #read} allocated. */
    static long lastAllocated() {
        return lastAllocated;
    }

    /** The file must be rejected with a one-line message that names it (and whatever else is given). */
    static HprofFormatException rejected(Path file, String... mustContain) {
        HprofFormatException e = assertThrows(HprofFormatException.class, () -> read(file),
                () -> file.getFileName() + " should be rejected");
        checkMessage(file, e, mustContain);
        return e;
    }

    static void checkMessage(Path file, HprofFormatException e, String... mustContain) {
        String m = e.getMessage();
        assertNotNull(m);
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
        assertTrue(m.startsWith(file.toString() + ": "), () -> "message does not start with the file: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), () -> "message lacks \"" + s + "\": " + m);
        }
    }

    /** The file must be read as far as it goes, marked truncated, with a warning saying how much was read. */
    static HeapGraph truncated(Path file) throws IOException {
        HeapGraph g = read(file);
        checkTruncated(file, g);
        return g;
    }

    static void checkTruncated(Path file, HeapGraph g) {
        assertTrue(g.outcome().truncated(), () -> file.getFileName() + " should be marked truncated; warnings "
                + g.warnings());
        String readTo = String.format("%,d", g.outcome().bytesDecoded());
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("truncated") && w.contains(readTo)),
                () -> "no warning says the dump is truncated after " + readTo + " bytes: " + g.warnings());
    }

    /**
     * Either honest outcome for a damaged file: rejected with a one-line message naming the file, or
     * read as far as it goes and marked truncated. Returns which, or throws if neither.
     */
    static String rejectedOrTruncated(Path file) throws IOException {
        HeapGraph g;
        try {
            g = read(file);
        } catch (HprofFormatException e) {
            checkMessage(file, e);
            return "rejected";
        }
        checkTruncated(file, g);
        return "truncated";
    }

    static void assertSameGraph(HeapGraph expected, HeapGraph actual) {
        assertEquals(expected.objectCount(), actual.objectCount(), "objects");
        assertEquals(expected.edgeCount(), actual.edgeCount(), "edges");
        assertEquals(expected.classCount(), actual.classCount(), "classes");
        assertEquals(expected.rootCount(), actual.rootCount(), "roots");
        for (int c = 0; c < expected.classCount(); c++) {
            HeapClass e = expected.heapClass(c);
            HeapClass a = actual.heapClass(c);
            assertEquals(e, a, "class " + c);
            assertEquals(expected.classObject(e), actual.classObject(a));
            for (HeapClass k = e; k != null; k = expected.superclass(k)) {
                for (FieldDef d : k.fields()) {
                    assertEquals(expected.field(e, k.name(), d.name()), actual.field(a, k.name(), d.name()),
                            () -> "field " + d.name() + " of " + e.name());
                }
            }
        }
        for (int o = 0; o < expected.objectCount(); o++) {
            assertEquals(expected.id(o), actual.id(o));
            assertEquals(expected.kind(o), actual.kind(o));
            assertEquals(expected.classNumberOf(o), actual.classNumberOf(o));
            assertEquals(expected.shallowSize(o), actual.shallowSize(o));
            assertEquals(expected.edgeStart(o), actual.edgeStart(o));
            assertEquals(expected.hasFields(o), actual.hasFields(o));
            if (expected.hasFields(o)) {
                for (HeapClass k = expected.classOf(o); k != null; k = expected.superclass(k)) {
                    for (FieldDef d : k.fields()) {
                        Field f = expected.field(expected.classOf(o), k.name(), d.name());
                        assertEquals(expected.value(o, f), actual.value(o, f), () -> "field " + d.name());
                    }
                }
            }
        }
        DumpSegments es = expected.segments();
        DumpSegments as = actual.segments();
        assertEquals(es.count(), as.count(), "segments");
        for (int i = 0; i < es.count(); i++) {
            assertEquals(es.start(i), as.start(i));
            assertEquals(es.end(i), as.end(i));
        }
        for (int e = 0; e < expected.edgeCount(); e++) {
            assertEquals(expected.edgeTarget(e), actual.edgeTarget(e));
        }
        for (int r = 0; r < expected.rootCount(); r++) {
            assertEquals(expected.rootObject(r), actual.rootObject(r));
            assertEquals(expected.rootKind(r), actual.rootKind(r));
        }
    }
}
