package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code ../shared/corpus/hprof}, checked against the facts that SOURCES.md gives for it
 * (its table was made by an independent triage parser; generated/ by the program that made the dumps).
 */
class CorpusTest {
    private static final String DBB = "java.nio.DirectByteBuffer";
    private static final String DBBR = "java.nio.DirectByteBufferR";

    /**
     * One row of the SOURCES.md table. {@code dbb}/{@code dbbR}: instances of DirectByteBuffer and
     * DirectByteBufferR, -1 where the dump has no such class; {@code withCleaner}/{@code cleanerBytes}:
     * DirectByteBuffers whose cleaner field is set, and their summed capacity.
     */
    record Facts(String file, long bytes, String format, int idSize, String timestamp, int dbb, int dbbR,
                 int withCleaner, long cleanerBytes, int heapDumps) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Facts> sources() {
        return Stream.of(
                new Facts("eclipse-mat/HeapDumpSample.hprof", 3_570_837, "JAVA PROFILE 1.0.1", 4, "2008-08-08T14:17:42Z", 6, -1, 3, 24_766, 1),
                new Facts("eclipse-mat/openjdk_jdk11_04_x64.hprof.gz", 3_018_672, "JAVA PROFILE 1.0.2", 8, "2019-11-16T10:53:20Z", 7, 5, 0, 0, 1),
                new Facts("eclipse-mat/oracle_jdk7_75_x64_directmemory.hprof", 4_016_973, "JAVA PROFILE 1.0.1", 8, "2015-07-23T14:14:51Z", 9, -1, 1, 7_340_032, 1),
                new Facts("eclipse-mat/oracle_jdk8_05_x64.hprof", 1_816_527, "JAVA PROFILE 1.0.1", 8, "2014-04-28T07:43:27Z", 6, -1, 0, 0, 1),
                new Facts("eclipse-mat/sun_jdk5_13_x32.hprof", 1_691_635, "JAVA PROFILE 1.0.1", 4, "2010-02-05T14:27:34Z", -1, -1, 0, 0, 1),
                new Facts("eclipse-mat/sun_jdk6_18_x64.hprof", 3_020_841, "JAVA PROFILE 1.0.1", 8, "2009-11-03T07:42:19Z", 0, -1, 0, 0, 1),
                new Facts("eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof", 486_947, "JAVA PROFILE 1.0.2", 4, "2012-03-05T13:31:25Z", -1, -1, 0, 0, 2),
                new Facts("hprof-cpp/test1.hprof", 3_737_979, "JAVA PROFILE 1.0.2", 8, "2025-01-20T00:23:27Z", 7, -1, 1, 8_192, 1),
                new Facts("openjdk-jdk8u-jhat/minimal.bin", 66_153, "JAVA PROFILE 1.0.1", 4, "2006-10-27T09:34:11Z", -1, -1, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("sources")
    void readsWhatSourcesMdStates(Facts f) throws IOException {
        Path file = Corpus.dump(f.file);
        assertEquals(f.bytes, Files.size(file), "the corpus file changed");
        HeapGraph g = Reading.read(file, Set.of("java.nio.Buffer"));
        assertEquals(f.format, g.header().format());
        assertEquals(f.idSize, g.header().idSize());
        assertEquals(Instant.parse(f.timestamp), g.header().timestamp().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(f.heapDumps, g.outcome().heapDumps());
        assertFalse(g.outcome().truncated());
        assertEquals(f.dbb, instances(g, DBB));
        assertEquals(f.dbbR, instances(g, DBBR));
        int withCleaner = 0;
        long cleanerBytes = 0;
        for (int o : instancesOf(g, DBB)) {
            HeapClass c = g.classOf(o);
            if (g.value(o, g.field(c, DBB, "cleaner")) != 0) {
                withCleaner++;
                cleanerBytes += g.value(o, g.field(c, "java.nio.Buffer", "capacity"));
            }
        }
        assertEquals(f.withCleaner, withCleaner, "buffers with a cleaner");
        assertEquals(f.cleanerBytes, cleanerBytes, "capacity of buffers with a cleaner");
    }

    @Test
    void fileWithoutHeapDumpGivesEmptyGraphAndWarning() throws IOException {
        HeapGraph g = Reading.read(Corpus.dump("openjdk-jdk8u-jhat/minimal.bin"));
        assertEquals(0, g.objectCount());
        assertEquals(0, g.outcome().heapDumps());
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("no heap dump")), g.warnings()::toString);
    }

    @Test
    void hprofAgentFileKeepsTheLastOfItsTwoDumps() throws IOException {
        String name = "eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof";
        HeapGraph g = Reading.read(Corpus.dump(name));
        assertEquals(2, g.outcome().heapDumps());
        assertTrue(g.warnings().stream().anyMatch(w -> w.contains("2 heap dumps")), g.warnings()::toString);
        HprofMap map = new HprofMap(Corpus.uncompressed(name));
        assertEquals(map.objectsBefore(map.data.length), g.objectCount(), "objects of the last dump");
    }

    /** SOURCES.md: a corrupted copy with unknown tags and records claiming 1.1-1.7 GB; must fail cleanly. */
    @Test
    void corruptedVisualVmCopyFailsAtTheUnknownTag() {
        Path file = Corpus.dump("visualvm/small_heap.spellfix-amount.bin");
        Reading.rejected(file, "byte 1,057,472", "0x65");
    }

    /**
     * generated/: DbbGen's own record (jdkNN-expected.txt) of the buffers it held when jcmd dumped it:
     * owners 1048576, 65537, 4099; views slice 4000 and duplicate 1048576 (DirectByteBuffer) and read-only
     * 4099 (DirectByteBufferR); a 777 slice keeping its 33333 parent; an 8192 mapping; the dropped owners
     * 2097155 and 123457 only in the -all dumps. The JDK itself may hold a few more (a 5-byte one here).
     */
    @ParameterizedTest
    @MethodSource("generated")
    void generatedDumpsHoldTheProgramsBuffers(String file) throws IOException {
        HeapGraph g = Reading.read(Corpus.dump(file), Set.of("java.nio.Buffer"));
        assertEquals("JAVA PROFILE 1.0.2", g.header().format());
        assertEquals(8, g.header().idSize());
        assertEquals(1, g.outcome().heapDumps());
        assertFalse(g.outcome().truncated());
        assertTrue(g.outcome().compressed());
        List<Long> direct = capacities(g, DBB);
        List<Long> readOnly = capacities(g, DBBR);
        List<Long> expected = new ArrayList<>(List.of(1_048_576L, 65_537L, 4_099L, 4_000L, 1_048_576L, 777L, 33_333L, 8_192L));
        if (file.contains("-all")) {
            expected.addAll(List.of(2_097_155L, 123_457L));
        } else {
            assertFalse(direct.contains(2_097_155L) || direct.contains(123_457L), "a live dump holds no dropped owner");
        }
        for (long cap : expected) {
            assertTrue(direct.remove(cap), () -> "no DirectByteBuffer of capacity " + cap + " in " + direct);
        }
        assertTrue(direct.size() <= 2, () -> "more buffers than the program and the JDK made: " + direct);
        assertEquals(List.of(4_099L), readOnly);
    }

    /** A "*" entry keeps fields by name suffix (for shaded libraries), with subclasses, and nothing else. */
    @Test
    void aStarEntryKeepsTheFieldsOfClassesWhoseNameEndsWithIt() throws IOException {
        HeapGraph g = Reading.read(Corpus.dump("generated/jdk17-all.hprof.gz"), Set.of("*.nio.DirectByteBuffer"));
        assertFalse(instancesOf(g, DBB).isEmpty());
        instancesOf(g, DBB).forEach(o -> assertTrue(g.hasFields(o)));
        instancesOf(g, DBBR).forEach(o -> assertTrue(g.hasFields(o), "a subclass"));
        instancesOf(g, "java.lang.String").forEach(o -> assertFalse(g.hasFields(o)));
    }

    static Stream<String> generated() {
        return Stream.of("jdk17-all", "jdk17-live", "jdk25-all", "jdk25-live").map(n -> "generated/" + n + ".hprof.gz");
    }

    /** Instances of exactly this class, or -1 if the dump has no class of that name. */
    private static int instances(HeapGraph g, String className) {
        return g.classesNamed(className).isEmpty() ? -1 : instancesOf(g, className).size();
    }

    private static List<Integer> instancesOf(HeapGraph g, String className) {
        List<Integer> found = new ArrayList<>();
        for (int o = 0; o < g.objectCount(); o++) {
            if (g.kind(o) == ObjectKind.INSTANCE && g.classOf(o).name().equals(className)) {
                found.add(o);
            }
        }
        return found;
    }

    private static List<Long> capacities(HeapGraph g, String className) {
        List<Long> caps = new ArrayList<>();
        for (int o : instancesOf(g, className)) {
            caps.add(g.value(o, g.field(g.classOf(o), "java.nio.Buffer", "capacity")));
        }
        return caps;
    }
}
