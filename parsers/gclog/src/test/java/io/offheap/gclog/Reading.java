package io.offheap.gclog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * How the hostile-input tests read a file and judge the outcome. Every read is measured with the
 * JVM's per-thread allocation counter: the reader (GCViewer included) runs on the calling thread, so the
 * counter bounds everything it allocated. The bound is a fixed allowance plus a multiple of the text
 * really there (the file's size, or for gzip what it decodes to), so a test fails if reading ever costs
 * more than a linear pass over the text.
 */
final class Reading {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The line buffers and stream buffers of the four passes over a file, and GCViewer's class set-up. */
    static final long ALLOWANCE = 16L << 20;
    /**
     * Every line becomes a String in each pass and is matched by our patterns and GCViewer's, which
     * copy and split it again, and GCViewer throws (and fills the stack trace of) an exception for every
     * record it cannot parse: a 400 KB log of 30,000 broken records allocates 150 MB, about 375 bytes per
     * byte. Under Jazzer its instrumentation multiplies that about twelvefold. A cost quadratic in a
     * line's length, up to 64 KiB, still exceeds both budgets by far.
     */
    static final long PER_DATA_BYTE = System.getenv("JAZZER_FUZZ") != null ? 8192 : 512;

    private Reading() {
    }

    static GcHistory read(Path file, long allowance) throws IOException, GcLogException {
        long data = Math.max(Files.size(file), decodedSize(file));
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            return GcLogReader.read(List.of(file));
        } finally {
            long used = THREADS.getCurrentThreadAllocatedBytes() - before;
            long budget = allowance + PER_DATA_BYTE * data;
            assertTrue(used <= budget, () -> "reading " + file.getFileName() + " (" + data + " bytes of text) allocated "
                    + used + " bytes, more than its budget " + budget);
        }
    }

    /** What a gzip file decodes to, as far as it decodes; 0 for anything else. */
    static long decodedSize(Path file) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(2);
        }
        if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
            return 0;
        }
        long n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] b = new byte[1 << 16];
            for (int r = in.read(b); r >= 0; r = in.read(b)) {
                n += r;
            }
        } catch (IOException e) {
            // damaged or cut: what decoded so far is what the reader can see
        }
        return n;
    }

    /** A refusal must be one line that names the file. */
    static void checkMessage(Path file, GcLogException e) {
        String m = e.getMessage();
        assertNotNull(m);
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
        assertTrue(m.startsWith(file.toString() + ": "), () -> "message does not start with the file: " + m);
    }
}
