package io.offheap.gclog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.offheap.samples.Deadline;
import io.offheap.samples.FuzzInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Any bytes written to a file and read as a GC log end in one of two ways: a {@link GcHistory} whose
 * events are time-ordered where their uptimes are known, whose counts and sizes are not negative and
 * whose warnings are one line each naming the file; or a {@link GcLogException} with a one-line message
 * naming the file. Any other exception (an IOException too: the file is readable), an allocation beyond
 * the bound of {@link Reading}, anything printed to {@code System.err} or the root logger while reading
 * (GCViewer is third-party code that prints stack traces in places), or a read that takes more than
 * {@value #HANG_SECONDS} s, is a bug.
 *
 * <p>Without {@code JAZZER_FUZZ} both methods run once per file in {@code GcLogReaderFuzzTestInputs/} as
 * regression tests. The seeds there are the first few KiB, cut at a line end, of corpus logs of each
 * family: {@code generated/jdk17/g1-churn.gcstar.time-uptime-level-tags.log} and
 * {@code zgc-churn.gcheap-debug.uptime-level-tags.log} (unified, decorated),
 * {@code gcviewer/openjdk/SampleSun1_8_0Series-Part1.txt} (JDK 8 PrintGCDetails with the version and
 * {@code CommandLine flags:} header), {@code production/.../cms/parnew/details/apptio_gc.log} (CMS),
 * {@code gcviewer/openjdk/SampleSun1_8_0G1PrintHeapAtGc.txt} (G1 pre-unified with PrintHeapAtGC),
 * {@code production/.../streaming/gc.log.gz} (decoded, cut and gzipped again) and
 * {@code gcviewer/ibm/SampleIBMJ9_R28_af_scavenge_full_header.txt} (IBM J9 XML, to be refused). The
 * other files are what this fuzzer found in the reader before it was hardened: {@code crash-1db20f...}, a
 * ParNew record without its heap-before size, for which GCViewer derives a negative old generation;
 * {@code crash-b24c9c...}, a record whose nested {@code [} overflowed GCViewer's recursive parser under
 * Jazzer's instrumentation, and {@code deep-nesting.log.gz}, one 64 KiB line of such nesting that
 * overflows it on a default stack; {@code gzip-cut-*}, gzip streams cut inside their header and inside
 * their data, which escaped as a bare EOFException.
 *
 * <p>With {@code JAZZER_FUZZ=1}, {@link #everyBuild} fuzzes for seconds (the build's {@code fuzz}
 * execution runs it) and {@link #longRun} for half an hour. Jazzer stores a new finding as
 * {@code GcLogReaderFuzzTestInputs/<method>/crash-*}: move it up beside the seeds so that both methods
 * replay it. A run stopped by a signal stores the input it was reading as a crash too; such a file that
 * passes here is no finding and can go.
 */
class GcLogReaderFuzzTest {
    /**
     * While fuzzing, Jazzer instruments classes as they load and its hooks run on the reading thread, so
     * its allocations count too: hundreds of MB on some inputs (a 110 KB log of deeply nested ParNew
     * records allocated 410 MB under Jazzer and 5 MB without it). Replays without Jazzer keep a tight bound.
     */
    private static final long ALLOWANCE = System.getenv("JAZZER_FUZZ") != null ? 1L << 30 : 256L << 20;
    /**
     * Per input. Not JUnit's @Timeout: JUnit would also apply it to the whole fuzzing run, which Jazzer
     * executes as one invocation of the method.
     */
    private static final int HANG_SECONDS = 10;
    private static final String READER = "gclog-fuzz-reader";
    private static final StackWalker STACK = StackWalker.getInstance();
    /** What the reading thread printed to System.err or logged through the root logger. */
    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    private static final FuzzInput FILE = new FuzzInput("gclog-fuzz", ".log");
    private static final Deadline DEADLINE = new Deadline(READER, HANG_SECONDS);

    static {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (onReader()) {
                    synchronized (PRINTED) {
                        PRINTED.write(b, off, len);
                    }
                } else {
                    err.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                err.flush();
            }
        }, true));
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (onReader() && isLoggable(r)) {
                    synchronized (PRINTED) {
                        PRINTED.writeBytes((r.getLoggerName() + ": " + r.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @FuzzTest(maxDuration = "15s")
    void everyBuild(byte[] input) throws Exception {
        DEADLINE.run("reading " + input.length + " bytes", () -> readOrReject(input));
    }

    @FuzzTest(maxDuration = "30m")
    void longRun(byte[] input) throws Exception {
        DEADLINE.run("reading " + input.length + " bytes", () -> readOrReject(input));
    }

    /** Whether the reading thread is running something other than Jazzer, which logs the classes it instruments. */
    private static boolean onReader() {
        return Thread.currentThread().getName().equals(READER)
                && STACK.walk(s -> s.noneMatch(f -> f.getClassName().startsWith("com.code_intelligence.jazzer.")));
    }

    private static void readOrReject(byte[] input) throws IOException {
        Path f = FILE.write(input);
        synchronized (PRINTED) {
            PRINTED.reset();
        }
        try {
            checkHistory(f, Reading.read(f, ALLOWANCE));
        } catch (GcLogException e) {
            Reading.checkMessage(f, e);
        } finally {
            String printed;
            synchronized (PRINTED) {
                printed = PRINTED.toString(StandardCharsets.UTF_8);
            }
            assertTrue(printed.isEmpty(), () -> "reading printed to System.err or the root logger:\n" + printed);
        }
    }

    private static void checkHistory(Path f, GcHistory h) {
        assertEquals(List.of(f), h.files());
        double last = Double.NEGATIVE_INFINITY;
        for (GcEvent e : h.events()) {
            double t = e.uptimeSeconds();
            assertFalse(Double.isNaN(last) && !Double.isNaN(t), "an event with an uptime follows one without");
            assertFalse(t < last, () -> "events out of order: " + t + " after " + h.events());
            last = t;
            assertEquals(f, e.file());
            assertTrue(e.line() >= 0);
            for (long size : new long[] {e.heapBeforeBytes(), e.heapAfterBytes(), e.heapCapacityBytes(),
                    e.oldBeforeBytes(), e.oldAfterBytes(), e.oldCapacityBytes()}) {
                assertTrue(size >= -1, () -> "negative size in " + e);
            }
        }
        LineCounts c = h.counts();
        for (int n : new int[] {c.fullCollections(), c.youngCollections(), c.mixedCollections(), c.initialMarks(),
                c.remarks(), c.concurrentCycles(), c.explicitGcCalls()}) {
            assertTrue(n >= 0, () -> "negative count in " + c);
        }
        for (String w : h.warnings()) {
            assertFalse(w.contains("\n") || w.contains("\r"), () -> "warning is not one line: " + w);
            assertTrue(w.contains(f.toString()), () -> "warning does not name the file: " + w);
        }
        assertTrue(h.maxHeapBytes() >= -1);
    }
}
