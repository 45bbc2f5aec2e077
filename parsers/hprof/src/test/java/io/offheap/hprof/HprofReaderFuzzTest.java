package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.offheap.samples.Deadline;
import io.offheap.samples.FuzzInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Any bytes given to the reader as a file end in one of two ways: a graph whose indices all hold
 * together, or an {@link HprofFormatException} with a one-line message naming the file. Any other
 * exception, an allocation beyond the bound of {@link Reading}, or a read that takes more than
 * {@value #HANG_SECONDS} s, is a bug.
 *
 * <p>Without {@code JAZZER_FUZZ} both methods run once per file in {@code HprofReaderFuzzTestInputs/} as
 * regression tests. The seeds there are cut from corpus dumps: the first 4 KiB of
 * {@code openjdk-jdk8u-jhat/minimal.bin} (hprof agent, identifier size 4) and of
 * {@code eclipse-mat/oracle_jdk8_05_x64.hprof}; and small dumps made of the header, the first UTF8 and
 * LOAD CLASS records, and one heap dump record holding the first few sub-records of each kind of
 * {@code hprof-cpp/test1.hprof} (segmented; also gzipped), {@code eclipse-mat/oracle_jdk8_05_x64.hprof}
 * (HEAP DUMP, 1.0.1) and {@code eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof} (identifier
 * size 4). The {@code crash-*} files are what this fuzzer found in the reader before it was hardened:
 * gzip files cut inside their header, which escaped as a bare EOFException; a gzip stream cut where the
 * reader skipped by the stream's skip ({@code crash-c79f...}), which did too; and a dump cut inside a
 * primitive array's elements ({@code crash-6148...}), whose array the second pass cannot give.
 *
 * <p>With {@code JAZZER_FUZZ=1}, {@link #everyBuild} fuzzes for seconds (the build's {@code fuzz}
 * execution runs it) and {@link #longRun} for half an hour. Jazzer stores a new finding as
 * {@code HprofReaderFuzzTestInputs/<method>/crash-*}: move it up beside the seeds so that both methods
 * replay it. A run stopped by a signal stores the input it was reading as a crash too; such a file that
 * passes here is no finding and can go.
 */
class HprofReaderFuzzTest {
    private static final Set<String> KEEP = Set.of("java.lang.Object", "java.nio.Buffer");
    /**
     * While fuzzing, Jazzer instruments classes as they load and its hooks run on the reading thread, so
     * its allocations count too (up to ~50 MB on the first inputs). Still far below what a length field
     * can claim: inputs are a few KiB, a claimed length is up to 4 GiB.
     */
    private static final long ALLOWANCE = 256L << 20;
    /**
     * Per input. Not JUnit's @Timeout: JUnit would also apply it to the whole fuzzing run, which Jazzer
     * executes as one invocation of the method.
     */
    private static final int HANG_SECONDS = 10;
    private static final FuzzInput FILE = new FuzzInput("hprof-fuzz", ".hprof");
    private static final Deadline DEADLINE = new Deadline("hprof-fuzz-reader", HANG_SECONDS);

    @FuzzTest(maxDuration = "15s")
    void everyBuild(byte[] input) throws Exception {
        DEADLINE.run("reading " + input.length + " bytes", () -> readOrReject(input));
    }

    @FuzzTest(maxDuration = "30m")
    void longRun(byte[] input) throws Exception {
        DEADLINE.run("reading " + input.length + " bytes", () -> readOrReject(input));
    }

    private static void readOrReject(byte[] input) throws IOException {
        Path f = FILE.write(input);
        HeapGraph g;
        try {
            g = Reading.read(f, KEEP, ALLOWANCE);
        } catch (HprofFormatException e) {
            Reading.checkMessage(f, e);
            return;
        }
        checkGraph(g, input.length);
        checkSecondPass(g);
    }

    /**
     * The second pass over a file the first pass read never fails, and finds every requested object the graph
     * holds (the first few and last few, of those it reads: instances and primitive arrays) unless the dump is
     * truncated: an array cut inside its elements is in the graph, but has no contents to give.
     */
    private static void checkSecondPass(HeapGraph g) throws IOException {
        int n = g.objectCount();
        List<Long> ids = new ArrayList<>();
        for (int o = 0; o < n; o = o == 15 && n > 32 ? n - 16 : o + 1) {
            ids.add(g.id(o));
        }
        ObjectContents contents = HprofReader.readContents(g, ids);
        for (int o = 0; !g.outcome().truncated() && o < n; o = o == 15 && n > 32 ? n - 16 : o + 1) {
            long id = g.id(o);
            if (g.kind(o) == ObjectKind.INSTANCE && id != 0) {
                assertNotNull(contents.fields(id), "instance 0x" + Long.toHexString(id));
            } else if (g.kind(o) == ObjectKind.PRIMITIVE_ARRAY && id != 0) {
                assertNotNull(contents.array(id), "primitive array 0x" + Long.toHexString(id));
            }
        }
    }

    /** Every index the graph hands out points inside it, and every accessor answers. */
    private static void checkGraph(HeapGraph g, int inputLength) {
        int n = g.objectCount();
        if (!g.outcome().compressed()) {
            assertTrue(g.outcome().bytesDecoded() <= inputLength);
        }
        for (int o = 0; o < n; o++) {
            HeapClass c = g.classOf(o);
            assertNotNull(c);
            long id = g.id(o);
            assertTrue(id == 0 || g.id(g.indexOf(id)) == id, "id index");
            assertTrue(g.edgeStart(o) <= g.edgeEnd(o));
            for (int e = g.edgeStart(o); e < g.edgeEnd(o); e++) {
                int t = g.edgeTarget(e);
                assertTrue(t >= -1 && t < n);
                assertNotNull(g.slotName(o, e));
            }
            if (g.hasFields(o)) {
                for (HeapClass k = c; k != null; k = g.superclass(k)) {
                    for (FieldDef d : k.fields()) {
                        Field f = g.field(c, k.name(), d.name());
                        if (f != null) {
                            g.value(o, f);
                        }
                    }
                }
            }
        }
        for (int r = 0; r < g.rootCount(); r++) {
            assertTrue(g.rootObject(r) >= 0 && g.rootObject(r) < n);
            assertNotNull(g.rootKind(r));
        }
        for (int c = 0; c < g.classCount(); c++) {
            int mirror = g.classObject(g.heapClass(c));
            assertTrue(mirror >= -1 && mirror < n);
        }
    }
}
